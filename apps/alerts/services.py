"""What the portal tells officials without their logging in.

Every alert is keyed by its event (and, for the monthly digest and overdue work, its period):
the message layer sends one message per key, recipient and channel, so running any of these
twice, or a worker dying half-way, never sends a message twice.
"""

from collections import defaultdict
from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import partial
from itertools import groupby

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.alerts import wording
from apps.alerts.figures import MonthFigures, figures_by_district
from apps.alerts.models import DistrictDigest
from apps.compliance import rules
from apps.compliance.choices import Event
from apps.compliance.models import DeadlineRule, OverdueItem
from apps.core.days import start_of
from apps.core.months import months_before
from apps.directory.models import POLICE_UNIT_TYPES, District, Unit, UnitType
from apps.directory.selectors import (
    child_protection_units_of,
    neighbouring_states,
    railway_routes_through,
)
from apps.grievances.models import Grievance
from apps.matching.models import CandidateKind, MatchCandidate
from apps.matching.thresholds import STRONG_MATCH_SCORE
from apps.messaging.catalogue import (
    CITIZEN_SIGHTING,
    COMPLAINT_UNANSWERED,
    DAILY_BULLETIN,
    DUPLICATE_CLOSED,
    GRIEVANCE_ESCALATED,
    HIGH_RISK_ON_ROUTE,
    LATE_MISSING_REPORTS,
    MONTHLY_DIGEST,
    NEW_MISSING_CHILD,
    OVERDUE_IN_DISTRICT,
    OVERDUE_WORK,
    STRONG_MATCH,
)
from apps.messaging.recipients import email_readers_of_units, everyone_of, heads_of
from apps.messaging.services import queue_for, queue_many
from apps.reports.choices import TRAVEL_PLACES, Circumstance, PlaceKind, ReportKind, Status
from apps.reports.models import Report

DIGEST_RECIPIENT_UNITS = (UnitType.DISTRICT_COLLECTORATE, UnitType.DISTRICT_POLICE)
REPORT_RELATIONS = ("owning_unit", "event_district__state")


def previous_month(today: date) -> date:
    return months_before(today, 1)


# --- The monthly digest ---


@transaction.atomic
def compose_monthly_digests(*, month: date) -> dict[int, DistrictDigest]:
    """Every current district's digest of the month, keyed by district id. A month's digest is
    written once: composing again returns what was sent, so the dashboard and the SMS agree."""
    composed = DistrictDigest.objects.filter(month=month).values_list("district_id", flat=True)
    to_compose = District.objects.current().exclude(pk__in=composed).values_list("pk", flat=True)
    if to_compose:
        # The month's figures are counted nationally in one go, and only when a digest is due.
        figures = figures_by_district(month)
        now = timezone.now()
        DistrictDigest.objects.bulk_create(
            [
                DistrictDigest(
                    district_id=district_id,
                    month=month,
                    computed_at=now,
                    **asdict(figures.get(district_id, MonthFigures())),
                )
                for district_id in to_compose
            ],
            ignore_conflicts=True,
        )
    digests = DistrictDigest.objects.filter(month=month).select_related("district")
    return {digest.district_id: digest for digest in digests}


@transaction.atomic
def queue_monthly_digests(*, month: date) -> int:
    """One SMS (and a fuller e-mail) to the District Magistrate and the Superintendent of Police
    of every district, each in their own language. Returns how many heads were addressed."""
    digests = compose_monthly_digests(month=month)
    heads = Unit.objects.filter(
        unit_type__in=DIGEST_RECIPIENT_UNITS, is_active=True, district_id__in=digests
    ).order_by("district_id", "unit_type", "pk")
    for unit in heads:
        queue_for(
            heads_of(unit),
            template=MONTHLY_DIGEST,
            context=_digest_context(digests[unit.district_id]),
            alert_key=f"digest:{month:%Y-%m}:{unit.pk}",
        )
    return len(heads)


