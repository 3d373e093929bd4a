"""Every change to a child's record in care. Each function is one transaction.

The found report that holds the child's particulars follows the stay: admission and transfer
move its placement, restoration marks it restored, running away or leaving care closes it, each
with a line in its change history. The other way round, a child whose case ended under a report
(the matched missing report restored) leaves care with it, or the institution is asked to end
the stay in its queue (follow_case_outcome).

Locks are taken in one order: the child's reports (apps.reports.services.lock_case), then the
stay, so a restoration here and one recorded on the reports at the same moment wait for each
other.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.care import selectors
from apps.care.choices import (
    CareStatus,
    LeavingReason,
    OrderKind,
    TransferStatus,
)
from apps.care.models import (
    CareDocument,
    CareOrder,
    CarePlan,
    ChildInCare,
    DischargeRequest,
    FollowUpVisit,
    HomeInvestigation,
    ProgressReport,
    Transfer,
)
from apps.core.history import save_with_history
from apps.core.versions import EditConflictError
from apps.directory.models import Unit
from apps.drives.tags import check_tag
from apps.reports import services as report_services
from apps.reports.choices import Circumstance, ClosureReason, Placement, ReportKind, Status
from apps.reports.models import ADULT_AGE, Report

ALREADY_IN_CARE = gettext_lazy("This child is already in care.")


@transaction.atomic
def admit_child(*, child: ChildInCare, admitted_by) -> ChildInCare:
    """Record a found child's arrival in the official's institution."""
    report = Report.objects.select_for_update().get(pk=child.report_id)
    if report.kind != ReportKind.FOUND:
        raise ValidationError(_("Only a found child can be admitted."))
    if not selectors.may_admit(admitted_by, report):
        raise PermissionDenied
    if ChildInCare.objects.filter(report=report, status=CareStatus.IN_CARE).exists():
        raise ValidationError(ALREADY_IN_CARE)
    child.institution = admitted_by.unit
    child.admitted_by = admitted_by
    check_tag(child.drive, unit=child.institution)
    _save_with_history(child, changed_by=admitted_by, reason=_("Admitted"))
    if report.placed_at_id != child.institution_id or report.placement != Placement.CCI:
        report.placement, report.placed_at = Placement.CCI, child.institution
        report_services.record_change(
            report=report,
            changed_by=admitted_by,
            reason=_("Admitted to %(institution)s") % {"institution": child.institution},
        )
    return child


@transaction.atomic
def record_order(*, order: CareOrder, child: ChildInCare, recorded_by) -> CareOrder:
    _require(recorded_by, child, "record_orders")
    order.deciding_body = recorded_by.unit
    _add_entry(order, child=child, written_by=recorded_by)
    if child.deciding_body_id is None:
        # A child admitted without production now has the committee or board that decides.
        child.deciding_body = recorded_by.unit
        _save_with_history(child, changed_by=recorded_by, reason=str(order.get_kind_display()))
    return order


@transaction.atomic
def write_care_plan(*, plan: CarePlan, child: ChildInCare, written_by) -> CarePlan:
    """Every revision is a new version; earlier versions stay as they were written. A revision
    of a version that is no longer the latest would drop the newer one's changes, so it is
    refused when the form said which version it started from."""
    _require(written_by, child, "write_entries")
    ChildInCare.objects.select_for_update().filter(pk=child.pk).get()
    latest = child.care_plans.aggregate(latest=Max("version"))["latest"] or 0
    started_from = getattr(plan, "expected_version", None)
    if started_from is not None and started_from != latest:
        raise EditConflictError(child.care_plans.first() or CarePlan(child=child))
    plan.version = latest + 1
    return _add_entry(plan, child=child, written_by=written_by)


@transaction.atomic
def file_progress_report(*, progress: ProgressReport, child: ChildInCare, written_by):
    _require(written_by, child, "write_entries")
    if not child.is_in_care:
        raise ValidationError(_("Progress is reported only while the child is in care."))
    return _add_entry(progress, child=child, written_by=written_by)


@transaction.atomic
def file_home_investigation(*, investigation: HomeInvestigation, child: ChildInCare, written_by):
    _require(written_by, child, "write_entries")
    return _add_entry(investigation, child=child, written_by=written_by)


@transaction.atomic
def record_follow_up(*, visit: FollowUpVisit, child: ChildInCare, written_by):
    _require(written_by, child, "write_entries")
    if child.status != CareStatus.RESTORED:
        raise ValidationError(_("Follow-up visits are made after the child is restored."))
    return _add_entry(visit, child=child, written_by=written_by)


@transaction.atomic
def add_document(
    *, document: CareDocument, child: ChildInCare, uploaded_by, content: bytes, content_type: str
) -> CareDocument:
    _require(uploaded_by, child, "write_entries", "record_orders")
    document.content_type = content_type
    document.file.save("document", ContentFile(content), save=False)
    stored_name, storage = document.file.name, document.file.storage
    try:
        return _add_entry(document, child=child, written_by=uploaded_by)
    except Exception:
        # The file written above must not outlive a record that was never saved.
        storage.delete(stored_name)
        raise


def _require(user, child: ChildInCare, *rights: str) -> None:
    """Refuse unless the user holds one of `rights` (CareAccess fields) over this child now, so
    that a view which forgets to ask still cannot write into another institution's record."""
    access = selectors.access_to(user, child)
    if not any(getattr(access, right) for right in rights):
        raise PermissionDenied


