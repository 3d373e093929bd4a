"""Reads for Khoya-Paya: the public side sees only what families agreed to publish; officials see
citizens' reports routed to them or made in their jurisdiction."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.jurisdiction import DISTRICT_WATCH_UNITS, Jurisdiction, official_unit
from apps.accounts.models import Level
from apps.citizens import stop_links
from apps.citizens.models import (
    CitizenReport,
    CitizenReportKind,
    CitizenReportStatus,
    FamilyOptOut,
)
from apps.directory.models import State, Unit, UnitType
from apps.directory.selectors import STATION_TYPES, public_contact_for
from apps.messaging.phones import sms_number
from apps.reports.choices import ReportKind, Sex, Status
from apps.reports.models import Report
from apps.reports.selectors import SearchCriteria, report_by_case_number, search_reports
from trackchild.languages import languages_of_state


def search_missing_children(*, name: str, sex: str, age: int | None, state, since):
    """Only missing children whose families consented to publication, still sought, by name."""
    criteria = SearchCriteria(
        name=name,
        kind=ReportKind.MISSING,
        sex=sex,
        age_from=age,
        age_to=age,
        state=state,
        date_from=since,
        publishable_only=True,
    )
    return search_reports(criteria)


def case_for_tracking(reference: str, mobile: str) -> CitizenReport | None:
    return (
        CitizenReport.objects.select_related("police_station", "report")
        .filter(reference=reference, reporter_mobile=mobile)
        .exclude(status=CitizenReportStatus.UNVERIFIED)
        .first()
    )


def _scope(user) -> Q | None:
    """Routed to the official's station, made in the district/state they watch over, or a
    parent's inquiry that may match a child the official's unit reported found."""
    unit = official_unit(user)
    if unit is None:
        return None
    own_reports = ArraySubquery(Report.objects.filter(owning_unit=unit).values("pk"))
    place = _place_scope(user, unit)
    inquiries = Q(possible_matches__overlap=own_reports)
    return inquiries if place is None else place | inquiries


def _place_scope(user, unit) -> Q | None:
    scope = Jurisdiction.watching(user, DISTRICT_WATCH_UNITS | {UnitType.DISTRICT_POLICE})
    if scope.level == Level.UNIT:
        return Q(police_station=unit) if unit.unit_type in STATION_TYPES else None
    return Q(
        **{
            Level.NATION: {},
            Level.STATE: {"event_state_id": scope.state_id},
            Level.DISTRICT: {"event_district_id": scope.district_id},
        }[scope.level]
    )


def can_see_citizen_reports(user) -> bool:
    return _scope(user) is not None


def queue_for(user, *, status: str = "", kind: str = "", unmoderated: bool = False):
    scope = _scope(user)
    if scope is None:
        return CitizenReport.objects.none()
    reports = CitizenReport.objects.filter(scope).exclude(status=CitizenReportStatus.UNVERIFIED)
    if status:
        reports = reports.filter(status=status)
    if kind:
        reports = reports.filter(kind=kind)
    if unmoderated:
        reports = reports.filter(moderation="")
    return reports.select_related("police_station", "event_district", "report")


def complaints_waiting_for(user):
    """Families' complaints of a missing child in the user's queue that the police have neither
    registered as a report nor declined."""
    return queue_for(user, status=CitizenReportStatus.RECEIVED, kind=CitizenReportKind.MISSING)


def citizen_report_for(user, reference: str) -> CitizenReport:
    if _scope(user) is None:
        raise PermissionDenied
    return get_object_or_404(queue_for(user), reference=reference)


def can_act_on(user, citizen_report: CitizenReport) -> bool:
    """The station it was routed to registers the FIR or says why not."""
    unit = official_unit(user)
    return unit is not None and unit.pk == citizen_report.police_station_id


def can_moderate(user) -> bool:
    return user.is_authenticated and (user.level or 0) >= Level.DISTRICT


def pending_report(reference: str) -> CitizenReport:
    return get_object_or_404(
        CitizenReport, reference=reference, status=CitizenReportStatus.UNVERIFIED
    )


def tracked_case(reference: str) -> CitizenReport:
    return get_object_or_404(
        CitizenReport.objects.select_related("police_station", "child_protection_unit"),
        reference=reference,
    )


def units_to_contact(citizen_report: CitizenReport) -> list[Unit]:
    """For a parent's inquiry: the police units or DCPUs responsible for the possible matches
    now (after a transfer, those of the institution holding the child: Report.responsible_unit);
    never the children, nor the institution sheltering them."""
    if not citizen_report.possible_matches:
        return []
    matches = Report.objects.filter(pk__in=citizen_report.possible_matches).select_related(
        "owning_unit__district", "placed_at__district", "event_district"
    )
    contacts = {
        contact.pk: contact
        for report in matches
        if (contact := public_contact_for(report.responsible_unit, where=report.event_district))
    }
    return sorted(contacts.values(), key=lambda unit: unit.name)


def missing_report_initial(citizen_report: CitizenReport) -> dict:
    """What the complaint already says, for the station's missing report form."""
    return {
        "full_name": citizen_report.child_name,
        "sex": citizen_report.sex,
        "age": citizen_report.age,
        "identification_marks": citizen_report.identification_marks,
        "clothing": citizen_report.description,
        "father_name": citizen_report.father_name,
        "mother_name": citizen_report.mother_name,
        # The complainant keeps hearing by SMS, in the language they wrote in.
        "complainant_mobile": citizen_report.reporter_mobile,
        "complainant_language": citizen_report.language,
        "event_at": citizen_report.event_at,
        "event_state": citizen_report.event_state_id,
        "event_district": citizen_report.event_district_id,
        "event_locality": citizen_report.event_locality,
        "circumstances_detail": _(
            "Complaint %(reference)s from %(name)s, mobile %(mobile)s, through Khoya-Paya."
        )
        % {
            "reference": citizen_report.reference,
            "name": citizen_report.reporter_name,
            "mobile": citizen_report.reporter_mobile,
        },
    }


