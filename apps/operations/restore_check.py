"""Checks that a restored database and media folder are whole: the figures an administrator
compares with the source, every file the database names present and readable, and a child's
report opened as a national administrator would open it."""

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import models
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image, UnidentifiedImageError

from apps.accounts.models import Role, User
from apps.reports import selectors
from apps.reports.models import Report
from apps.reports.pages import full_record_context

# The tables whose counts a restore drill compares with the source's.
KEY_MODELS = (
    "directory.State",
    "directory.District",
    "directory.Unit",
    "accounts.User",
    "reports.Report",
    "reports.ReportPhoto",
    "reports.CaseNote",
    "care.ChildInCare",
    "care.CareDocument",
    "matching.MatchCandidate",
    "messaging.Message",
    "citizens.CitizenReport",
    "audit.AccessLog",
)
# File fields that hold photos: these must also decode as images.
PHOTO_FIELDS = {
    ("reports.ReportPhoto", "image"),
    ("reports.ReportPhoto", "thumbnail"),
    ("citizens.CitizenReport", "photo"),
    ("citizens.CitizenReport", "thumbnail"),
}


def table_counts() -> dict[str, int]:
    return {label: apps.get_model(label)._default_manager.count() for label in KEY_MODELS}


def file_problems() -> list[str]:
    """One line for every file named in the database that is missing, unreadable or, for a
    photo, not an image."""
    problems = []
    for model, field in _file_fields():
        label = model._meta.label
        is_photo = (label, field.name) in PHOTO_FIELDS
        names = model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.name)
        for pk, name in names.iterator():
            problem = _file_problem(name, is_photo=is_photo)
            if problem:
                problems.append(f"{label} {pk} {field.name}: {name} {problem}")
    return problems


def _file_fields():
    for model in apps.get_models():
        if model._meta.proxy:  # its files are its concrete model's
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def _file_problem(name: str, *, is_photo: bool) -> str | None:
    try:
        with default_storage.open(name) as stored:
            if not is_photo:
                stored.read(1)
                return None
            with Image.open(stored) as image:
                image.verify()
    except FileNotFoundError:
        return "is missing"
    except SuspiciousFileOperation:
        return "lies outside MEDIA_ROOT"
    # Pillow's "not an image" is an OSError too: it must be told apart first.
    except (UnidentifiedImageError, SyntaxError, ValueError):
        return "is not a readable image"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    return None


def report_problems() -> list[str]:
    """Opens the newest report, and the newest with photos, as a national administrator."""
    admin = (
        User.objects.filter(is_active=True, roles__contains=[Role.NATIONAL_ADMIN])
        .select_related("unit")
        .first()
    )
    if admin is None:
        return ["no active national administrator to open a report as"]
    newest = Report.objects.order_by("-pk").values_list("pk", flat=True)
    pks = set(newest[:1]) | set(newest.filter(photos__isnull=False)[:1])
    if not pks:
        return ["no report to open"]
    problems = []
    for pk in sorted(pks):
        try:
            _render_report(admin, pk)
        except Exception as error:  # any failure to open it is the finding
            problems.append(f"report {pk} cannot be opened: {error!r}")
    return problems


def _render_report(admin, pk: int) -> str:
    """The report page as its view renders it for someone with full access, without writing to
    the access log (nobody read the child's record)."""
    request = RequestFactory().get(f"/reports/{pk}/")
    request.user = admin
    request.session = {}
    report = selectors.report_for(admin, pk)
    if not selectors.has_full_access(admin, report):
        raise PermissionError("a national administrator does not see the full record")
    context = {"report": report, "full_access": True} | full_record_context(report)
    return render_to_string("reports/detail.html", context, request=request)