def _add_entry(entry, *, child: ChildInCare, written_by):
    entry.child = child
    entry.institution_id = child.institution_id
    entry.written_by = written_by
    entry.full_clean(exclude=["child", "institution", "written_by"])
    entry.save()
    return entry


@transaction.atomic
def request_transfer(*, transfer: Transfer, child: ChildInCare, requested_by) -> Transfer:
    _require(requested_by, child, "manage_stay")
    if not child.is_in_care:
        raise ValidationError(_("Only a child in care can be transferred."))
    if transfer.to_institution_id == child.institution_id:
        raise ValidationError({"to_institution": _("The child is already in this institution.")})
    if not transfer.to_institution.is_cci:
        raise ValidationError({"to_institution": _("Choose a Child Care Institution.")})
    transfer.child = child
    transfer.from_institution_id = child.institution_id
    transfer.requested_by = requested_by
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError as error:
        raise ValidationError(_("A transfer of this child is already waiting.")) from error
    return transfer


@transaction.atomic
def accept_transfer(*, transfer: Transfer, accepted_by, note: str = "") -> ChildInCare:
    """The receiving institution takes the child, and with the child the whole record."""
    transfer = _pending(transfer, decided_by=accepted_by)
    report_services.lock_case(transfer.child.report)
    child = ChildInCare.objects.select_for_update().get(pk=transfer.child_id)
    _record_transfer_decision(transfer, TransferStatus.ACCEPTED, decided_by=accepted_by, note=note)
    CareOrder.objects.create(
        child=child,
        institution_id=transfer.from_institution_id,
        written_by=accepted_by,
        kind=OrderKind.TRANSFER,
        number=transfer.order_number,
        order_date=transfer.order_date,
        deciding_body=_deciding_body_for(child, transfer),
        details=transfer.reason,
    )
    child.institution_id = transfer.to_institution_id
    reason = _("Transferred to %(institution)s") % {"institution": transfer.to_institution}
    _save_with_history(child, changed_by=accepted_by, reason=reason)
    report = Report.objects.select_for_update().get(pk=child.report_id)
    report.placement, report.placed_at_id = Placement.CCI, transfer.to_institution_id
    report_services.record_change(report=report, changed_by=accepted_by, reason=reason)
    return child


@transaction.atomic
def decline_transfer(*, transfer: Transfer, declined_by, note: str) -> Transfer:
    if not note.strip():
        raise ValidationError({"note": _("Say why the transfer is declined.")})
    transfer = _pending(transfer, decided_by=declined_by)
    _record_transfer_decision(transfer, TransferStatus.DECLINED, decided_by=declined_by, note=note)
    return transfer