def searching_inquiries():
    """Parents' inquiries still searching: not past their days, not stopped. The days are this
    condition, so a search ends by itself on time; services.forget_ended_searches only tidies
    the index of keys."""
    return (
        CitizenReport.objects.filter(
            kind=CitizenReportKind.INQUIRY,
            searching_until__gt=timezone.now(),
            search_stopped_at__isnull=True,
        )
        # What the partial index of keys holds, said so that the index is used.
        .exclude(search_keys=[])
    )


# A boy is never a girl's inquiry, nor the other way round (the engine's first hard filter);
# an inquiry or child of another or unknown sex may be either.
_OTHER_SEX = {Sex.MALE: Sex.FEMALE, Sex.FEMALE: Sex.MALE}


def inquiries_to_check(found: Report, keys: list[str]):
    """The searching inquiries a found child or sighting reaches by its lookup keys
    (apps.matching.services.lookup_keys) that it has not been proposed for yet: read from the
    index of keys, not by reading every inquiry."""
    inquiries = (
        searching_inquiries()
        .filter(search_keys__overlap=keys)
        .exclude(possible_matches__contains=[found.pk])
    )
    if found.sex in _OTHER_SEX:
        inquiries = inquiries.exclude(sex=_OTHER_SEX[found.sex])
    return inquiries.select_related("event_state", "event_district")


def inquiry_to_stop(reference: str, signature: str) -> CitizenReport:
    """The inquiry a stop link names, only with the signature the portal made for it."""
    if not stop_links.is_signature(reference, signature):
        raise Http404
    return get_object_or_404(CitizenReport, reference=reference, kind=CitizenReportKind.INQUIRY)


# --- Families told by SMS -------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyContact:
    mobile: str
    language: str


def family_contact(report: Report) -> FamilyContact | None:
    """Where a missing child's family hears by SMS: the complainant's mobile and language on the
    report; else the Khoya-Paya complaint the report was registered from (its mobile, confirmed
    by a code, and the language it was written in). None when neither gives a mobile number."""
    languages = {code for code, _name in settings.LANGUAGES}
    if mobile := sms_number(report.complainant_mobile):
        language = report.complainant_language
        return FamilyContact(mobile, language if language in languages else settings.LANGUAGE_CODE)
    complaint = (
        CitizenReport.objects.filter(report=report, kind=CitizenReportKind.MISSING)
        .order_by("pk")
        .first()
    )
    if complaint is None or not (mobile := sms_number(complaint.reporter_mobile)):
        return None
    language = complaint.language if complaint.language in languages else settings.LANGUAGE_CODE
    return FamilyContact(mobile, language)


def family_opted_out(report: Report, mobile: str) -> bool:
    """The family stopped SMS about this report (the link), or from this number (a reply)."""
    return FamilyOptOut.objects.filter(
        Q(report=report) | Q(report__isnull=True, mobile=mobile)
    ).exists()


