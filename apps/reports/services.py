"""Every change to a child report: filing, editing, status, photos and notes.

Each function is one transaction and leaves a line in the report's change history saying who
changed it and why.
"""

import io

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from apps.core.history import save_with_history
from apps.core.images import CleanPhoto
from apps.directory.selectors import default_station
from apps.names.keys import name_forms, name_keys
from apps.reports.choices import ClosureReason, Placement
from apps.reports.models import (
    CaseNote,
    IdentificationMark,
    Report,
    ReportPhoto,
    Status,
)
from apps.reports.selectors import has_full_access
from apps.reports.signals import report_closed_as_duplicate, report_saved

FIR_TAKEN = gettext_lazy(
    "This police station already has a report with this FIR/GD number this year."
)


@transaction.atomic
def file_report(
    *,
    report: Report,
    filed_by,
    marks: list[dict],
    photos: list[tuple[str, CleanPhoto]],
    owning_unit=None,
) -> Report:
    """Save a new, validated report as the filing official's unit's own, or as `owning_unit`'s
    when it is filed for another unit (a Child Care Institution reporting a runaway to police)."""
    report.owning_unit = owning_unit or filed_by.unit
    report.created_by = filed_by
    _save_with_history(report, changed_by=filed_by, reason=_("Report filed"))
    _replace_marks(report, marks)
    _add_photos(report, photos, uploaded_by=filed_by)
    _refresh_derived_fields(report)
    _announce(report, created=True)
    return report


@transaction.atomic
def file_for_station_of_place(
    *, report: Report, filed_by, police_station, photos: list[tuple[str, CleanPhoto]]
) -> Report:
    """A child seen or found by someone outside the police (a citizen, a child helpline) enters
    the national record as a report of the police station of the place, or of the district
    police office when the station is not known, so its officers and the district's child
    protection unit see it and matching runs on it."""
    station = police_station or default_station(report.event_district)
    if station is None:
        raise ValidationError(
            {"police_station": _("No police station of this district is in the directory.")}
        )
    report.placement = report.placement or Placement.NOT_PLACED
    return file_report(
        report=report, filed_by=filed_by, owning_unit=station, marks=[], photos=photos
    )


@transaction.atomic
def update_report(
    *,
    report: Report,
    edited_by,
    reason: str,
    marks: list[dict],
    new_photos: list[tuple[str, CleanPhoto]],
    removed_photos: list[ReportPhoto],
) -> Report:
    _save_with_history(report, changed_by=edited_by, reason=reason)
    _replace_marks(report, marks)
    for photo in removed_photos:
        if photo.report_id == report.pk:
            _delete_photo(photo)
    _add_photos(report, new_photos, uploaded_by=edited_by)
    _refresh_derived_fields(report)
    _announce(report, created=False)
    return report


@transaction.atomic
def change_status(
    *, report: Report, changed_by, status: Status, closure_reason: str, note: str
) -> Report:
    if status == Status.CLOSED and not closure_reason:
        raise ValidationError({"closure_reason": _("Say why the case is being closed.")})
    if status == Status.CLOSED and closure_reason == ClosureReason.DUPLICATE:
        # A duplicate points to the report the case goes on under: close_as_duplicate.
        raise ValidationError({"duplicate_of": _("Say which report this one duplicates.")})
    report.status = status
    report.closure_reason = closure_reason if status == Status.CLOSED else ""
    report.duplicate_of = None
    _save_with_history(report, changed_by=changed_by, reason=note)
    _announce(report, created=False)
    return report


@transaction.atomic
def close_as_duplicate(*, report: Report, primary: Report, closed_by, note: str = "") -> Report:
    """`report` is the same child as `primary`, reported twice: it is closed as a duplicate
    pointing to `primary`, where the case goes on, and reports that duplicated it point there
    too. Only an official who may change `report` closes it. Both reports are locked, and
    refused when either was closed as a duplicate meanwhile, so two officials closing two
    reports of one child into each other at the same moment never both succeed."""
    locked = Report.objects.select_for_update().filter(pk__in=[report.pk, primary.pk])
    rows = {row.pk: row for row in locked.order_by("pk")}
    report, primary = rows[report.pk], rows.get(primary.pk)
    if not has_full_access(closed_by, report):
        raise PermissionDenied
    _check_duplicate(report, primary)
    reason = _("Duplicate of %(case)s") % {"case": primary.case_number}
    report.status = Status.CLOSED
    report.closure_reason = ClosureReason.DUPLICATE
    report.duplicate_of = primary
    _save_with_history(report, changed_by=closed_by, reason=f"{reason}: {note}" if note else reason)
    for earlier in Report.objects.select_for_update().filter(duplicate_of=report).order_by("pk"):
        earlier.duplicate_of = primary
        _save_with_history(earlier, changed_by=closed_by, reason=reason)
    _announce(report, created=False)
    report_closed_as_duplicate.send(
        sender=Report, report_id=report.pk, primary_id=primary.pk, closed_by_id=closed_by.pk
    )
    return report