def _pending(transfer: Transfer, *, decided_by) -> Transfer:
    """Only the receiving institution decides on a transfer to it."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if decided_by.unit_id != transfer.to_institution_id:
        raise PermissionDenied
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This transfer has already been decided."))
    return transfer


def _record_transfer_decision(
    transfer: Transfer, status: TransferStatus, *, decided_by, note: str
) -> None:
    transfer.status = status
    transfer.decided_by = decided_by
    transfer.decided_at = timezone.now()
    transfer.decision_note = note.strip()
    transfer.save()


def _deciding_body_for(child: ChildInCare, transfer: Transfer) -> Unit:
    """The body that ordered the transfer: the child's CWC/JJB, else the requester's own unit."""
    return child.deciding_body or transfer.requested_by.unit


@transaction.atomic
def restore_to_family(
    *, child: ChildInCare, restored_by, order: CareOrder, restored_on, note: str
) -> ChildInCare:
    child = _current_stay(child, managed_by=restored_by)
    order.kind = OrderKind.RESTORATION
    order.deciding_body = child.deciding_body or restored_by.unit
    _add_entry(order, child=child, written_by=restored_by)
    _end_stay(child, CareStatus.RESTORED, ended_by=restored_by, on=restored_on, note=note)
    report_services.change_status(
        report=child.report,
        changed_by=restored_by,
        status=Status.RESTORED,
        closure_reason="",
        note=_("Restored to family from %(institution)s") % {"institution": child.institution},
    )
    return child


@transaction.atomic
def leave_care(
    *,
    child: ChildInCare,
    recorded_by,
    left_on,
    reason: LeavingReason,
    note: str,
    aftercare: bool,
    aftercare_details: str,
) -> ChildInCare:
    child = _current_stay(child, managed_by=recorded_by)
    if aftercare and not aftercare_details.strip():
        raise ValidationError({"aftercare_details": _("Describe the aftercare arrangements.")})
    child.leaving_reason = reason
    child.aftercare, child.aftercare_details = aftercare, aftercare_details.strip()
    _end_stay(child, CareStatus.LEFT_CARE, ended_by=recorded_by, on=left_on, note=note)
    report_services.change_status(
        report=child.report,
        changed_by=recorded_by,
        status=Status.CLOSED,
        # A child who died in care: the matched missing report closes the same way.
        closure_reason=ClosureReason.DECEASED
        if reason == LeavingReason.DECEASED
        else ClosureReason.LEFT_CARE,
        note=str(LeavingReason(reason).label),
    )
    return child


@transaction.atomic
def record_running_away(
    *, child: ChildInCare, recorded_by, ran_away_at: datetime, police_station: Unit, details: str
) -> Report:
    """One action: the stay ends and the police station gets a missing report, prefilled from the
    child's record, that enters matching as soon as it is committed."""
    child = _current_stay(child, managed_by=recorded_by)
    if not selectors.police_stations_near(child).filter(pk=police_station.pk).exists():
        raise ValidationError({"police_station": _("Choose a police station of this district.")})
    found = child.report
    missing = _missing_report_from(found, child=child, ran_away_at=ran_away_at, details=details)
    report_services.file_report(
        report=missing,
        filed_by=recorded_by,
        owning_unit=police_station,
        marks=[_mark_fields(mark) for mark in found.marks.all()],
        photos=[
            report_services.copy_of_photo(photo.image, photo.thumbnail)
            for photo in found.photos.all()
        ],
    )
    child.missing_report = missing
    _end_stay(
        child, CareStatus.ABSCONDED, ended_by=recorded_by, on=ran_away_at.date(), note=details
    )
    report_services.change_status(
        report=found,
        changed_by=recorded_by,
        status=Status.CLOSED,
        closure_reason=ClosureReason.RAN_AWAY_FROM_CARE,
        note=_("Missing report %(case)s opened") % {"case": missing.case_number},
    )
    return missing


# Particulars that carry over unchanged from the found report to the missing report.
CARRIED_FIELDS = (
    "full_name",
    "other_names",
    "name_local",
    "sex",
    "date_of_birth",
    "height_cm",
    "build",
    "complexion",
    "hair",
    "eye_colour",
    "identification_marks",
    "mother_tongue",
    "school_class",
    "medical_needs",
    "father_name",
    "father_phone",
    "mother_name",
    "mother_phone",
    "guardian_name",
    "guardian_phone",
    "publication_consent",
)


