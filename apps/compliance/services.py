"""Computing overdue items and each unit's compliance figures, in one transaction.

Safe to run twice: an item is identified by its event, record, responsible unit and deadline, a
partial unique index keeps one open item per identity, and rows are written with
INSERT … SELECT … ON CONFLICT, so a second run at the same moment changes nothing. Items whose
record is brought up to date (or whose deadline moved) get `resolved_at`. Every step is one
set-based statement; no row of the large tables passes through Python.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Greatest
from django.utils import timezone

from apps.accounts.models import User
from apps.care.choices import CareStatus
from apps.care.models import (
    CareDocument,
    CareOrder,
    CarePlan,
    ChildInCare,
    FollowUpVisit,
    HomeInvestigation,
    ProgressReport,
)
from apps.citizens.models import CitizenReport
from apps.compliance import rules
from apps.compliance.choices import QUEUED_EVENTS, Event
from apps.compliance.models import DeadlineRule, OverdueItem, UnitCompliance
from apps.compliance.signals import overdue_items_found
from apps.compliance.uploading import RECENT, UPLOADING_UNIT_TYPES
from apps.directory.models import Unit
from apps.reports.models import Report

# Any fixed number: two computations (beat and an operator's command) take turns.
LOCK_KEY = 5_0001
CARE_ENTRIES = (CareOrder, CarePlan, ProgressReport, HomeInvestigation, FollowUpVisit, CareDocument)


@dataclass(frozen=True)
class Computation:
    computed_at: datetime
    created: int
    resolved: int
    open: int
    units: int


@transaction.atomic
def recompute_compliance(*, now: datetime | None = None) -> Computation:
    """Bring the overdue items and every unit's compliance figures up to `now`."""
    now = now or timezone.now()
    deadlines = _lock_and_read_rules()
    created, resolved = _recompute_items(QUEUED_EVENTS, deadlines, now)
    units = _refresh_unit_compliance(
        now, deadlines.get(Event.FOUND_FILING), deadlines.get(Event.MISSING_FILING)
    )
    return _computation(now, created, resolved, units)


@transaction.atomic
def escalate_unanswered_complaints(*, now: datetime | None = None) -> Computation:
    """Only the citizens' complaints, brought up to `now`: run every hour, so that a complaint
    is escalated within the hour of its deadline rather than at the next night's computation.
    The units' figures are left to the nightly computation."""
    now = now or timezone.now()
    deadlines = _lock_and_read_rules()
    created, resolved = _recompute_items((Event.COMPLAINT,), deadlines, now)
    return _computation(now, created, resolved, units=0)


def _lock_and_read_rules() -> dict[str, DeadlineRule]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    return {rule.event: rule for rule in DeadlineRule.objects.all()}


def _recompute_items(events, deadlines: dict[str, DeadlineRule], now) -> tuple[int, int]:
    """Open the items of `events` that became overdue by `now`, resolve those no longer overdue;
    tell the apps above (overdue_items_found) of each event that got new items."""
    created = resolved = 0
    for event in events:
        rule = deadlines.get(event)
        overdue = []
        if rule is not None and rule.is_active:
            overdue = [
                query.filter(o_due__lt=now) for query in rules.candidates(event, rule.allowed)
            ]
        resolved += _resolve_items_no_longer_overdue(event, overdue, now)
        new = sum(_insert_new_items(query, now) for query in overdue)
        if new:
            overdue_items_found.send(sender=OverdueItem, event=event, detected_at=now)
        created += new
    return created, resolved


def _computation(now, created: int, resolved: int, units: int) -> Computation:
    return Computation(
        computed_at=now,
        created=created,
        resolved=resolved,
        open=OverdueItem.objects.filter(resolved_at__isnull=True).count(),
        units=units,
    )


SUBJECT_COLUMNS = {ChildInCare: "child_id", Report: "report_id", CitizenReport: "citizen_report_id"}


def _resolve_items_no_longer_overdue(event: Event, overdue: list[QuerySet], now) -> int:
    items = OverdueItem.objects.filter(event=event, resolved_at__isnull=True)
    for query in overdue:
        still_overdue = query.filter(
            pk=OuterRef(SUBJECT_COLUMNS[query.model]),
            o_unit=OuterRef("responsible_unit_id"),
            o_due=OuterRef("due_at"),
        )
        items = items.exclude(Exists(still_overdue))
    return items.update(resolved_at=now)


