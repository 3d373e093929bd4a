"""Each official sees the overdue items they must act on: a Child Care Institution its own, the
district's DCPU and CWC every unit of the district, state and national officials their scope.
Police see their own station's items, and never an item about a child's care."""

import pytest

from apps.compliance.tests.helpers import DAY, HOUR, NOT_PRODUCED
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def labels(response):
    return set(response.context["page"].object_list.values_list("label", flat=True))


def test_a_dcpu_official_sees_the_districts_overdue_list(client, dcpu_official, overdue_everywhere):
    sign_in_verified(client, dcpu_official)

    response = client.get("/compliance/")

    assert response.status_code == 200
    assert labels(response) == {
        overdue_everywhere["munna"],
        overdue_everywhere["girl"],
        overdue_everywhere["not_produced"],
    }
    assert "Individual Care Plan written" in response.text
    assert 'href="/reports/' in response.text
    assert "Figures as of" in response.text


def test_a_cwc_member_watches_the_whole_district_too(client, cwc_member, overdue_everywhere):
    client.force_login(cwc_member)

    response = client.get("/compliance/", {"event": "care_plan"})

    assert labels(response) == {overdue_everywhere["munna"], overdue_everywhere["girl"]}


def test_a_childrens_home_sees_only_its_own_items(client, home_staff, overdue_everywhere):
    client.force_login(home_staff)

    response = client.get("/compliance/")

    assert labels(response) == {overdue_everywhere["munna"]}
    munna_pk = int(overdue_everywhere["munna"][2:])
    assert f'href="/care/{munna_pk}/"' in response.text


def test_police_see_their_stations_items_and_no_care_items(
    client, officer, district_police_official, overdue_everywhere
):
    client.force_login(officer)

    response = client.get("/compliance/")

    assert labels(response) == {overdue_everywhere["not_produced"]}
    assert "care_plan" not in response.text
    assert client.get("/compliance/", {"event": "care_plan"}).context["event"] == ""

    sign_in_verified(client, district_police_official)
    assert labels(client.get("/compliance/")) == {overdue_everywhere["not_produced"]}


def test_a_state_official_sees_every_district_of_the_state(
    client, state_official, patna_officer, file_found, start, compute, overdue_everywhere
):
    file_found(patna_officer, **NOT_PRODUCED)
    compute(at=start + 31 * DAY + HOUR)
    sign_in_verified(client, state_official)

    response = client.get("/compliance/")

    assert labels(response) == set(overdue_everywhere.values())


def test_the_queue_filters_by_type_of_unit(client, state_official, overdue_everywhere):
    sign_in_verified(client, state_official)

    response = client.get("/compliance/", {"type": "police_station"})

    assert labels(response) == {overdue_everywhere["not_produced"]}


def test_the_queue_is_in_the_menu_of_officials_only(client, home_staff, make_official, ministry):
    client.force_login(home_staff)
    assert 'href="/compliance/"' in client.get("/").text

    client.logout()
    assert client.get("/compliance/").status_code == 302
    nobody = make_official("no_role", unit=ministry)
    client.force_login(nobody)
    assert client.get("/compliance/").status_code == 403
    assert 'href="/compliance/"' not in client.get("/").text
