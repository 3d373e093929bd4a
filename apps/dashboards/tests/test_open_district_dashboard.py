"""A district official opens the district's dashboard; nobody else's district, and no police
station, CWC or other unit official opens a dashboard at all."""

import pytest

from apps.accounts.models import Role
from apps.dashboards.services import recount_dashboard_figures
from apps.dashboards.tests.conftest import figures, file_report, headline
from apps.reports.services import close_as_duplicate
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_dcpu_official_sees_khordha_unit_by_unit(client, dcpu_official, hand_counted):
    sign_in_verified(client, dcpu_official)

    response = client.get("/dashboards/", follow=True)

    assert response.redirect_chain[-1][0] == "/dashboards/districts/362/"
    assert headline(response) == {
        "Missing children reported": 3,
        "Found / recovered children reported": 1,
        "Matched on the portal": 0,
        "Restored to family": 1,
        "Still open: Under 30 days": 1,  # M1
        "Still open: 30 days to a year": 1,  # F1
        "Still open: Over a year": 1,  # M3
        "Children in care now": 1,
        "Care plans overdue now": 1,
        "Median days from report to confirmed match": None,
        "Grievances received": 0,
        "Grievances answered in time": 0,
        "Grievances overdue now": 0,
    }
    # missing, found, matched, restored, still open, in care, care plans overdue
    assert figures(response, "by_area") == {
        "Capital PS": (3, 0, 0, 1, 2, 0, 0),
        "Children's Home Bhubaneswar": (0, 1, 0, 0, 1, 1, 1),
    }
    assert figures(response, "open_cases") == {
        "Under 30 days": (1, 0, 1),
        "30 days to a year": (0, 1, 1),
        "Over a year": (1, 0, 1),
    }
    assert figures(response, "by_sex")["Girl"] == (2, 0, 0, 0, 0)
    assert figures(response, "by_age_band")["6 to 11"] == (1, 1, 0, 0, 1)


def test_a_child_reported_at_two_stations_counts_once_when_closed_as_a_duplicate(
    client, dcpu_official, hand_counted, make_unit, make_official, khordha
):
    station = make_unit(district=khordha, name="Lingaraj PS")
    lingaraj = make_official("si_lingaraj", Role.POLICE_OFFICER, unit=station)
    again = file_report(station, lingaraj, kind="missing", sex="F", ages=[11], days_ago=9)
    recount_dashboard_figures()
    sign_in_verified(client, dcpu_official)
    assert headline(client.get("/dashboards/districts/362/"))["Missing children reported"] == 4

    close_as_duplicate(report=again, primary=hand_counted["M1"], closed_by=lingaraj)
    recount_dashboard_figures()
    response = client.get("/dashboards/districts/362/")

    assert headline(response)["Missing children reported"] == 3
    assert headline(response)["Still open: Under 30 days"] == 1  # M1, the report kept
    assert "Lingaraj PS" not in figures(response, "by_area")


def test_each_chart_is_drawn_from_a_table_on_the_page_and_units_link_to_their_compliance(
    client, dcpu_official, hand_counted, capital_ps
):
    sign_in_verified(client, dcpu_official)

    html = client.get("/dashboards/districts/362/").content.decode()

    assert '<table class="table table-sm align-middle" id="data-trend"' in html
    assert 'data-chart="line"' in html
    assert '<div class="dashboard-chart" data-chart-for="data-trend" aria-hidden="true">' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert f'href="/compliance/units/{capital_ps.pk}/' in html
    assert 'href="/compliance/districts/362/"' in html


def test_the_dcpu_official_cannot_open_cuttack(client, dcpu_official, hand_counted):
    sign_in_verified(client, dcpu_official)

    assert client.get("/dashboards/districts/348/").status_code == 403
    assert client.get("/dashboards/districts/348/?download=by_area&as=xlsx").status_code == 403
    assert client.get("/dashboards/states/21/").status_code == 403
    assert client.get("/dashboards/india/").status_code == 403


def test_a_police_station_officer_has_no_dashboard(client, officer, hand_counted):
    client.force_login(officer)

    assert client.get("/dashboards/").status_code == 403
    assert client.get("/dashboards/districts/362/").status_code == 403
    assert b'href="/dashboards/"' not in client.get("/").content


def test_a_cwc_member_of_the_district_has_no_dashboard(client, cwc_member, hand_counted):
    client.force_login(cwc_member)

    assert client.get("/dashboards/districts/362/").status_code == 403


def test_dcpu_staff_without_the_district_role_have_no_dashboard(
    client, make_official, dcpu_official
):
    staff = make_official("po_khordha", Role.CCI_STAFF, unit=dcpu_official.unit)
    client.force_login(staff)

    assert client.get("/dashboards/districts/362/").status_code == 403


@pytest.mark.refused_side(
    "dashboards:district", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_district_cannot_open_its_dashboard_or_tables(
    client, sign_in_outsider, capital_ps, hand_counted, kind
):
    sign_in_outsider(kind, capital_ps)

    assert client.get("/dashboards/districts/362/").status_code == 403
    assert client.get("/dashboards/districts/362/?download=by_area&as=xlsx").status_code == 403
