"""The SELECT statements that count the dashboards' figures, one per summary table.

Each reads the large tables once and counts every level at once with GROUPING SETS: the unit
(where a page needs it), its district, its State/UT and India. Records are counted where the
unit that owns them is (the report's owning unit, the institution holding the child), as
jurisdiction is; units without a district (national and state offices) own none of them.
"""

from dataclasses import dataclass

from django.conf import settings

from apps.care.choices import CareStatus
from apps.care.models import ChildInCare
from apps.compliance.choices import Event
from apps.compliance.models import OverdueItem
from apps.dashboards.choices import AGE_BAND_STARTS, CASE_AGE_LIMITS, CaseAge, Scope
from apps.dashboards.models import CareTally, CircumstanceTally, MatchDelayTally, ReportTally
from apps.directory.models import Unit
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.reports.choices import ClosureReason, ReportKind, Status
from apps.reports.models import Report

# The overdue items that are care plans: not written in time, or not reviewed by their date.
CARE_PLAN_EVENTS = (Event.CARE_PLAN, Event.PLAN_REVIEW)

TABLES = {
    "report": Report._meta.db_table,
    "unit": Unit._meta.db_table,
    "candidate": MatchCandidate._meta.db_table,
    "child": ChildInCare._meta.db_table,
    "item": OverdueItem._meta.db_table,
}


@dataclass(frozen=True)
class TallyQuery:
    model: type
    keys: tuple[str, ...]  # besides scope and area_id
    measures: tuple[str, ...]
    sql: str
    params: dict


def _age_band(report: str) -> str:
    """SQL for the age band of a report's child, from the middle of the age given."""
    middle = f"(({report}.age_min + {report}.age_max) / 2)"
    steps = " ".join(
        f"WHEN {middle} < {start} THEN {band}" for band, start in enumerate(AGE_BAND_STARTS)
    )
    return f"CASE {steps} ELSE {len(AGE_BAND_STARTS)} END"


def _grouped(base: str, dimensions: tuple[str, ...], measures: dict, *, finest: Scope) -> str:
    """Count the rows of `base` (which have unit_id, district_id and state_id) for every area
    from the `finest` level up to India, with scope, area_id and parent_id as the models'."""
    areas = ["unit_id", "district_id", "state_id"][finest - Scope.UNIT :]
    grouping = f"GROUPING({', '.join(areas)})"
    scope, parent, sets = [], [], []
    for grouped in range(len(areas) + 1):
        mask = sum(1 << (len(areas) - 1 - position) for position in range(grouped))
        up = areas[grouped + 1] if grouped + 1 < len(areas) else "0"
        scope.append(f"WHEN {mask} THEN {finest + grouped}")
        parent.append(f"WHEN {mask} THEN {up}")
        sets.append(f"({', '.join([*areas[grouped:], *dimensions])})")
    counts = ", ".join(f"{expression} AS {name}" for name, expression in measures.items())
    return (  # every name below is a constant of this module
        f"SELECT CASE {grouping} {' '.join(scope)} END AS scope, "  # noqa: S608
        f"COALESCE({', '.join(areas)}, 0) AS area_id, "
        f"CASE {grouping} {' '.join(parent)} END AS parent_id, "
        f"{', '.join(dimensions)}, {counts} "
        f"FROM ({base}) AS base GROUP BY GROUPING SETS ({', '.join(sets)})"
    )


def _reports_base() -> str:
    """One row per missing or found report, with what the tallies count about it; reports
    closed as duplicates are left out, so each child counts once."""
    return f"""
        SELECT unit.id AS unit_id, unit.district_id, unit.state_id,
            date_trunc('month', report.created_at AT TIME ZONE %(zone)s)::date AS month,
            report.sex, {_age_band("report")} AS age_band,
            report.kind, report.status, report.circumstances AS circumstance,
            %(now)s - report.created_at AS open_for,
            pairs.missing_id IS NOT NULL AS proposed, pairs.confirmed_at,
            confirmed_found.other_id IS NOT NULL AS found_matched,
            floor(extract(epoch FROM pairs.confirmed_at - report.created_at) / 86400) AS days
        FROM {TABLES["report"]} AS report
        JOIN {TABLES["unit"]} AS unit
            ON unit.id = report.owning_unit_id AND unit.district_id IS NOT NULL
        LEFT JOIN (
            SELECT missing_id,
                MIN(decided_at) FILTER (WHERE status = %(confirmed)s) AS confirmed_at
            FROM {TABLES["candidate"]} WHERE kind = %(match)s GROUP BY missing_id
        ) AS pairs ON pairs.missing_id = report.id AND report.kind = %(missing)s
        LEFT JOIN (
            SELECT DISTINCT other_id FROM {TABLES["candidate"]}
            WHERE kind = %(match)s AND status = %(confirmed)s
        ) AS confirmed_found ON confirmed_found.other_id = report.id
        WHERE report.kind IN (%(missing)s, %(found)s)
            AND NOT (report.status = %(closed)s AND report.closure_reason = %(duplicate)s)
    """  # noqa: S608 - every name is a constant of this module


