"""Taking in citizens' reports, confirming their mobile numbers, and what officials do with them.
Each function is one transaction."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.citizens import limits, mobile_codes, selectors, stop_links
from apps.citizens.models import (
    CitizenReport,
    CitizenReportKind,
    CitizenReportStatus,
    DataRightsKind,
    DataRightsOutcome,
    DataRightsRequest,
    FamilyOptOut,
    LaterMatch,
    MobileVerification,
    Moderation,
    OptOutVia,
)
from apps.citizens.signals import erasure_granted
from apps.core.images import CleanPhoto
from apps.directory.models import Unit
from apps.directory.selectors import (
    child_protection_units_of,
    public_contact_for,
    public_phone_for,
)
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.messaging.catalogue import (
    DATA_RIGHTS_ANSWERED,
    FAMILY_CASE_CLOSED,
    FAMILY_FIR_REGISTERED,
    FAMILY_MATCH_CONFIRMED,
    INQUIRY_ANSWER,
    INQUIRY_LATER_MATCH,
    INQUIRY_MATCH,
)
from apps.messaging.models import Channel, Message
from apps.messaging.recipients import everyone_of
from apps.messaging.services import queue_for, queue_message
from apps.outbox.services import enqueue
from apps.reports import services as report_services
from apps.reports.choices import ClosureReason, FoundBy, RegistrationKind, ReportKind, Status
from apps.reports.models import ADULT_AGE, Report

# Reports that arrive through Khoya-Paya are filed in the name of this account (no roles, no
# password): the citizen is recorded on the citizen's report itself.
PORTAL_ACCOUNT = "khoya-paya"


@transaction.atomic
def submit(
    *,
    citizen_report: CitizenReport,
    ip_address: str | None,
    photo: CleanPhoto | None,
    language: str,
) -> CitizenReport:
    """Keep what the citizen sent and text them a code; nothing reaches officials before the
    mobile number is confirmed."""
    limits.check_new_report(mobile=citizen_report.reporter_mobile, ip_address=ip_address)
    citizen_report.ip_address = ip_address
    citizen_report.language = language
    citizen_report.child_protection_unit = child_protection_units_of(
        citizen_report.event_district_id
    ).first()
    if photo is not None:
        citizen_report.photo.save("photo.jpg", ContentFile(photo.image), save=False)
        citizen_report.thumbnail.save("thumbnail.jpg", ContentFile(photo.thumbnail), save=False)
    citizen_report.save()
    send_code(citizen_report=citizen_report, ip_address=ip_address, language=language)
    return citizen_report


@transaction.atomic
def send_code(*, citizen_report: CitizenReport, ip_address: str | None, language: str) -> None:
    mobile = citizen_report.reporter_mobile
    limits.check_new_code(mobile=mobile)
    code, code_hash = mobile_codes.new_code()
    verification = MobileVerification.objects.create(
        citizen_report=citizen_report,
        mobile=mobile,
        code_hash=code_hash,
        expires_at=timezone.now() + mobile_codes.CODE_VALID_FOR,
        ip_address=ip_address,
    )
    mobile_codes.text_code(
        code, mobile=mobile, language=language, alert_key=f"verification:{verification.pk}"
    )


@transaction.atomic
def confirm_mobile(*, citizen_report: CitizenReport, code: str) -> bool:
    """The code proves the number; the report then goes where it belongs. A wrong code is
    counted (and False returned) rather than raised, so the count is kept."""
    citizen_report = CitizenReport.objects.select_for_update().get(pk=citizen_report.pk)
    if citizen_report.mobile_verified_at:
        return True
    verification = citizen_report.verifications.select_for_update().first()
    if verification is None or verification.expires_at < timezone.now():
        raise ValidationError(_("This code has expired. Ask for a new one."))
    if verification.attempts >= mobile_codes.MAX_CODE_ATTEMPTS:
        raise ValidationError(_("Too many wrong codes. Ask for a new one."))
    verification.attempts += 1
    verification.save(update_fields=["attempts"])
    if not constant_time_compare(verification.code_hash, mobile_codes.hashed(code.strip())):
        return False
    citizen_report.mobile_verified_at = timezone.now()
    _route(citizen_report)
    citizen_report.save()
    return True


def _route(citizen_report: CitizenReport) -> None:
    if citizen_report.kind == CitizenReportKind.MISSING:
        citizen_report.status = CitizenReportStatus.RECEIVED
    elif citizen_report.kind == CitizenReportKind.SIGHTING:
        citizen_report.report = _file_sighting(citizen_report)
        citizen_report.status = CitizenReportStatus.FORWARDED
    else:
        citizen_report.status = CitizenReportStatus.RECEIVED
        _keep_searching(citizen_report)
        answer_inquiry_later(citizen_report.pk, get_language())


def _keep_searching(inquiry: CitizenReport) -> None:
    """From its confirmation on, and for CITIZEN_INQUIRY_SEARCH_DAYS, the inquiry is looked up
    by every found child or sighting filed or changed (check_inquiries). The keys are stored
    with the confirmation, before the first search runs, so that a child filed meanwhile
    reaches the inquiry one way or the other."""
    from apps.matching.services import lookup_keys

    inquiry.search_keys = lookup_keys(_as_missing_report(inquiry))
    inquiry.searching_until = inquiry.mobile_verified_at + timedelta(
        days=settings.CITIZEN_INQUIRY_SEARCH_DAYS
    )


def answer_inquiry_later(citizen_report_id: int, language: str) -> None:
    from apps.citizens.tasks import answer_inquiry

    enqueue(answer_inquiry, citizen_report_id, language)


@transaction.atomic
def search_for_inquiry(
    citizen_report_id: int, language: str = settings.LANGUAGE_CODE
) -> CitizenReport:
    """Compare the parent's child with found children; keep only which reports may match and
    tell their units. The parent is sent to the police or DCPU responsible, never told about a
    child or where one is sheltered. Safe to run twice."""
    from apps.matching.services import likely_found_children

    inquiry = CitizenReport.objects.select_for_update().get(pk=citizen_report_id)
    if inquiry.status == CitizenReportStatus.ANSWERED:
        return inquiry
    matches = likely_found_children(_as_missing_report(inquiry))
    inquiry.possible_matches = [found.pk for found, _score in matches]
    inquiry.status = CitizenReportStatus.ANSWERED
    inquiry.save(update_fields=["possible_matches", "status"])
    for found, _score in matches:
        _tell_unit(found.owning_unit, inquiry=inquiry, found=found)
    contacts = selectors.units_to_contact(inquiry)
    if contacts:
        _tell_parent(inquiry, contact=contacts[0], language=language)
    return inquiry


def _tell_parent(inquiry: CitizenReport, *, contact: Unit, language: str) -> None:
    queue_message(
        channel=Channel.SMS,
        template=INQUIRY_ANSWER,
        context={"reference": inquiry.reference, "unit": contact.name, "phone": contact.phone},
        recipient=inquiry.reporter_mobile,
        language=language,
        alert_key=f"inquiry-answer:{inquiry.reference}",
    )


def _as_missing_report(inquiry: CitizenReport) -> Report:
    return Report(
        kind=ReportKind.MISSING,
        full_name=inquiry.child_name,
        sex=inquiry.sex,
        age_min=inquiry.age,
        age_max=inquiry.age,
        identification_marks=inquiry.identification_marks,
        father_name=inquiry.father_name,
        mother_name=inquiry.mother_name,
        event_at=inquiry.event_at,
        event_state=inquiry.event_state,
        event_district=inquiry.event_district,
        event_locality=inquiry.event_locality,
    )


def _tell_unit(unit: Unit, *, inquiry: CitizenReport, found: Report) -> None:
    queue_for(
        everyone_of(unit),
        template=INQUIRY_MATCH,
        context={"reference": inquiry.reference, "case": found.case_number},
        alert_key=f"inquiry:{inquiry.reference}:{found.pk}",
    )


@transaction.atomic
def check_inquiries(report_id: int) -> list[LaterMatch]:
    """Check a found child or sighting, just filed or changed, against the parents' inquiries
    still searching: those it reaches by their keys (not every inquiry), scored as their first
    search scored. Each new possible match is recorded, its unit told, and the parent sent one
    SMS naming the police or DCPU to contact (never the home sheltering the child). Safe to
    run twice: a pair is recorded, and texted, once."""
    from apps.matching.selectors import FOUND_SIDE
    from apps.matching.services import likely_inquiries, lookup_keys

    found = (
        Report.objects.select_related("owning_unit__district", "event_state", "event_district")
        .filter(pk=report_id, kind__in=FOUND_SIDE, status=Status.OPEN)
        .first()
    )
    if found is None:
        return []
    # Locked, so that neither a parent's stop nor the first search is overtaken. An inquiry
    # whose first search has not run yet is left to it: that search will see this child.
    locked = (
        selectors.inquiries_to_check(found, lookup_keys(found, one_slip_away=True))
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    inquiries = {
        inquiry.pk: inquiry for inquiry in locked if inquiry.status == CitizenReportStatus.ANSWERED
    }
    scored = likely_inquiries(
        found, {pk: _as_missing_report(inquiry) for pk, inquiry in inquiries.items()}
    )
    return [
        told
        for inquiry_id, score in scored
        if (told := _record_later_match(inquiries[inquiry_id], found=found, score=score))
    ]


def _record_later_match(
    inquiry: CitizenReport, *, found: Report, score: float
) -> LaterMatch | None:
    later, created = LaterMatch.objects.get_or_create(
        inquiry=inquiry, report=found, defaults={"score": score}
    )
    if not created:
        return None
    inquiry.possible_matches = [*inquiry.possible_matches, found.pk]
    inquiry.save(update_fields=["possible_matches"])
    _tell_unit(found.owning_unit, inquiry=inquiry, found=found)
    contact = public_contact_for(found.owning_unit, where=found.event_district)
    if contact is not None:
        queue_message(
            channel=Channel.SMS,
            template=INQUIRY_LATER_MATCH,
            context={
                "reference": inquiry.reference,
                "unit": contact.name,
                "phone": contact.phone,
                "stop_link": stop_links.stop_link(inquiry.reference),
            },
            recipient=inquiry.reporter_mobile,
            language=inquiry.language,
            alert_key=f"inquiry-later:{inquiry.reference}:{found.pk}",
        )
    return later


@transaction.atomic
def stop_searching(inquiry: CitizenReport) -> CitizenReport:
    """The parent stops the search (with the signed link): no SMS after this one commits."""
    inquiry = CitizenReport.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.search_stopped_at is None:
        inquiry.search_stopped_at = timezone.now()
        inquiry.search_keys = []
        inquiry.save(update_fields=["search_stopped_at", "search_keys"])
    return inquiry


def forget_ended_searches() -> int:
    """Inquiries past their days leave the index of keys (searching_inquiries already leaves
    them out); returns how many."""
    return (
        CitizenReport.objects.exclude(search_keys=[])
        .filter(searching_until__lte=timezone.now())
        .update(search_keys=[])
    )


def portal_account():
    account, created = get_user_model().objects.get_or_create(
        username=PORTAL_ACCOUNT, defaults={"is_active": False, "first_name": "Khoya-Paya"}
    )
    if created:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    return account


def _file_sighting(citizen_report: CitizenReport) -> Report:
    sighting = Report(
        kind=ReportKind.SIGHTING,
        full_name=citizen_report.child_name,
        sex=citizen_report.sex,
        age_min=max(citizen_report.age - 2, 0),
        age_max=min(citizen_report.age + 2, ADULT_AGE - 1),
        identification_marks=citizen_report.identification_marks,
        clothing=citizen_report.description,
        father_name=citizen_report.father_name,
        mother_name=citizen_report.mother_name,
        event_at=citizen_report.event_at,
        event_state=citizen_report.event_state,
        event_district=citizen_report.event_district,
        event_locality=citizen_report.event_locality,
        found_by=FoundBy.CITIZEN,
        circumstances_detail=_("Seen by a citizen; Khoya-Paya reference %(reference)s.")
        % {"reference": citizen_report.reference},
    )
    return report_services.file_for_station_of_place(
        report=sighting,
        filed_by=portal_account(),
        police_station=citizen_report.police_station,
        photos=_photos_of(citizen_report),
    )


def _photos_of(citizen_report: CitizenReport) -> list[tuple[str, CleanPhoto]]:
    if not citizen_report.photo:
        return []
    return [report_services.copy_of_photo(citizen_report.photo, citizen_report.thumbnail)]


@transaction.atomic
def convert_to_missing_report(
    *, citizen_report: CitizenReport, report: Report, filed_by, marks: list[dict], photos: list
) -> Report:
    """The police station registers the FIR: the complaint becomes its missing report."""
    citizen_report = _undecided(citizen_report, CitizenReportKind.MISSING)
    report_services.file_report(
        report=report,
        filed_by=filed_by,
        marks=marks,
        photos=[*_photos_of(citizen_report), *photos],
    )
    citizen_report.report = report
    _record_citizen_report_decision(
        citizen_report, CitizenReportStatus.CONVERTED, decided_by=filed_by, note=""
    )
    return report


@transaction.atomic
def decline(*, citizen_report: CitizenReport, declined_by, note: str) -> CitizenReport:
    if not note.strip():
        raise ValidationError({"note": _("Say why no report is registered.")})
    citizen_report = _undecided(citizen_report, CitizenReportKind.MISSING)
    _record_citizen_report_decision(
        citizen_report, CitizenReportStatus.DECLINED, decided_by=declined_by, note=note
    )
    return citizen_report


def _undecided(citizen_report: CitizenReport, kind: CitizenReportKind) -> CitizenReport:
    citizen_report = CitizenReport.objects.select_for_update().get(pk=citizen_report.pk)
    if citizen_report.kind != kind or citizen_report.status != CitizenReportStatus.RECEIVED:
        raise ValidationError(_("This report has already been dealt with."))
    return citizen_report


def _record_citizen_report_decision(citizen_report, status, *, decided_by, note: str) -> None:
    citizen_report.status = status
    citizen_report.decided_by = decided_by
    citizen_report.decided_at = timezone.now()
    citizen_report.decision_note = note.strip()
    citizen_report.save()


@transaction.atomic
def moderate(*, citizen_report: CitizenReport, moderated_by, verdict: Moderation) -> None:
    """A district official's verdict; an abusive report blocks its mobile number for 90 days."""
    citizen_report.moderation = verdict
    citizen_report.moderated_by = moderated_by
    citizen_report.moderated_at = timezone.now()
    citizen_report.save(update_fields=["moderation", "moderated_by", "moderated_at"])


