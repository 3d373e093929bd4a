"""Each deadline rule as one set-based query: the records that owe the event, with their deadline.

`candidates(event, allowed)` returns querysets (ChildInCare or Report) annotated with the columns
of an overdue item, whatever the record's state of lateness; the service keeps those whose
deadline (`o_due`) has passed. Nothing here loops over rows: every rule is one SELECT.

Who answers for each event:

- production before the CWC/JJB: the unit owning the found report (it found or received the child);
- admission: the Child Care Institution the found report places the child in;
- care plan, progress reports, care plan review: the institution holding the child now;
- CWC/JJB order: the child's deciding body when the institution named one; otherwise every
  active CWC (child in need of care and protection) or JJB (child in conflict with law) of the
  institution's district, each in its own queue; and the institution itself when the directory
  has no such body in that district, so the item is never lost;
- the next repatriation step of a child of another country (apps.repatriation.deadlines): the
  unit owning the found report, or the institution once the child is in care;
- a citizen's missing-child complaint: the police station it was routed to (the district's SP
  office and DCPU see it in their district's queue and are alerted: the escalation).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    DurationField,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Length, LPad

from apps.care.choices import CareStatus, Category
from apps.care.models import CareOrder, CarePlan, ChildInCare, ProgressReport
from apps.citizens.models import CitizenReport, CitizenReportKind, CitizenReportStatus, Moderation
from apps.compliance.choices import Event
from apps.directory.models import Unit, UnitType
from apps.repatriation import deadlines as repatriation_deadlines
from apps.reports.choices import Placement, ReportKind, Status
from apps.reports.models import Report

# The columns of an overdue item, as annotations of every candidate query.
ITEM_COLUMNS = {
    "o_event": "event",
    "o_unit": "responsible_unit_id",
    "o_district": "district_id",
    "o_state": "state_id",
    "o_child": "child_id",
    "o_report": "report_id",
    "o_complaint": "citizen_report_id",
    "o_label": "label",
    "o_due": "due_at",
}
# A found report still needs the portal's attention until the child is restored or it is closed.
SETTLED_REPORT_STATUSES = (Status.RESTORED, Status.CLOSED)
DECIDING_BODY_FOR = {
    Category.CARE_AND_PROTECTION: UnitType.CWC,
    Category.CONFLICT_WITH_LAW: UnitType.JJB,
}


def start_of_day(date_expression):
    """Midnight at the start of a date in the portal's time zone (India), as a timestamp."""
    naive = Func(
        date_expression, template="(%(expressions)s)::timestamp", output_field=DateTimeField()
    )
    return Func(Value(settings.TIME_ZONE), naive, function="timezone", output_field=DateTimeField())


def days(expression):
    return Func(
        expression, template="make_interval(days => %(expressions)s)", output_field=DurationField()
    )


def case_label(prefix: str):
    """The record's case number, as the models print it (C-0000123, F-0000123), never a name."""
    digits = Cast("pk", CharField())
    return Concat(
        Value(prefix),
        LPad(digits, Greatest(Value(7), Length(digits)), Value("0")),
        output_field=CharField(),
    )


def _no_subject():
    return Cast(Value(None), BigIntegerField())


def _about_report(reports: QuerySet, event: Event, *, unit: str, due) -> QuerySet:
    return reports.annotate(
        o_event=Value(event.value, output_field=CharField()),
        o_unit=F(f"{unit}_id"),
        o_district=F(f"{unit}__district_id"),
        o_state=F(f"{unit}__state_id"),
        o_child=_no_subject(),
        o_report=F("pk"),
        o_complaint=_no_subject(),
        o_label=case_label("F-"),
        o_due=due,
    ).order_by()


def _about_child(children: QuerySet, event: Event, *, unit: str, due) -> QuerySet:
    return children.annotate(
        o_event=Value(event.value, output_field=CharField()),
        o_unit=F(f"{unit}__id"),
        o_district=F(f"{unit}__district_id"),
        o_state=F(f"{unit}__state_id"),
        o_child=F("pk"),
        o_report=_no_subject(),
        o_complaint=_no_subject(),
        o_label=case_label("C-"),
        o_due=due,
    ).order_by()


