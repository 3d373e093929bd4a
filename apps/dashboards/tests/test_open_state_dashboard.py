"""A state official opens the State/UT's dashboard and its districts', never another state's."""

import pytest

from apps.dashboards.tests.conftest import figures, headline
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_state_official_sees_odisha_and_each_of_its_districts(
    client, state_official, hand_counted
):
    sign_in_verified(client, state_official)

    response = client.get("/dashboards/states/21/")

    assert response.status_code == 200
    shown = headline(response)
    assert shown["Missing children reported"] == 4
    assert shown["Found / recovered children reported"] == 3
    assert shown["Matched on the portal"] == 0
    assert shown["Restored to family"] == 2
    assert shown["Children in care now"] == 2
    assert shown["Care plans overdue now"] == 1
    assert shown["Median days from report to confirmed match"] is None
    # missing, found, matched, restored, still open, in care, care plans overdue
    assert figures(response, "by_area") == {
        "Cuttack": (1, 2, 0, 1, 2, 1, 0),
        "Khordha": (3, 1, 0, 1, 3, 1, 1),
    }
    assert b"Dashboard: Odisha" in response.content


def test_the_state_official_opens_a_district_of_odisha(client, state_official, hand_counted):
    sign_in_verified(client, state_official)

    response = client.get("/dashboards/districts/348/")

    assert response.status_code == 200
    assert headline(response)["Missing children reported"] == 1


def test_the_bihar_official_sees_only_bihar(client, bihar_official, hand_counted):
    sign_in_verified(client, bihar_official)

    response = client.get("/dashboards/states/10/")

    shown = headline(response)
    assert shown["Missing children reported"] == 1  # M5; M6 is older than two years
    assert shown["Matched on the portal"] == 1
    assert shown["Median days from report to confirmed match"] == 6


def test_the_bihar_official_cannot_open_odisha_or_its_districts(
    client, bihar_official, hand_counted
):
    sign_in_verified(client, bihar_official)

    assert client.get("/dashboards/states/21/").status_code == 403
    assert client.get("/dashboards/districts/362/").status_code == 403
    assert client.get("/dashboards/states/21/?download=headline&as=csv").status_code == 403


def test_a_state_that_does_not_exist_is_refused_like_one_not_allowed(client, bihar_official):
    sign_in_verified(client, bihar_official)

    assert client.get("/dashboards/states/99/").status_code == 403


@pytest.mark.refused_side("dashboards:state", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_state_cannot_open_its_dashboard_or_tables(
    client, sign_in_outsider, capital_ps, hand_counted, kind
):
    sign_in_outsider(kind, capital_ps)

    assert client.get("/dashboards/states/21/").status_code == 403
    assert client.get("/dashboards/states/21/?download=headline&as=csv").status_code == 403