def _check_duplicate(report: Report, primary: Report | None) -> None:
    if primary is None or primary.pk == report.pk:
        raise ValidationError({"duplicate_of": _("Name another report of the same child.")})
    if primary.is_missing != report.is_missing:
        raise ValidationError(
            {
                "duplicate_of": _(
                    "A missing child's report and a found child's report are not duplicates: "
                    "they are compared as a match."
                )
            }
        )
    if report.is_closed_duplicate:
        raise ValidationError(
            {"duplicate_of": _("%(case)s is already closed as a duplicate.") % _cases(report)}
        )
    if primary.is_closed_duplicate:
        message = _("%(case)s is itself closed as a duplicate: the case goes on under %(primary)s.")
        if primary.duplicate_of_id is None:
            message = _("%(case)s is itself closed as a duplicate.")
        raise ValidationError({"duplicate_of": message % _cases(primary)})


def _cases(report: Report) -> dict:
    primary = report.duplicate_of.case_number if report.duplicate_of_id else ""
    return {"case": report.case_number, "primary": primary}


@transaction.atomic
def record_change(*, report: Report, changed_by, reason: str) -> Report:
    """Save a change another part of the portal made to the report (a placement that follows
    the child in care), with its reason in the history."""
    _save_with_history(report, changed_by=changed_by, reason=reason)
    _announce(report, created=False)
    return report


@transaction.atomic
def add_case_note(*, report: Report, written_by, text: str) -> CaseNote:
    return CaseNote.objects.create(report=report, written_by=written_by, text=text.strip())


def _save_with_history(report: Report, *, changed_by, reason: str) -> None:
    save_with_history(
        report,
        changed_by=changed_by,
        reason=reason,
        refusals={"unique_fir_per_station_and_year": {"fir_number": FIR_TAKEN}},
    )


def _announce(report: Report, *, created: bool) -> None:
    # Sent inside the save's transaction: the receivers record their background work with it
    # (apps.outbox), so a report is never saved without its matching and alerts.
    report_saved.send(sender=Report, report_id=report.pk, created=created)


def _replace_marks(report: Report, marks: list[dict]) -> None:
    report.marks.all().delete()
    IdentificationMark.objects.bulk_create(IdentificationMark(report=report, **m) for m in marks)


def copy_of_photo(image, thumbnail) -> tuple[str, CleanPhoto]:
    """A photo already stored and cleaned (its file and thumbnail file), ready to be added to
    another report: a runaway's missing report, a citizen's sighting or complaint."""
    with image.open("rb") as picture, thumbnail.open("rb") as small:
        data, thumbnail_data = picture.read(), small.read()
    with Image.open(io.BytesIO(data)) as decoded:
        width, height = decoded.size
    return ("photo.jpg", CleanPhoto(data, thumbnail_data, width, height))


def _add_photos(report: Report, photos: list[tuple[str, CleanPhoto]], *, uploaded_by) -> None:
    for _name, photo in photos:
        stored = ReportPhoto(
            report=report, width=photo.width, height=photo.height, uploaded_by=uploaded_by
        )
        stored.image.save("photo.jpg", ContentFile(photo.image), save=False)
        stored.thumbnail.save("thumbnail.jpg", ContentFile(photo.thumbnail), save=False)
        stored.save()


def _delete_photo(photo: ReportPhoto) -> None:
    files = [photo.image.name, photo.thumbnail.name]
    storage = photo.image.storage
    photo.delete()
    # The files go only once the deletion is committed, so a rollback never loses a photo.
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


def _refresh_derived_fields(report: Report) -> None:
    """Search keys, the identification-mark words and the cover photo follow the record."""
    photos = list(report.photos.order_by("pk").values_list("pk", flat=True))
    marks_text = " ".join(
        [report.identification_marks, *(mark.search_text() for mark in report.marks.all())]
    )
    names = (report.full_name, report.other_names, report.name_local)
    Report.objects.filter(pk=report.pk).update(
        name_keys=name_keys(*names),
        name_forms=name_forms(*names),
        marks_search=SearchVector(Value(marks_text), config="simple"),
        photo_count=len(photos),
        cover_photo_id=photos[0] if photos else None,
    )
    report.refresh_from_db(
        fields=[
            "name_keys",
            "name_forms",
            "marks_search",
            "photo_count",
            "cover_photo",
            "updated_at",
        ]
    )
