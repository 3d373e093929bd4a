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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from apps.core.history import save_with_history
from apps.core.images import CleanPhoto
from apps.directory.selectors import default_station
from apps.drives.tags import check_tag
from apps.names.keys import name_forms, name_keys, name_words
from apps.reports.choices import (
    FILING_CONSENT_PURPOSES,
    OUTCOME_STATUSES,
    ClosureReason,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    Placement,
    is_shared_outcome,
)
from apps.reports.models import (
    DERIVED_FIELDS,
    CaseNote,
    Consent,
    IdentificationMark,
    OutcomeRequest,
    Report,
    ReportPhoto,
    Status,
)
from apps.reports.selectors import (
    can_manage_consent,
    face_matching_refused,
    has_consent,
    has_full_access,
    home_of_report,
)
from apps.reports.signals import (
    face_matching_consent_changed,
    report_closed_as_duplicate,
    report_outcome_recorded,
    report_saved,
    reports_moving_with,
)

FIR_TAKEN = gettext_lazy(
    "This police station already has a report with this FIR/GD number this year."
)
NO_CONSENT_IN_FORCE = gettext_lazy("No consent for this purpose is in force.")
REPLACED = gettext_lazy("Replaced by a newer record of consent.")


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
    check_tag(report.drive, unit=report.owning_unit)
    _save_with_history(report, changed_by=filed_by, reason=_("Report filed"))
    if report.publication_consent:
        _consent_at_filing(report, filed_by=filed_by)
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
    tagged_before = Report.objects.filter(pk=report.pk).values_list("drive", flat=True).get()
    if report.drive_id != tagged_before:
        check_tag(report.drive, unit=report.owning_unit)
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
    shared = is_shared_outcome(status, closure_reason)
    if shared:
        lock_case(report)
    report.status = status
    report.closure_reason = closure_reason if status == Status.CLOSED else ""
    report.duplicate_of = None
    _save_with_history(report, changed_by=changed_by, reason=note)
    _announce(report, created=False)
    if status in OUTCOME_STATUSES:
        _settle_outcome_requests(report, done_by=changed_by)
    if shared:
        # Inside the transaction: the matched report and the child's stay move with this one,
        # or their owners are asked in their queue, all stored with the outcome or not at all.
        report_outcome_recorded.send(
            sender=Report,
            report_id=report.pk,
            status=status,
            closure_reason=report.closure_reason,
            changed_by_id=changed_by.pk,
        )
    return report


def lock_case(report: Report) -> dict[int, Report]:
    """Lock `report` and the reports whose outcome moves with it (reports_moving_with), in
    order of id, and return them by id. Every change of an outcome takes these locks first and
    only then the child's stay in care, so two officials ending one child's case at once (the
    police restoring the missing report, the home restoring the child) wait for each other:
    neither deadlocks nor overwrites the other."""
    ids = {report.pk}
    for _receiver, partner_ids in reports_moving_with.send(sender=Report, report_id=report.pk):
        ids.update(partner_ids or ())
    rows = Report.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {row.pk: row for row in rows}