def _digest_context(digest: DistrictDigest) -> dict:
    late_list = "\n".join(f"- {name}" for name in digest.late_institution_names)
    return {
        "month": wording.month_name(digest.month),
        "district": wording.place_name(digest.district),
        "missing": digest.missing_reported,
        "found": digest.found_reported,
        "matched": digest.matched,
        "restored": digest.restored,
        "open_long": digest.open_over_30_days,
        "late": digest.institutions_late,
        "institutions": digest.institutions,
        "late_list": late_list,
        "link": wording.link(reverse("alerts:district_digest", args=[digest.district.lgd_code])),
    }


# --- Prompt alerts ---


@transaction.atomic
def queue_new_report_alerts(*, report_id: int) -> None:
    """A missing child: the police of the district hear at once, and those of the neighbouring
    districts too when the child was last seen where people travel from. A sighting: the police
    station and the child protection unit of the place."""
    report = Report.objects.select_related(*REPORT_RELATIONS).get(pk=report_id)
    if report.kind == ReportKind.MISSING:
        _alert_police_near(report)
        _alert_sps_along_railway_routes(report)
    elif report.kind == ReportKind.SIGHTING:
        _alert_sighting(report)


def _alert_police_near(report: Report) -> None:
    districts = [report.event_district_id]
    if report.event_place_kind in TRAVEL_PLACES:
        districts += list(report.event_district.neighbours.values_list("pk", flat=True))
    police = Unit.objects.filter(
        district_id__in=districts, unit_type__in=POLICE_UNIT_TYPES, is_active=True
    ).exclude(pk=report.owning_unit_id)
    context = {
        **_about(report),
        "unit": wording.place_name(report.owning_unit),
        "phone": report.owning_unit.phone,
    }
    for unit in police.order_by("pk"):
        queue_for(
            everyone_of(unit),
            template=NEW_MISSING_CHILD,
            context=context,
            alert_key=f"missing:{report.pk}",
        )


def is_high_risk(report: Report) -> bool:
    """Suspected trafficking, or last seen at a railway station: the child may be far by now."""
    return (
        report.circumstances == Circumstance.KIDNAPPING
        or report.event_place_kind == PlaceKind.RAILWAY_STATION
    )


def _alert_sps_along_railway_routes(report: Report) -> None:
    """A child at high risk: the SP of every other district on the main railway routes through
    the district where the child was last seen hears at once (the district's own police already
    have, above)."""
    if not is_high_risk(report):
        return
    route_names, districts = railway_routes_through(report.event_district_id)
    superintendents = Unit.objects.filter(
        unit_type=UnitType.DISTRICT_POLICE, is_active=True, district_id__in=districts
    )
    context = {
        **_about(report),
        "unit": wording.place_name(report.owning_unit),
        "phone": report.owning_unit.phone,
        "route": ", ".join(route_names),
    }
    for unit in superintendents.order_by("pk"):
        queue_for(
            heads_of(unit),
            template=HIGH_RISK_ON_ROUTE,
            context=context,
            alert_key=f"route:{report.pk}",
        )


def _alert_sighting(report: Report) -> None:
    dcpu = child_protection_units_of(report.event_district_id)
    for unit in [report.owning_unit, *dcpu]:
        queue_for(
            everyone_of(unit),
            template=CITIZEN_SIGHTING,
            context=_about(report),
            alert_key=f"sighting:{report.pk}",
        )


def _about(report: Report) -> dict:
    """What every alert about a child's report says of it."""
    return {
        "case": report.case_number,
        "child": wording.child_words(report),
        "when": wording.when(report.event_at),
        "place": wording.place_of(report),
        "link": wording.link(report.get_absolute_url()),
    }


@transaction.atomic
def queue_strong_match_alerts(*, candidate_id: int) -> bool:
    """A newly proposed pair strong enough to act on: both owning units hear of it."""
    candidate = MatchCandidate.objects.select_related(
        "missing__owning_unit", "other__owning_unit"
    ).get(pk=candidate_id)
    if candidate.kind != CandidateKind.MATCH or candidate.score < STRONG_MATCH_SCORE:
        return False
    context = {
        "missing": candidate.missing.case_number,
        "other": candidate.other.case_number,
        "score": f"{candidate.score:.0f}",
        "link": wording.link(reverse("matching:compare", args=[candidate.pk])),
    }
    for unit in {candidate.missing.owning_unit, candidate.other.owning_unit}:
        queue_for(
            everyone_of(unit),
            template=STRONG_MATCH,
            context=context,
            alert_key=f"match:{candidate.pk}",
        )
    return True