def found_reports_needing_attention() -> QuerySet:
    return Report.objects.filter(kind=ReportKind.FOUND).exclude(status__in=SETTLED_REPORT_STATUSES)


def _children_in_care() -> QuerySet:
    return ChildInCare.objects.filter(status=CareStatus.IN_CARE)


def production(allowed: timedelta) -> list[QuerySet]:
    """A found child in an institution or not yet placed (or with no placement given), with no
    sign of having been produced before the CWC/JJB: due `allowed` after the child was found.

    Production shows as a CWC order reference on the found report, or on a stay in care of the
    child as the date of production, an admission order number or any recorded CWC/JJB order
    (an order is made only for a child produced before the body)."""
    produced = ChildInCare.objects.filter(report=OuterRef("pk")).filter(
        Q(produced_at__isnull=False) | ~Q(order_number="") | Q(orders__isnull=False)
    )
    reports = found_reports_needing_attention().filter(
        Q(placement__in=[Placement.CCI, Placement.NOT_PLACED]) | Q(placement=""),
        cwc_order_reference="",
    )
    reports = reports.exclude(Exists(produced))
    return [
        _about_report(
            reports, Event.PRODUCTION, unit="owning_unit", due=F("event_at") + Value(allowed)
        )
    ]


def admission(allowed: timedelta) -> list[QuerySet]:
    """A found report places the child in an institution that has not admitted the child: due
    `allowed` after the report was filed."""
    admitted = ChildInCare.objects.filter(report=OuterRef("pk"), institution=OuterRef("placed_at"))
    reports = found_reports_needing_attention().filter(
        placement=Placement.CCI, placed_at__isnull=False
    )
    reports = reports.exclude(Exists(admitted))
    return [
        _about_report(
            reports, Event.ADMISSION, unit="placed_at", due=F("created_at") + Value(allowed)
        )
    ]


def care_plan(allowed: timedelta) -> list[QuerySet]:
    """A child in care without any Individual Care Plan: due `allowed` after arrival."""
    children = _children_in_care().exclude(Exists(CarePlan.objects.filter(child=OuterRef("pk"))))
    return [
        _about_child(
            children, Event.CARE_PLAN, unit="institution", due=F("arrived_at") + Value(allowed)
        )
    ]


def progress(allowed: timedelta) -> list[QuerySet]:
    """The next progress report of a child in care: due the child's own interval (else `allowed`)
    after the end of the latest reported period, or after arrival when there is none."""
    latest_end = Subquery(
        ProgressReport.objects.filter(child=OuterRef("pk"))
        .order_by("-period_end")
        .values("period_end")[:1]
    )
    since = Coalesce(start_of_day(latest_end), F("arrived_at"))
    interval = Coalesce(days(F("progress_interval_days")), Value(allowed))
    return [
        _about_child(_children_in_care(), Event.PROGRESS, unit="institution", due=since + interval)
    ]


def plan_review(allowed: timedelta) -> list[QuerySet]:
    """The latest version of a child's care plan names a review date; a newer version replaces
    it. Due `allowed` after the start of that date (24 hours: overdue from the next day)."""
    latest_review = Subquery(
        CarePlan.objects.filter(child=OuterRef("pk"))
        .order_by("-version")
        .values("next_review_on")[:1]
    )
    children = _children_in_care().annotate(review_on=latest_review).filter(review_on__isnull=False)
    due = start_of_day(F("review_on")) + Value(allowed)
    return [_about_child(children, Event.PLAN_REVIEW, unit="institution", due=due)]


def order(allowed: timedelta) -> list[QuerySet]:
    """A child in care with no CWC/JJB order on record (neither an admission order number nor a
    recorded order): due `allowed` after arrival."""
    due = F("arrived_at") + Value(allowed)
    children = (
        _children_in_care()
        .filter(order_number="")
        .exclude(Exists(CareOrder.objects.filter(child=OuterRef("pk"))))
    )
    queries = [
        _about_child(
            children.filter(deciding_body__isnull=False),
            Event.ORDER,
            unit="deciding_body",
            due=due,
        )
    ]
    undecided = children.filter(deciding_body__isnull=True)
    for category, body_type in DECIDING_BODY_FOR.items():
        of_category = undecided.filter(category=category)
        bodies = "institution__district__units"
        with_body = of_category.annotate(
            body=FilteredRelation(
                bodies,
                condition=Q(**{f"{bodies}__unit_type": body_type, f"{bodies}__is_active": True}),
            )
        ).filter(body__isnull=False)
        queries.append(_about_child(with_body, Event.ORDER, unit="body", due=due))
        body_in_district = Unit.objects.filter(
            unit_type=body_type, is_active=True, district=OuterRef("institution__district")
        )
        without_body = of_category.exclude(Exists(body_in_district))
        queries.append(_about_child(without_body, Event.ORDER, unit="institution", due=due))
    return queries