def is_family_mobile(mobile: str) -> bool:
    """Whether a missing child's family is reached on this number, by either way above."""
    return (
        Report.objects.filter(kind=ReportKind.MISSING, complainant_mobile=mobile).exists()
        or CitizenReport.objects.filter(
            kind=CitizenReportKind.MISSING, reporter_mobile=mobile, report__isnull=False
        ).exists()
    )


class StopLinkError(Exception):
    """A stop link that stops nothing, with what to tell whoever opened it."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def report_to_stop(case_number: str, token: str) -> Report:
    """The missing child's report a family's stop link names, only with a token the portal made
    for that case number within FAMILY_SMS_STOP_LINK_DAYS."""
    issued = stop_links.family_token_day(case_number, token)
    report = report_by_case_number(case_number) if issued else None
    if report is None or report.case_number != case_number or not report.is_missing:
        raise StopLinkError(
            _("This link is not right. Check that it was copied whole from the SMS."), status=404
        )
    valid_for = timedelta(days=settings.FAMILY_SMS_STOP_LINK_DAYS)
    if issued + valid_for < timezone.localdate():
        raise StopLinkError(
            _(
                "This link has expired. To stop the SMS, reply STOP to one of them, or ask "
                "the police station."
            ),
            status=410,
        )
    return report


# --- Families' data rights (docs/citizens.md#your-data) --------------------------------------


def report_for_rights_request(case: str, mobile: str) -> Report | None:
    """The report a case number or Khoya-Paya reference names, only when the mobile is its
    family's: the complainant's on the report, or the confirmed one of the complaint it came
    from. None otherwise, whether or not the case exists."""
    case = (case or "").strip().upper()
    complaints = CitizenReport.objects.filter(
        reporter_mobile=mobile, mobile_verified_at__isnull=False, report__isnull=False
    )
    if case.startswith("KP"):
        complaint = complaints.filter(reference=case).select_related("report").first()
        return complaint.report if complaint else None
    report = report_by_case_number(case)
    if report is None or report.case_number != case:
        return None
    if report.complainant_mobile == mobile or complaints.filter(report=report).exists():
        return report
    return None


def can_handle_rights_request(user, rights_request) -> bool:
    """Only the unit owning the report answers for its data."""
    unit = official_unit(user)
    return unit is not None and unit.pk == rights_request.report.owning_unit_id


def rights_requests_waiting_for(user):
    """Confirmed requests about the reports of the user's unit, not answered yet, oldest due
    first."""
    from apps.citizens.models import DataRightsRequest

    unit = official_unit(user)
    if unit is None:
        return DataRightsRequest.objects.none()
    return DataRightsRequest.objects.filter(
        report__owning_unit=unit, mobile_verified_at__isnull=False, outcome=""
    ).select_related("report")


def rights_request_for(user, reference: str):
    from apps.citizens.models import DataRightsRequest

    rights_request = get_object_or_404(
        DataRightsRequest.objects.select_related("report"),
        reference=reference,
        mobile_verified_at__isnull=False,
    )
    if not can_handle_rights_request(user, rights_request):
        raise PermissionDenied
    return rights_request


def erasure_refused_by_law(report: Report) -> str | None:
    """Why the law needs the record kept, or None when it may be erased: an open case (the JJ
    Act's duty to trace and account for the child) or one closed within the retention period
    (the CrPC's duty to keep the police record)."""
    if report.status not in (Status.RESTORED, Status.CLOSED):
        return _("The case is not closed: the law requires the record while the child is traced.")
    kept_for = timedelta(days=365 * settings.RETENTION_CLOSED_CASE_YEARS)
    if report.updated_at > timezone.now() - kept_for:
        return _("The case was closed within the period the law requires its record to be kept.")
    return None


def pending_rights_request(reference: str):
    from apps.citizens.models import DataRightsRequest

    return get_object_or_404(DataRightsRequest, reference=reference)


# --- The visitor's languages ----------------------------------------------------------------


def languages_for_visitor(state_id: str | None) -> tuple[list[str], list[str]]:
    """The languages Khoya-Paya offers: those of the State/UT the visitor chose (a ?state= of
    its pages) first, then the others, as codes."""
    lgd_code = None
    if state_id and state_id.isdigit():
        lgd_code = State.objects.filter(pk=state_id).values_list("lgd_code", flat=True).first()
    first = languages_of_state(lgd_code)
    return first, [code for code, _name in settings.LANGUAGES if code not in first]