# --- Families told by SMS (docs/messaging.md, "Families") ------------------------------------

# Said as the police write it, in every language: "FIR 123/2026", "GD 45/2026".
REGISTRATION_ABBREVIATIONS = {RegistrationKind.FIR: "FIR", RegistrationKind.GD: "GD"}
# Outcomes a family is not told of by SMS: a child's death is told in person; a duplicate's case
# goes on under the other report, whose family hears of it.
NOT_TOLD_BY_SMS = frozenset({ClosureReason.DECEASED, ClosureReason.DUPLICATE})


@transaction.atomic
def tell_family_about_report(report_id: int) -> list[Message]:
    """After a missing child's report is saved, its family hears by SMS that it is registered
    (once per FIR or GD number) and that the case is closed (once per outcome). Safe to run
    again: each message is written once for its event and number."""
    report = (
        Report.objects.select_related("owning_unit__district", "event_district")
        .filter(pk=report_id, kind=ReportKind.MISSING)
        .first()
    )
    if report is None:
        return []
    told = []
    if report.registration_kind and report.fir_number:
        told.append(_tell_registration(report))
    if reason := _outcome_in_words(report):
        told.append(
            _tell_family(
                report,
                FAMILY_CASE_CLOSED,
                {"case": report.case_number, "reason": reason},
                event=f"closed:{report.status}:{report.closure_reason}",
            )
        )
    return [message for message in told if message is not None]