@transaction.atomic
def queue_duplicate_closed_alerts(*, report_id: int) -> bool:
    """A report closed as a duplicate of another: both units owning the two reports hear where
    the case goes on, whoever of them (or of their supervisors) closed it. Nothing when the
    report was reopened before this ran."""
    report = Report.objects.select_related("owning_unit", "duplicate_of__owning_unit").get(
        pk=report_id
    )
    primary = report.duplicate_of
    if primary is None:
        return False
    context = {
        "duplicate": report.case_number,
        "primary": primary.case_number,
        "link": wording.link(primary.get_absolute_url()),
    }
    for unit in {report.owning_unit, primary.owning_unit}:
        queue_for(
            everyone_of(unit),
            template=DUPLICATE_CLOSED,
            context=context,
            alert_key=f"duplicate:{report.pk}:{primary.pk}",
        )
    return True


@transaction.atomic
def queue_overdue_work_alerts(*, day: date) -> int:
    """Each unit with open overdue items, and its district's DCPU, hear of them at most once on
    `day`; each district's SP office hears of the missing reports its stations entered late the
    day before. Returns how many units were behind."""
    behind = (
        OverdueItem.objects.filter(resolved_at__isnull=True)
        .order_by()
        .values("responsible_unit_id")
        .annotate(count=Count("pk"))
    )
    counts = {row["responsible_unit_id"]: row["count"] for row in behind}
    units = Unit.objects.filter(pk__in=counts).select_related("district").order_by("name")
    link = wording.link(reverse("compliance:queue"))
    by_district: dict[District, list[Unit]] = {}
    for unit in units:
        queue_for(
            everyone_of(unit),
            template=OVERDUE_WORK,
            context={"unit": wording.place_name(unit), "count": counts[unit.pk], "link": link},
            alert_key=f"overdue:{day:%Y-%m-%d}:{unit.pk}",
        )
        if unit.district is not None and unit.unit_type != UnitType.DCPU:
            by_district.setdefault(unit.district, []).append(unit)
    for district, behind_units in by_district.items():
        _alert_dcpu(district, behind_units, counts=counts, day=day, link=link)
    _alert_late_missing_reports(entered_on=day - timedelta(days=1), link=link)
    return len(units)


def _alert_dcpu(district, units, *, counts, day, link) -> None:
    def unit_list():
        line = gettext("%(unit)s: %(count)s overdue")
        return "\n".join(
            "- " + line % {"unit": unit.name, "count": counts[unit.pk]} for unit in units
        )

    context = {
        "units": len(units),
        "district": wording.place_name(district),
        "count": sum(counts[unit.pk] for unit in units),
        "unit_list": wording.in_recipient_language(unit_list),
        "link": link,
    }
    for dcpu in child_protection_units_of(district.pk):
        queue_for(
            everyone_of(dcpu),
            template=OVERDUE_IN_DISTRICT,
            context=context,
            alert_key=f"overdue-district:{day:%Y-%m-%d}:{district.pk}",
        )


def _alert_late_missing_reports(*, entered_on: date, link: str) -> None:
    """The missing reports entered on the portal on `entered_on` (a local day) later than the
    rule allows after their FIR/GD: one summary per district to its SP office, naming the count
    and the stations. Keyed by the day of entry, so each late entry is told once whatever runs
    again; nothing while the rule is switched off."""
    rule = DeadlineRule.objects.filter(event=Event.MISSING_FILING, is_active=True).first()
    if rule is None:
        return
    start = start_of(entered_on)
    late = (
        rules.late_missing_reports(rule.allowed)
        .filter(
            created_at__gte=start,
            created_at__lt=start + timedelta(days=1),
            owning_unit__district__isnull=False,
        )
        .annotate(hours_late=rules.hours_after_fir())
        .select_related("owning_unit__district")
        .order_by("owning_unit__name", "owning_unit_id", "created_at", "pk")
    )
    by_district: dict[District, dict[Unit, list[Report]]] = {}
    for report in late:
        unit = report.owning_unit
        by_district.setdefault(unit.district, {}).setdefault(unit, []).append(report)
    for district, stations in by_district.items():
        context = {
            "count": sum(len(reports) for reports in stations.values()),
            "district": wording.place_name(district),
            "day": wording.day(entered_on),
            "hours": rule.allowed_hours,
            "stations": len(stations),
            "station_list": wording.in_recipient_language(partial(_late_list, stations)),
            "link": link,
        }
        for sp_office in sp_offices_of(district.pk):
            queue_for(
                everyone_of(sp_office),
                template=LATE_MISSING_REPORTS,
                context=context,
                alert_key=f"late-missing:{entered_on:%Y-%m-%d}:{district.pk}",
            )


