"""A police station enters a missing report on the portal within 24 hours of registering its
FIR or GD (the hours are a deadline rule an administrator may change). A report entered later is
counted late: on the station's and the district's compliance pages and beside the overdue work
of the station, its SP office and DCPU; nobody outside the district sees it there."""

from datetime import timedelta

import pytest

from apps.compliance.models import DeadlineRule, OverdueItem, UnitCompliance
from apps.compliance.tests.helpers import HOUR
from apps.reports.tests.fixtures import local_input
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def enter_after_fir(file_missing, officer, now_minus):
    """Capital PS enters now a missing report whose FIR was registered `hours` ago."""

    def enter(hours: float, **overrides):
        return file_missing(
            officer,
            fir_registered_at=local_input(now_minus(timedelta(hours=hours))),
            event_at=local_input(now_minus(timedelta(hours=hours + 5))),
            **overrides,
        )

    return enter


def late_cases(response) -> list[str]:
    return [report.case_number for report in response.context["late_reports"]]


def test_a_report_entered_30_hours_after_the_fir_is_late_on_the_dashboard(
    client, officer, capital_ps, district_police_official, enter_after_fir, compute, start
):
    late = enter_after_fir(30)
    enter_after_fir(20, fir_number="113/2026")  # in time

    compute(at=start)

    assert UnitCompliance.objects.get(unit=capital_ps).late_missing_reports == 1
    assert not OverdueItem.objects.exists()  # a late entry is counted, never queued
    client.force_login(officer)
    queue = client.get("/compliance/")
    assert late_cases(queue) == [late.case_number]
    assert queue.context["late_reports"][0].hours_late == 30
    assert "Missing reports entered late after their FIR / GD" in queue.text
    unit_page = client.get(f"/compliance/units/{capital_ps.pk}/")
    assert unit_page.context["figures"].late_missing_reports == 1
    assert late_cases(unit_page) == [late.case_number]

    sign_in_verified(client, district_police_official)
    assert late_cases(client.get("/compliance/")) == [late.case_number]
    district = client.get(f"/compliance/districts/{capital_ps.district.lgd_code}/")
    (row,) = district.context["by_type"]
    assert row.late_missing_reports == 1
    (station_row,) = district.context["page"].object_list
    assert station_row.late_missing_reports == 1


def test_the_configured_hours_decide(officer, capital_ps, enter_after_fir, compute, start):
    enter_after_fir(30)
    DeadlineRule.objects.filter(event="missing_filing").update(allowed_hours=36)

    compute(at=start)
    assert UnitCompliance.objects.get(unit=capital_ps).late_missing_reports == 0

    DeadlineRule.objects.filter(event="missing_filing").update(allowed_hours=12)
    compute(at=start + HOUR)
    assert UnitCompliance.objects.get(unit=capital_ps).late_missing_reports == 1

    DeadlineRule.objects.filter(event="missing_filing").update(is_active=False)
    compute(at=start + 2 * HOUR)
    assert UnitCompliance.objects.get(unit=capital_ps).late_missing_reports == 0


def test_the_dcpu_sees_the_late_entries_of_its_district(
    client, dcpu_staff, enter_after_fir, compute, start
):
    late = enter_after_fir(30)
    compute(at=start)
    client.force_login(dcpu_staff)

    assert late_cases(client.get("/compliance/")) == [late.case_number]


@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_nobody_outside_sees_a_late_entry(
    kind, client, capital_ps, sign_in_outsider, enter_after_fir, compute, start
):
    enter_after_fir(30)
    compute(at=start)

    sign_in_outsider(kind, capital_ps)
    response = client.get("/compliance/")

    assert late_cases(response) == []
