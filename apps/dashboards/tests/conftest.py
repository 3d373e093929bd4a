"""Two States/UTs, three districts and a hand-counted set of reports and children in care.

Odisha: Khordha (Capital PS, a children's home) and Cuttack (a police station, a children's
home); Bihar: Patna (Kotwali PS). Every report is filed by a unit, `days_ago` days ago; the
figures each dashboard must show are counted by hand in the tests from this list:

    M1 Khordha missing girl 11  left home        open       10 days ago
    M2 Khordha missing boy 15   kidnapping       restored   90 days ago
    M3 Khordha missing girl 16  ran away         open      400 days ago
    F1 Khordha found  boy 8-10  (children's home) open      40 days ago, in care, no care plan
    M4 Cuttack missing boy 5    lost in a crowd  open        5 days ago
    F2 Cuttack found  girl 14                    restored   60 days ago
    F4 Cuttack found  boy 3     (children's home) open       2 days ago, in care
    M5 Patna  missing girl 13   kidnapping       matched    20 days ago, confirmed 6 days later
    F3 Patna  found   girl 13                    matched    15 days ago
    M6 Patna  missing boy 17    left home        open      800 days ago (before the last 2 years)
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.care import services as care
from apps.care.models import ChildInCare
from apps.compliance.services import recompute_compliance
from apps.compliance.tests.conftest import (  # noqa: F401 - the same officials and homes
    cuttack_home,
    cuttack_official,
    dcpu_khordha,
    dcpu_official,
    national_admin,
    state_official,
)
from apps.dashboards.services import recount_dashboard_figures
from apps.directory.models import UnitType
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.reports.models import Report


@pytest.fixture
def cuttack_ps(make_unit, cuttack):
    return make_unit(UnitType.POLICE_STATION, district=cuttack, name="Cuttack Town PS")


@pytest.fixture
def bihar_official(make_official, make_unit, bihar):
    scps = make_unit(UnitType.SCPS, state=bihar, name="SCPS Bihar")
    return make_official("scps_bihar", Role.STATE_OFFICIAL, unit=scps)


def file_report(unit, filer, *, kind, sex, ages, status="open", days_ago, circumstance=""):
    """A report as it stands today, filed `days_ago` days ago by `unit`."""
    filed_at = timezone.now() - timedelta(days=days_ago)
    report = Report.objects.create(
        kind=kind,
        status=status,
        sex=sex,
        age_min=ages[0],
        age_max=ages[-1],
        circumstances=circumstance,
        event_at=filed_at - timedelta(hours=3),
        event_district=unit.district,
        event_state=unit.state,
        owning_unit=unit,
        created_by=filer,
    )
    Report.objects.filter(pk=report.pk).update(created_at=filed_at)
    report.refresh_from_db()
    return report


@pytest.fixture
def hand_counted(
    capital_ps,
    childrens_home,
    cuttack_ps,
    kotwali_ps,
    officer,
    make_official,
    request,
):
    """The reports and children of the module docstring, with the figures refreshed."""
    # Fixtures of apps.compliance.tests.conftest, imported above.
    home_in_cuttack = request.getfixturevalue("cuttack_home")
    decider = request.getfixturevalue("national_admin")
    home_staff = make_official("home_bbsr", Role.CCI_STAFF, unit=childrens_home)
    cuttack_staff = make_official("home_cuttack", Role.CCI_STAFF, unit=home_in_cuttack)
    missing, found = "missing", "found"
    reports = {
        "M1": file_report(
            capital_ps,
            officer,
            kind=missing,
            sex="F",
            ages=[11],
            days_ago=10,
            circumstance="left_home",
        ),
        "M2": file_report(
            capital_ps,
            officer,
            kind=missing,
            sex="M",
            ages=[15],
            status="restored",
            days_ago=90,
            circumstance="kidnapping",
        ),
        "M3": file_report(
            capital_ps,
            officer,
            kind=missing,
            sex="F",
            ages=[16],
            days_ago=400,
            circumstance="ran_away",
        ),
        "F1": file_report(
            childrens_home, home_staff, kind=found, sex="M", ages=[8, 10], days_ago=40
        ),
        "M4": file_report(
            cuttack_ps,
            officer,
            kind=missing,
            sex="M",
            ages=[5],
            days_ago=5,
            circumstance="lost_in_crowd",
        ),
        "F2": file_report(
            cuttack_ps, officer, kind=found, sex="F", ages=[14], status="restored", days_ago=60
        ),
        "F4": file_report(
            home_in_cuttack, cuttack_staff, kind=found, sex="M", ages=[3], days_ago=2
        ),
        "M5": file_report(
            kotwali_ps,
            officer,
            kind=missing,
            sex="F",
            ages=[13],
            status="matched",
            days_ago=20,
            circumstance="kidnapping",
        ),
        "F3": file_report(
            kotwali_ps, officer, kind=found, sex="F", ages=[13], status="matched", days_ago=15
        ),
        "M6": file_report(
            kotwali_ps,
            officer,
            kind=missing,
            sex="M",
            ages=[17],
            days_ago=800,
            circumstance="left_home",
        ),
    }
    MatchCandidate.objects.create(
        kind=CandidateKind.MATCH,
        missing=reports["M5"],
        other=reports["F3"],
        score=80,
        fingerprint="hand-counted",
        status=CandidateStatus.CONFIRMED,
        decided_by=decider,
        decided_at=reports["M5"].created_at + timedelta(days=6, hours=2),
    )
    now = timezone.now()
    for name, staff, days in (("F1", home_staff, 39), ("F4", cuttack_staff, 2)):
        child = ChildInCare(
            report=reports[name],
            category="cncp",
            route="found_report",
            arrived_at=now - timedelta(days=days),
        )
        care.admit_child(child=child, admitted_by=staff)
    recompute_compliance(now=now)  # F1's care plan is 9 days late; F4's not due yet
    recount_dashboard_figures(now=now)
    return reports


def figures(response, table: str) -> dict[str, tuple]:
    """A table of the dashboard page as {row label: its values}."""
    return {row.label: row.values for row in response.context["dashboard"].table(table).rows}


def headline(response) -> dict[str, object]:
    return {label: values[0] for label, values in figures(response, "headline").items()}