def _late_list(stations: dict[Unit, list[Report]]) -> str:
    entry = gettext("%(case)s (%(hours)s h)")
    return "\n".join(
        f"- {unit}: "
        + ", ".join(
            entry % {"case": report.case_number, "hours": report.hours_late} for report in reports
        )
        for unit, reports in stations.items()
    )


# --- Escalation of citizens' complaints ---


@transaction.atomic
def queue_unanswered_complaint_alerts(*, detected_at: datetime) -> int:
    """The citizens' complaints a computation found unanswered past their deadline (at
    `detected_at`) escalate: the district's SP office and its DCPU each hear of every one,
    once per complaint whatever runs again. A complaint answered meanwhile is left out.
    Returns how many complaints were escalated."""
    items = (
        OverdueItem.objects.filter(
            event=Event.COMPLAINT, detected_at=detected_at, resolved_at__isnull=True
        )
        .select_related("responsible_unit", "district", "citizen_report")
        .order_by("pk")
    )
    escalated = 0
    for item in items:
        if item.district_id is None:
            continue
        context = {
            "reference": item.label,
            "unit": wording.place_name(item.responsible_unit),
            "district": wording.place_name(item.district),
            "when": wording.when(item.citizen_report.mobile_verified_at),
            "link": wording.link(item.get_subject_url()),
        }
        for unit in escalation_units(item.district_id):
            queue_for(
                everyone_of(unit),
                template=COMPLAINT_UNANSWERED,
                context=context,
                alert_key=f"complaint-unanswered:{item.citizen_report_id}",
            )
        escalated += 1
    return escalated


@transaction.atomic
def queue_escalated_grievance_alerts(*, escalated_at: datetime) -> int:
    """Each grievance that went up at `escalated_at` and is still unanswered is told to everyone
    of the unit it now waits for (the State/UT's nodal unit, or the ministry), once per level
    whatever runs again. Returns how many grievances were told."""
    grievances = (
        Grievance.objects.filter(escalated_at=escalated_at, answered_at__isnull=True)
        .select_related("unit", "answering_unit")
        .order_by("pk")
    )
    for grievance in grievances:
        queue_for(
            everyone_of(grievance.answering_unit),
            template=GRIEVANCE_ESCALATED,
            context={
                "reference": grievance.reference,
                "unit": wording.place_name(grievance.unit),
                "when": wording.when(grievance.lodged_at),
                "link": wording.link(grievance.get_absolute_url()),
            },
            alert_key=f"grievance-escalated:{grievance.reference}:{grievance.level}",
        )
    return len(grievances)


def escalation_units(district_id: int) -> list[Unit]:
    """Where an unanswered complaint goes: the district's SP office(s), then its DCPU."""
    return [*sp_offices_of(district_id), *child_protection_units_of(district_id)]


def sp_offices_of(district_id: int) -> list[Unit]:
    """The district's police office(s): the Superintendent of Police's."""
    return list(
        Unit.objects.filter(
            unit_type=UnitType.DISTRICT_POLICE, district_id=district_id, is_active=True
        ).order_by("pk")
    )


# --- The daily bulletin ---

# Each gets the new missing children of its State/UT and the neighbouring ones, and every
# suspected trafficking case of India; the State police and the SCPS their State's.
BULLETIN_AROUND_UNITS = (UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE, UnitType.DISTRICT_POLICE)
BULLETIN_STATE_UNITS = (UnitType.STATE_POLICE, UnitType.SCPS)
BULLETIN_SLICE = 250


