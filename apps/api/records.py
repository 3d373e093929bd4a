"""The web forms' rules applied to what a machine client sends: the API validates a report with
the same MissingReportForm and FoundReportForm officials fill in, so both refuse the same things
with the same messages."""

import hashlib

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from apps.core.versions import expect_version
from apps.reports.forms import MARK_FIELDS
from apps.reports.models import Report

# Set by the forms from the age or date of birth rather than typed in.
DERIVED_AGE_FIELDS = ("age_min", "age_max")


def validated_report(form_class, *, report: Report, fields: dict, account, reason: str = ""):
    """`report` with `fields` applied through `form_class`; the fields not given keep their
    values. Raises ValidationError naming each wrong field."""
    data = model_to_dict(report, fields=form_class._meta.fields) if report.pk else {}
    if report.pk and report.date_of_birth is None:
        data["age"] = report.age_min
    data.update(fields)
    data["reason"] = reason
    form = form_class(data, instance=report, official=account)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    # The client sends the record, not an edit of a page it loaded: its save is not checked
    # against a version, though it still counts as one, so an official's open form goes stale.
    expect_version(form.instance, None)
    return form.instance


def snapshot(report: Report, form_class) -> dict:
    """What a client can change on a report, to tell whether a resent record changed anything."""
    return model_to_dict(report, fields=[*form_class._meta.fields, *DERIVED_AGE_FIELDS])


def stored_marks(report: Report) -> list[dict]:
    """The report's identification marks as stored, in the form the services take them."""
    return list(report.marks.order_by("pk").values(*MARK_FIELDS))


def with_defaults(marks: list[dict]) -> list[dict]:
    return [{"side": "", "description": "", **mark} for mark in marks]


def photo_digests(report: Report) -> list[str]:
    digests = []
    for photo in report.photos.order_by("pk"):
        with photo.image.open("rb") as stored:
            digests.append(hashlib.sha256(stored.read()).hexdigest())
    return digests


def digest(image: bytes) -> str:
    return hashlib.sha256(image).hexdigest()
