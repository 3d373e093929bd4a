"""A national official opens the national dashboard and sees the whole country's figures."""

import pytest

from apps.dashboards.tests.conftest import figures, headline
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_national_admin_sees_every_state_counted_over_the_last_two_years(
    client, national_admin, hand_counted
):
    sign_in_verified(client, national_admin)

    response = client.get("/dashboards/india/")

    assert response.status_code == 200
    assert headline(response) == {
        "Missing children reported": 5,  # M6 was filed before the last two years
        "Found / recovered children reported": 4,
        "Matched on the portal": 1,
        "Restored to family": 2,  # M2, and F2 whose missing report is not on the portal
        "Still open: Under 30 days": 3,  # M1, M4, F4
        "Still open: 30 days to a year": 1,  # F1
        "Still open: Over a year": 1,  # M3
        "Children in care now": 2,
        "Care plans overdue now": 1,
        "Median days from report to confirmed match": 6,
        "Grievances received": 0,
        "Grievances answered in time": 0,
        "Grievances overdue now": 0,
    }
    by_state = figures(response, "by_area")
    # missing, found, matched, restored, still open, in care, care plans overdue
    assert by_state["Odisha"] == (4, 3, 0, 2, 5, 2, 1)
    assert by_state["Bihar"] == (1, 1, 1, 0, 0, 0, 0)
    assert figures(response, "funnel") == {
        "Missing reports with a found child proposed by matching": (1,),
        "Match confirmed by an official": (1,),
        "Matched and restored to family": (0,),
    }
    assert figures(response, "by_circumstance")["Suspected kidnapping or trafficking"] == (2,)


def test_the_national_admin_drills_down_from_a_state_to_its_districts(
    client, national_admin, hand_counted, odisha
):
    sign_in_verified(client, national_admin)

    national = client.get("/dashboards/india/")
    odisha_row = response_row_url(national, "Odisha")
    state = client.get(odisha_row)

    assert odisha_row.startswith("/dashboards/states/21/")
    assert state.status_code == 200
    assert response_row_url(state, "Khordha").startswith("/dashboards/districts/362/")
    assert client.get("/dashboards/districts/212/").status_code == 200


def test_the_menu_leads_the_national_admin_to_the_national_dashboard(client, national_admin):
    sign_in_verified(client, national_admin)

    response = client.get("/dashboards/", follow=True)

    assert response.redirect_chain[-1][0] == "/dashboards/india/"
    assert b'href="/dashboards/"' in response.content


def test_a_state_official_cannot_open_the_national_dashboard(client, state_official):
    sign_in_verified(client, state_official)

    assert client.get("/dashboards/india/").status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get("/dashboards/india/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def response_row_url(response, label: str) -> str:
    rows = response.context["dashboard"].table("by_area").rows
    return next(row.url for row in rows if row.label == label)