def _tell_registration(report: Report) -> Message | None:
    """The station registering the complaint is named, with the number to call there (its own,
    or the district's SP office, DCPU or 1098 when it has none)."""
    fir = f"{REGISTRATION_ABBREVIATIONS[report.registration_kind]} {report.fir_number}"
    return _tell_family(
        report,
        FAMILY_FIR_REGISTERED,
        {"fir": fir, "unit": report.owning_unit.name},
        event=f"fir:{report.registration_kind}:{report.fir_number}",
        stop_link=True,
    )


def _outcome_in_words(report: Report):
    if report.status == Status.RESTORED:
        return Status.RESTORED.label
    if report.status != Status.CLOSED or report.closure_reason in NOT_TOLD_BY_SMS:
        return None
    if report.closure_reason in ClosureReason.values:
        return ClosureReason(report.closure_reason).label
    return Status.CLOSED.label  # closed without a reason (not through the status form)


@transaction.atomic
def tell_family_of_match(candidate_id: int) -> Message | None:
    """The police confirmed that a found child is the missing child: the family is told whom to
    call and the case number to quote, never where the child is nor who shelters them. Safe
    to run again."""
    candidate = (
        MatchCandidate.objects.select_related(
            "missing__owning_unit__district", "missing__event_district"
        )
        .filter(pk=candidate_id, kind=CandidateKind.MATCH, status=CandidateStatus.CONFIRMED)
        .first()
    )
    if candidate is None or not candidate.missing.is_missing:
        return None
    report = candidate.missing
    return _tell_family(
        report,
        FAMILY_MATCH_CONFIRMED,
        {"case": report.case_number},
        event=f"match:{candidate.pk}",
        stop_link=True,
    )