def _open_measures() -> dict:
    recent, months = CASE_AGE_LIMITS[CaseAge.RECENT], CASE_AGE_LIMITS[CaseAge.MONTHS]
    ages = {
        CaseAge.RECENT: f"open_for < interval '{recent} days'",
        CaseAge.MONTHS: f"open_for >= interval '{recent} days' "
        f"AND open_for < interval '{months} days'",
        CaseAge.OLD: f"open_for >= interval '{months} days'",
    }
    return {
        f"{kind}_open_{age}": f"COUNT(*) FILTER (WHERE kind = %({kind})s "
        f"AND status = %(open)s AND {condition})"
        for kind in ("missing", "found")
        for age, condition in ages.items()
    }


REPORT_MEASURES = {
    "missing": "COUNT(*) FILTER (WHERE kind = %(missing)s)",
    "found": "COUNT(*) FILTER (WHERE kind = %(found)s)",
    "proposed": "COUNT(*) FILTER (WHERE proposed)",
    "matched": "COUNT(*) FILTER (WHERE confirmed_at IS NOT NULL)",
    "matched_restored": "COUNT(*) FILTER (WHERE confirmed_at IS NOT NULL "
    "AND status = %(restored)s)",
    "restored": "COUNT(*) FILTER (WHERE status = %(restored)s "
    "AND (kind = %(missing)s OR NOT found_matched))",
    **_open_measures(),
}
DIMENSIONS = ("sex", "age_band")


def _params(now) -> dict:
    return {
        "zone": settings.TIME_ZONE,
        "now": now,
        "missing": ReportKind.MISSING,
        "found": ReportKind.FOUND,
        "open": Status.OPEN,
        "restored": Status.RESTORED,
        "closed": Status.CLOSED,
        "duplicate": ClosureReason.DUPLICATE,
        "match": CandidateKind.MATCH,
        "confirmed": CandidateStatus.CONFIRMED,
        "in_care": CareStatus.IN_CARE,
        "care_plan_events": list(CARE_PLAN_EVENTS),
    }


def report_tallies(now) -> TallyQuery:
    keys = ("month", *DIMENSIONS)
    sql = _grouped(_reports_base(), keys, REPORT_MEASURES, finest=Scope.UNIT)
    return TallyQuery(ReportTally, keys, tuple(REPORT_MEASURES), sql, _params(now))


def circumstance_tallies(now) -> TallyQuery:
    keys = ("month", *DIMENSIONS, "circumstance")
    base = f"SELECT * FROM ({_reports_base()}) AS report WHERE kind = %(missing)s"  # noqa: S608
    sql = _grouped(base, keys, {"missing": "COUNT(*)"}, finest=Scope.DISTRICT)
    return TallyQuery(CircumstanceTally, keys, ("missing",), sql, _params(now))


def match_delay_tallies(now) -> TallyQuery:
    keys = ("month", *DIMENSIONS, "days")
    base = f"SELECT * FROM ({_reports_base()}) AS report WHERE confirmed_at IS NOT NULL"  # noqa: S608
    sql = _grouped(base, keys, {"matched": "COUNT(*)"}, finest=Scope.DISTRICT)
    return TallyQuery(MatchDelayTally, keys, ("matched",), sql, _params(now))


def care_tallies(now) -> TallyQuery:
    band = _age_band("report")
    base = f"""
        SELECT unit.id AS unit_id, unit.district_id, unit.state_id, report.sex,
            {band} AS age_band, 1 AS in_care, 0 AS overdue
        FROM {TABLES["child"]} AS child
        JOIN {TABLES["report"]} AS report ON report.id = child.report_id
        JOIN {TABLES["unit"]} AS unit
            ON unit.id = child.institution_id AND unit.district_id IS NOT NULL
        WHERE child.status = %(in_care)s
        UNION ALL
        SELECT unit.id, unit.district_id, unit.state_id, report.sex, {band}, 0, 1
        FROM {TABLES["item"]} AS item
        JOIN {TABLES["child"]} AS child ON child.id = item.child_id
        JOIN {TABLES["report"]} AS report ON report.id = child.report_id
        JOIN {TABLES["unit"]} AS unit
            ON unit.id = item.responsible_unit_id AND unit.district_id IS NOT NULL
        WHERE item.resolved_at IS NULL AND item.event = ANY(%(care_plan_events)s)
    """  # noqa: S608 - every name is a constant of this module
    measures = {"in_care": "SUM(in_care)", "care_plans_overdue": "SUM(overdue)"}
    sql = _grouped(base, DIMENSIONS, measures, finest=Scope.UNIT)
    return TallyQuery(CareTally, DIMENSIONS, tuple(measures), sql, _params(now))


ALL_TALLIES = (report_tallies, circumstance_tallies, match_delay_tallies, care_tallies)