def _missing_report_from(found: Report, *, child, ran_away_at: datetime, details: str) -> Report:
    institution = child.institution
    years_in_between = max((ran_away_at.date() - found.event_at.date()).days // 365, 0)
    languages = [code for code in dict.fromkeys([*found.languages, found.told_language]) if code]
    return Report(
        kind=ReportKind.MISSING,
        **{field: getattr(found, field) for field in CARRIED_FIELDS},
        age_min=min(found.age_min + years_in_between, ADULT_AGE - 1),
        age_max=min(found.age_max + years_in_between, ADULT_AGE - 1),
        languages=languages,
        event_at=ran_away_at,
        event_state_id=institution.state_id,
        event_district_id=institution.district_id,
        event_locality=institution.name[:200],
        event_pin_code=institution.pin_code,
        circumstances=Circumstance.RAN_AWAY,
        circumstances_detail=_(
            "Ran away from %(institution)s (care record %(case)s, found report %(found)s). "
            "%(details)s"
        )
        % {
            "institution": institution,
            "case": child.case_number,
            "found": found.case_number,
            "details": details,
        },
    )


def _mark_fields(mark) -> dict:
    return {field: getattr(mark, field) for field in ("kind", "body_part", "side", "description")}


def _current_stay(child: ChildInCare, *, managed_by) -> ChildInCare:
    """The child's stay, locked, once it is known to go on and `managed_by` to manage it."""
    report_services.lock_case(child.report)
    child = (
        ChildInCare.objects.select_for_update()
        .select_related("report", "institution")
        .get(pk=child.pk)
    )
    _require(managed_by, child, "manage_stay")
    if not child.is_in_care:
        raise ValidationError(_("The child is no longer in care."))
    return child


def _end_stay(child: ChildInCare, status: CareStatus, *, ended_by, on, note: str) -> None:
    child.status = status
    child.left_on = on
    child.leaving_note = note.strip()
    _save_with_history(child, changed_by=ended_by, reason=str(CareStatus(status).label))
    # However the stay ended, nobody is asked to end it any more.
    DischargeRequest.objects.filter(child=child, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=ended_by
    )


@transaction.atomic
def follow_case_outcome(
    *, report_id: int, report_status: str, closure_reason: str, changed_by
) -> ChildInCare | DischargeRequest | None:
    """The child's found report (`report_id`) recorded an outcome of the child's case (restored,
    or closed for what became of the child, often moved along from the matched missing
    report): the stay ends with it when `changed_by` manages it (the home holding the child,
    the district's CWC); otherwise the home finds the request in its queue. Never changed
    silently by anyone else: police, another district, another State/UT."""
    stay = ChildInCare.objects.filter(report_id=report_id, status=CareStatus.IN_CARE).first()
    if stay is None:
        return None
    report_services.lock_case(stay.report)
    stay = (
        ChildInCare.objects.select_for_update()
        .select_related("report", "institution")
        .get(pk=stay.pk)
    )
    if not stay.is_in_care:
        return None
    because_of = Report.objects.get(pk=report_id)
    if selectors.access_to(changed_by, stay).manage_stay:
        _end_stay_with_case(stay, because_of, report_status, closure_reason, ended_by=changed_by)
        return stay
    waiting = DischargeRequest.objects.filter(
        child=stay, because_of=because_of, done_at__isnull=True
    ).first()
    return waiting or DischargeRequest.objects.create(
        child=stay,
        because_of=because_of,
        report_status=report_status,
        closure_reason=closure_reason,
        requested_by=changed_by,
    )


@transaction.atomic
def act_on_discharge_request(*, request: DischargeRequest, acted_by) -> ChildInCare:
    """The one click of the home (or CWC) asked to end a stay whose case ended: the stay ends as
    the case did. Refused to anyone who does not manage the stay; done once."""
    report_services.lock_case(request.child.report)
    request = DischargeRequest.objects.select_for_update().get(pk=request.pk)
    child = (
        ChildInCare.objects.select_for_update()
        .select_related("report", "institution")
        .get(pk=request.child_id)
    )
    _require(acted_by, child, "manage_stay")
    if request.done_at is not None:
        raise ValidationError(_("This has already been done."))
    if child.is_in_care:
        _end_stay_with_case(
            child,
            request.because_of,
            request.report_status,
            request.closure_reason,
            ended_by=acted_by,
        )
    else:
        request.done_at, request.done_by = timezone.now(), acted_by
        request.save(update_fields=["done_at", "done_by"])
    return child


def _end_stay_with_case(
    child: ChildInCare, because_of: Report, report_status: str, closure_reason: str, *, ended_by
) -> None:
    """A child who died leaves care (deceased); any other ended case has the child back with
    the family: restored. The CWC's restoration order, when it is passed, is recorded on the
    record as an order."""
    status = CareStatus.RESTORED
    if report_status == Status.CLOSED and closure_reason == ClosureReason.DECEASED:
        status, child.leaving_reason = CareStatus.LEFT_CARE, LeavingReason.DECEASED
    note = _("The case ended under %(case)s: %(status)s") % {
        "case": because_of.case_number,
        "status": because_of.get_status_display(),
    }
    _end_stay(child, status, ended_by=ended_by, on=timezone.localdate(), note=note)


def _save_with_history(child: ChildInCare, *, changed_by, reason: str) -> None:
    save_with_history(
        child,
        changed_by=changed_by,
        reason=reason,
        refusals={"one_current_stay_per_child": ALREADY_IN_CARE},
    )