@transaction.atomic
def follow_outcome(
    *, report: Report, because_of: Report, status: str, closure_reason: str, changed_by
) -> Report | OutcomeRequest | None:
    """`report` is the same child as `because_of`, whose case just ended (restored, or closed
    for what became of the child): `report` ends the same way when `changed_by` may change it;
    otherwise its owners find the request in their queue ("outcomes to record") and act on it
    with one click. A report that already has an outcome keeps it (None)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status in OUTCOME_STATUSES:
        return None
    if has_full_access(changed_by, report):
        return change_status(
            report=report,
            changed_by=changed_by,
            status=status,
            closure_reason=closure_reason,
            note=_follows(because_of),
        )
    waiting = OutcomeRequest.objects.filter(
        report=report, because_of=because_of, done_at__isnull=True
    ).first()
    if waiting is not None:
        return waiting
    return OutcomeRequest.objects.create(
        report=report,
        because_of=because_of,
        status=status,
        closure_reason=closure_reason,
        requested_by=changed_by,
    )


@transaction.atomic
def act_on_outcome_request(*, request: OutcomeRequest, acted_by) -> Report:
    """The one click of an owner asked to move a report along: the report records the outcome
    its matched report recorded (and moves the child's stay along in turn). Refused to anyone
    who may not change the report; a request already answered is not answered twice."""
    rows = lock_case(request.report)
    request = OutcomeRequest.objects.select_for_update().get(pk=request.pk)
    report = rows[request.report_id]
    if not has_full_access(acted_by, report):
        raise PermissionDenied
    if request.done_at is not None:
        raise ValidationError(_("This has already been done."))
    if report.status in OUTCOME_STATUSES:
        _settle_outcome_requests(report, done_by=acted_by)
        return report
    return change_status(
        report=report,
        changed_by=acted_by,
        status=request.status,
        closure_reason=request.closure_reason,
        note=_follows(request.because_of),
    )


def _follows(because_of: Report) -> str:
    return _("Follows %(case)s: %(status)s") % {
        "case": because_of.case_number,
        "status": because_of.get_status_display(),
    }


def _settle_outcome_requests(report: Report, *, done_by) -> None:
    """A report that has its outcome, however it got it, leaves its owners' queue."""
    OutcomeRequest.objects.filter(report=report, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=done_by
    )


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


def _consent_at_filing(report: Report, *, filed_by) -> None:
    """The filing form's consent, as records (who gave it is not asked there)."""
    for purpose in FILING_CONSENT_PURPOSES:
        Consent.objects.create(
            report=report,
            purpose=purpose,
            given_by_kind=ConsentGiver.NOT_STATED,
            method=ConsentMethod.FORM,
            given_at=report.created_at,
            recorded_by=filed_by,
        )


@transaction.atomic
def record_consent(
    *,
    report: Report,
    purpose: ConsentPurpose,
    given_by_kind: ConsentGiver,
    given_by_name: str,
    method: ConsentMethod,
    given_at,
    recorded_by,
) -> Consent:
    """Record a consent for one purpose of the report, by its owning unit or a supervisor; one
    already in force for that purpose is replaced by this record (so details can be put right)."""
    report = _lock_for_consent(report, recorded_by)
    if given_at > timezone.now():
        raise ValidationError({"given_at": _("This date is in the future.")})
    now = timezone.now()
    report.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=recorded_by, withdrawal_note=str(REPLACED)
    )
    consent = Consent.objects.create(
        report=report,
        purpose=purpose,
        given_by_kind=given_by_kind,
        given_by_name=given_by_name.strip(),
        method=method,
        given_at=given_at,
        recorded_by=recorded_by,
    )
    _refresh_consent_copy(report, purpose)
    return consent


@transaction.atomic
def withdraw_consent(
    *, report: Report, purpose: ConsentPurpose, withdrawn_by, note: str
) -> Consent:
    """Withdraw the consent in force for `purpose`, at once: public pages and notices stop
    showing the child, and the next PFIF export sends partners an expiry record."""
    report = _lock_for_consent(report, withdrawn_by)
    consent = report.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if consent is None:
        raise ValidationError(NO_CONSENT_IN_FORCE)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = withdrawn_by
    consent.withdrawal_note = note.strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    _refresh_consent_copy(report, purpose)
    return consent


def _lock_for_consent(report: Report, official) -> Report:
    # Checked against the report as stored, and locked so that two officials' changes to its
    # consents follow one another.
    report = Report.objects.select_for_update().select_related("owning_unit").get(pk=report.pk)
    if not can_manage_consent(official, report):
        raise PermissionDenied
    return report


def _refresh_consent_copy(report: Report, purpose: ConsentPurpose) -> None:
    # updated_at moves so that a partner's incremental PFIF export (changed since...) sees it.
    Report.objects.filter(pk=report.pk).update(
        publication_consent=has_consent(report, ConsentPurpose.PUBLICATION),
        updated_at=timezone.now(),
    )
    if purpose == ConsentPurpose.FACE_MATCHING:
        face_matching_consent_changed.send(
            sender=Report, report_id=report.pk, refused=face_matching_refused(report)
        )


def _save_with_history(report: Report, *, changed_by, reason: str) -> None:
    if report.pk:
        # The copy follows the records alone, whatever a form loaded before a withdrawal.
        report.publication_consent = has_consent(report, ConsentPurpose.PUBLICATION)
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
    forms = name_forms(*names)
    Report.objects.filter(pk=report.pk).update(
        name_keys=name_keys(*names),
        name_forms=forms,
        name_words=name_words(forms),
        marks_search=SearchVector(Value(marks_text), config="simple"),
        photo_count=len(photos),
        cover_photo_id=photos[0] if photos else None,
        home_district_ids=sorted(home_of_report(report).districts),
    )
    report.refresh_from_db(fields=[*DERIVED_FIELDS, "updated_at"])