def _tell_family(
    report: Report, template, context: dict, *, event: str, stop_link: bool = False
) -> Message | None:
    """One SMS to the family, in their language, naming whom to call: the police unit that owns
    the report (a DCPU or the SP's office for any other unit), with the first number of its
    public chain. Written to the message log as not sent once the family opted out."""
    contact = selectors.family_contact(report)
    if contact is None:
        return None
    responsible = public_contact_for(report.owning_unit, where=report.event_district)
    whom = public_phone_for(responsible or report.owning_unit)
    context = {"unit": whom.name, "phone": whom.phone, **context}
    if stop_link:
        context["stop_link"] = stop_links.family_stop_link(report.case_number)
    return queue_message(
        channel=Channel.SMS,
        template=template,
        context=context,
        recipient=contact.mobile,
        language=contact.language,
        alert_key=f"family:{report.pk}:{event}",
        opted_out=selectors.family_opted_out(report, contact.mobile),
    )


@transaction.atomic
def stop_family_sms(report: Report) -> FamilyOptOut:
    """The family opened the stop link and confirmed: no SMS about this report after this."""
    contact = selectors.family_contact(report)
    opt_out, _created = FamilyOptOut.objects.get_or_create(
        report=report,
        defaults={"via": OptOutVia.LINK, "mobile": contact.mobile if contact else ""},
    )
    return opt_out