def _insert_from(query: QuerySet, columns: dict[str, str], table: str, on_conflict: str) -> int:
    """INSERT INTO table SELECT the annotations of `query`: the ORM builds the SELECT, the
    database copies the rows. `columns` maps each annotation to its column; every name here
    is a constant of this module, never input."""
    sql, params = query.values(*columns).query.sql_with_params()
    targets = ", ".join(connection.ops.quote_name(column) for column in columns.values())
    sources = ", ".join(connection.ops.quote_name(alias) for alias in columns)
    statement = (
        f"INSERT INTO {connection.ops.quote_name(table)} ({targets}) "  # noqa: S608
        f"SELECT {sources} FROM ({sql}) AS source {on_conflict}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def _insert_new_items(query: QuerySet, now) -> int:
    query = query.annotate(o_detected=Value(now, output_field=DateTimeField()))
    columns = {**rules.ITEM_COLUMNS, "o_detected": "detected_at"}
    return _insert_from(query, columns, OverdueItem._meta.db_table, "ON CONFLICT DO NOTHING")


def _aggregate(query: QuerySet, function: str, field: str = "pk"):
    """One number about the rows of `query` (filtered by OuterRef), as a correlated subquery."""
    return Subquery(
        query.order_by().annotate(value=Func(F(field), function=function)).values("value")
    )


def _last_upload():
    """The latest record the unit created: reports it owns, children its staff admitted and
    entries its staff wrote in care records (orders, plans, progress, investigations, visits,
    documents)."""
    unit = OuterRef("pk")
    latest = [
        _aggregate(Report.objects.filter(owning_unit=unit), "MAX", "created_at"),
        _aggregate(ChildInCare.objects.filter(admitted_by__unit=unit), "MAX", "created_at"),
    ]
    latest += [
        _aggregate(model.objects.filter(written_by__unit=unit), "MAX", "written_at")
        for model in CARE_ENTRIES
    ]
    return Greatest(*latest, output_field=DateTimeField())


def _late_count(rule: DeadlineRule | None, late, unit, now):
    """How many records `late(allowed)` finds of the unit within `RECENT`; 0 while the rule is
    switched off (a late filing is counted, never queued as an item)."""
    if rule is None or not rule.is_active:
        return Value(0)
    return _aggregate(
        late(rule.allowed).filter(owning_unit=unit, created_at__gte=now - RECENT), "COUNT"
    )


def _refresh_unit_compliance(
    now, late_filing_rule: DeadlineRule | None, late_missing_rule: DeadlineRule | None
) -> int:
    """Rewrite every uploading unit's figures (`UnitCompliance`) as of `now`; return how many.

    Why stored: the compliance pages, the dashboards' "uploading" table and the monthly digest
    show, for thousands of units, whether each is registered, when it last uploaded, its overdue
    items and how many of its records are current. Working that out reads the reports and care
    tables, so it is done here, once a night, and those pages read one small row per unit, all as
    of the same moment (`computed_at`, which they show). It runs after the overdue items are
    brought up to date in the same transaction, so a unit's open items here match its queue.

    A unit counts as registered when an active official of it holds a role; its last upload is
    the newest record it created (`_last_upload`); its records are the children it holds in care
    and its found reports still needing attention, those a deadline can apply to; late filings
    are its found reports filed after the filing deadline within `RECENT`, late missing reports
    those entered after the deadline from their FIR/GD (each 0 while its rule is switched off:
    a late filing is counted, never queued as an item). Open items include the citizens'
    complaints left unanswered at a police station.

    Rows are upserted (INSERT … SELECT … ON CONFLICT) inside the computation's transaction, so a
    page sees the previous figures until all the new ones are in; units this run did not
    write leave the figures, so they drop out of every total.
    """
    unit = OuterRef("pk")
    open_items = OverdueItem.objects.filter(resolved_at__isnull=True)
    children = ChildInCare.objects.filter(status=CareStatus.IN_CARE, institution=unit)
    reports = rules.found_reports_needing_attention().filter(owning_unit=unit)
    overdue_child = Exists(open_items.filter(child=OuterRef("pk")))
    overdue_report = Exists(open_items.filter(report=OuterRef("pk")))
    units = Unit.objects.filter(
        is_active=True, unit_type__in=UPLOADING_UNIT_TYPES, district__isnull=False
    ).annotate(
        o_unit=F("pk"),
        o_type=F("unit_type"),
        o_district=F("district_id"),
        o_state=F("state_id"),
        o_registered=Exists(User.objects.filter(unit=unit, is_active=True).filter(~Q(roles=[]))),
        o_last=_last_upload(),
        o_open=_aggregate(open_items.filter(responsible_unit=unit), "COUNT"),
        o_records=_aggregate(children, "COUNT") + _aggregate(reports, "COUNT"),
        o_records_overdue=_aggregate(children.filter(overdue_child), "COUNT")
        + _aggregate(reports.filter(overdue_report), "COUNT"),
        o_late=_late_count(late_filing_rule, rules.late_filings, unit, now),
        o_late_missing=_late_count(late_missing_rule, rules.late_missing_reports, unit, now),
        o_computed=Value(now, output_field=DateTimeField()),
    )
    columns = {
        "o_unit": "unit_id",
        "o_type": "unit_type",
        "o_district": "district_id",
        "o_state": "state_id",
        "o_registered": "is_registered",
        "o_last": "last_upload_at",
        "o_open": "open_items",
        "o_records": "records",
        "o_records_overdue": "records_overdue",
        "o_late": "late_filings",
        "o_late_missing": "late_missing_reports",
        "o_computed": "computed_at",
    }
    updates = ", ".join(
        f"{name} = EXCLUDED.{name}"
        for name in (connection.ops.quote_name(column) for column in columns.values())
        if name != connection.ops.quote_name("unit_id")
    )
    count = _insert_from(
        units.order_by(),
        columns,
        UnitCompliance._meta.db_table,
        f"ON CONFLICT (unit_id) DO UPDATE SET {updates}",
    )
    # Units retired, moved out of a district or no longer uploading leave the figures.
    UnitCompliance.objects.exclude(computed_at=now).delete()
    return count