def unanswered_complaints() -> QuerySet:
    """Citizens' missing-child complaints waiting for their police station: confirmed by the
    citizen's mobile, neither registered as a missing report (the FIR) nor declined with a
    reason, and not set aside by a district official as a duplicate or abusive."""
    return CitizenReport.objects.filter(
        kind=CitizenReportKind.MISSING,
        status=CitizenReportStatus.RECEIVED,
        mobile_verified_at__isnull=False,
        police_station__isnull=False,
    ).exclude(moderation__in=[Moderation.DUPLICATE, Moderation.ABUSIVE])


def complaint(allowed: timedelta) -> list[QuerySet]:
    """A citizen's complaint unanswered: due `allowed` after it reached the station (when the
    citizen confirmed the mobile number), owed by that station."""
    complaints = unanswered_complaints().annotate(
        o_event=Value(Event.COMPLAINT.value, output_field=CharField()),
        o_unit=F("police_station_id"),
        o_district=F("police_station__district_id"),
        o_state=F("police_station__state_id"),
        o_child=_no_subject(),
        o_report=_no_subject(),
        o_complaint=F("pk"),
        o_label=F("reference"),
        o_due=F("mobile_verified_at") + Value(allowed),
    )
    return [complaints.order_by()]


def repatriation(allowed: timedelta) -> list[QuerySet]:
    """The next step of a child of another country: due REPATRIATION_STEP_DAYS for that step
    after the step before (the first after the found report was filed, or the child arrived in
    care), plus `allowed` (24 hours: overdue from the day after the due date)."""
    due = start_of_day(F("repatriation_from")) + days(F("repatriation_days")) + Value(allowed)
    return [
        _about_report(
            repatriation_deadlines.found_children_awaiting_step(),
            Event.REPATRIATION,
            unit="owning_unit",
            due=due,
        ),
        _about_child(
            repatriation_deadlines.children_in_care_awaiting_step(),
            Event.REPATRIATION,
            unit="institution",
            due=due,
        ),
    ]


RULES = {
    Event.PRODUCTION: production,
    Event.ADMISSION: admission,
    Event.CARE_PLAN: care_plan,
    Event.PROGRESS: progress,
    Event.PLAN_REVIEW: plan_review,
    Event.ORDER: order,
    Event.COMPLAINT: complaint,
    Event.REPATRIATION: repatriation,
}


def candidates(event: Event, allowed: timedelta) -> list[QuerySet]:
    return RULES[event](allowed)


def late_filings(allowed: timedelta) -> QuerySet:
    """Found reports filed more than `allowed` after the child was found (or recovered)."""
    return Report.objects.filter(
        kind=ReportKind.FOUND, created_at__gt=F("event_at") + Value(allowed)
    )


def late_missing_reports(allowed: timedelta) -> QuerySet:
    """Missing reports entered on the portal more than `allowed` after the FIR or GD entry they
    give was registered. The portal learns of an FIR only when its report is entered (a
    citizen's complaint is registered and entered in one step), so an FIR with no report yet
    cannot be counted: what is measured is how late each report came."""
    return Report.objects.filter(
        kind=ReportKind.MISSING,
        fir_registered_at__isnull=False,
        created_at__gt=F("fir_registered_at") + Value(allowed),
    )


def hours_after_fir() -> Func:
    """Whole hours from a missing report's FIR/GD to its entry on the portal (`hours_late`)."""
    return Func(
        F("created_at") - F("fir_registered_at"),
        template="FLOOR(EXTRACT(EPOCH FROM %(expressions)s) / 3600)",
        output_field=IntegerField(),
    )