@transaction.atomic
def stop_searches_from(mobile: str) -> int:
    """A parent replied STOP to an SMS about children found later: every inquiry of theirs
    still searching stops, as with the stop link. Returns how many."""
    inquiries = selectors.searching_inquiries().filter(reporter_mobile=mobile).order_by("pk")
    for inquiry in inquiries:
        stop_searching(inquiry)
    return len(inquiries)


@transaction.atomic
def stop_family_sms_from(mobile: str, *, message_id: int | None) -> FamilyOptOut | None:
    """A family replied STOP: no SMS to this number about any report. A number no family is
    reached on stops nothing (the reply stays in the message log)."""
    if not selectors.is_family_mobile(mobile):
        return None
    opt_out, _created = FamilyOptOut.objects.get_or_create(
        report=None,
        mobile=mobile,
        defaults={"via": OptOutVia.REPLY, "message_id": message_id},
    )
    return opt_out


# --- Families' data rights (docs/citizens.md#your-data) --------------------------------------

NOT_THE_FAMILYS = gettext_lazy(
    "No report has this case number or reference with this mobile number. "
    "Check both, or ask the police station."
)
RIGHTS_REQUESTS_PER_MOBILE_PER_HOUR = 3


@transaction.atomic
def lodge_rights_request(
    *, case: str, mobile: str, kind: str, details: str, language: str
) -> DataRightsRequest:
    """Keep the request and text a code to the family's mobile; the unit sees it once the
    code is confirmed. Refused alike whether the case does not exist or is not theirs."""
    report = selectors.report_for_rights_request(case, mobile)
    if report is None:
        raise ValidationError(NOT_THE_FAMILYS)
    hour_ago = timezone.now() - timedelta(hours=1)
    if (
        DataRightsRequest.objects.filter(mobile=mobile, created_at__gte=hour_ago).count()
        >= RIGHTS_REQUESTS_PER_MOBILE_PER_HOUR
    ):
        raise limits.RateLimitError(limits.TOO_MANY_CODES)
    rights_request = DataRightsRequest(
        report=report,
        kind=kind,
        details=details.strip() if kind == DataRightsKind.CORRECT else "",
        mobile=mobile,
        language=language,
    )
    sent = mobile_codes.send(
        mobile=mobile, language=language, alert_key=f"rights-code:{rights_request.reference}"
    )
    rights_request.code_hash, rights_request.code_expires_at = sent.code_hash, sent.expires_at
    rights_request.save()
    return rights_request