def queue_daily_bulletins(*, day: date) -> int:
    """One e-mail per police station, SP office, State police headquarters and SCPS, listing the
    missing children reported on `day` that are still sought. The lists are put together once
    per State/UT (not per station) and each unit's bulletin is keyed by the day, so running it
    again sends nothing twice. A State/UT is written in one transaction. Returns how many units
    had a bulletin."""
    new_cases = _missing_reported_on(day)
    by_state: dict[int, list[Report]] = defaultdict(list)
    for report in new_cases:
        by_state[report.event_state_id].append(report)
    trafficking = [r for r in new_cases if r.circumstances == Circumstance.KIDNAPPING]
    neighbours = neighbouring_states()
    units = (
        Unit.objects.filter(
            is_active=True, unit_type__in=BULLETIN_AROUND_UNITS + BULLETIN_STATE_UNITS
        )
        .exclude(state_id=None)
        .select_related("state")
        .order_by("state_id", "pk")
    )
    addressed = 0
    for state_id, units_of_state in groupby(units.iterator(chunk_size=2000), lambda u: u.state_id):
        around = _newest_first(
            by_state[state_id],
            *(by_state[other] for other in neighbours.get(state_id, ())),
            trafficking,
        )
        lists = {"around": around, "state": by_state[state_id]}
        addressed += _queue_bulletins_of_state(list(units_of_state), lists, day=day)
    return addressed


def _missing_reported_on(day: date) -> list[Report]:
    start = start_of(day)
    return list(
        Report.objects.filter(
            kind=ReportKind.MISSING,
            status=Status.OPEN,
            created_at__gte=start,
            created_at__lt=start + timedelta(days=1),
        )
        .select_related(*REPORT_RELATIONS, "event_district", "event_state")
        .order_by("-created_at", "-pk")
    )


def _newest_first(*lists: list[Report]) -> list[Report]:
    unique = {report.pk: report for cases in lists for report in cases}
    return sorted(unique.values(), key=lambda report: (report.created_at, report.pk), reverse=True)


@transaction.atomic
def _queue_bulletins_of_state(units: list[Unit], lists: dict, *, day: date) -> int:
    state = units[0].state
    contexts = {
        kind: _bulletin_context(cases, day=day, coverage=_coverage(state, kind))
        for kind, cases in lists.items()
        if cases
    }
    readers = email_readers_of_units(units)
    alerts = []
    for unit in units:
        kind = "state" if unit.unit_type in BULLETIN_STATE_UNITS else "around"
        if kind in contexts:
            alerts.append((readers[unit.pk], contexts[kind], f"bulletin:{day:%Y-%m-%d}:{unit.pk}"))
    # In slices, so that a large State's e-mails (tens of kilobytes each) are not all in memory.
    for start in range(0, len(alerts), BULLETIN_SLICE):
        queue_many(template=DAILY_BULLETIN, alerts=alerts[start : start + BULLETIN_SLICE])
    return len(alerts)


def _coverage(state, kind: str):
    def words():
        if kind == "state":
            return gettext("in %(state)s") % {"state": state}
        return gettext(
            "in %(state)s and its neighbouring States/UTs, with suspected trafficking across India"
        ) % {"state": state}

    return wording.in_recipient_language(words)


def _bulletin_context(cases: list[Report], *, day: date, coverage) -> dict:
    def case_lines():
        return "\n".join(_case_line(report) for report in cases)

    return {
        "count": len(cases),
        "day": day.strftime("%d/%m/%Y"),
        "coverage": coverage,
        "cases": wording.once_per_language(case_lines),
        "link": wording.link(reverse("reports:national_feed")),
    }


def _case_line(report: Report) -> str:
    line = gettext(
        "- %(case)s: %(child)s, last seen %(when)s at %(place)s, %(state)s. "
        "Contact %(unit)s %(phone)s. %(link)s"
    ) % {
        "case": report.case_number,
        "child": wording.child_words(report),
        "when": wording.when(report.event_at),
        "place": wording.place_of(report),
        "state": report.event_state,
        "unit": report.owning_unit,
        "phone": report.owning_unit.phone,
        "link": wording.link(report.get_absolute_url()),
    }
    if report.circumstances == Circumstance.KIDNAPPING:
        line += " " + gettext("Suspected trafficking.")
    return line