@transaction.atomic
def confirm_rights_request(*, rights_request: DataRightsRequest, code: str) -> bool:
    """The code proves the mobile; the deadline runs from then (DATA_RIGHTS_DAYS)."""
    rights_request = DataRightsRequest.objects.select_for_update().get(pk=rights_request.pk)
    if rights_request.mobile_verified_at:
        return True
    if not mobile_codes.confirm(rights_request, code):
        return False
    rights_request.mobile_verified_at = timezone.now()
    rights_request.due_at = rights_request.mobile_verified_at + timedelta(
        days=settings.DATA_RIGHTS_DAYS
    )
    rights_request.save()
    return True


@transaction.atomic
def answer_rights_request(
    *, rights_request: DataRightsRequest, official, outcome: str, reason: str
) -> DataRightsRequest:
    """The report's owning unit answers: seen (the family is asked to come or call), corrected
    (after editing the report), erased (only when no legal duty needs the record: the report
    is minimised at once) or refused, with the reason recorded. The family hears by SMS."""
    rights_request = (
        DataRightsRequest.objects.select_for_update(of=("self",))
        .select_related("report__owning_unit__district", "report__event_district")
        .get(pk=rights_request.pk)
    )
    if not selectors.can_handle_rights_request(official, rights_request):
        raise PermissionDenied
    if rights_request.outcome or rights_request.mobile_verified_at is None:
        raise ValidationError(_("This request has already been answered."))
    reason = reason.strip()
    report = rights_request.report
    if rights_request.kind == DataRightsKind.ERASE and outcome == DataRightsOutcome.DONE:
        if refusal := selectors.erasure_refused_by_law(report):
            raise ValidationError({"reason": refusal})
        erasure_granted.send(sender=DataRightsRequest, report_id=report.pk)
    if not reason and (
        outcome == DataRightsOutcome.REFUSED or rights_request.kind == DataRightsKind.ERASE
    ):
        raise ValidationError({"reason": _("Say why.")})
    rights_request.outcome = outcome
    rights_request.reason = reason
    rights_request.handled_by = official
    rights_request.handled_at = timezone.now()
    rights_request.save()
    whom = public_phone_for(
        public_contact_for(report.owning_unit, where=report.event_district) or report.owning_unit
    )
    queue_message(
        channel=Channel.SMS,
        template=DATA_RIGHTS_ANSWERED,
        context={
            "reference": rights_request.reference,
            "case": report.case_number,
            "unit": whom.name,
            "phone": whom.phone,
        },
        recipient=rights_request.mobile,
        language=rights_request.language,
        alert_key=f"rights-answer:{rights_request.reference}",
    )
    return rights_request
