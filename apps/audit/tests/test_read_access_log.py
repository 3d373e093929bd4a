"""State and national officials read who opened children's records in their jurisdiction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened_in_odisha(client, officer, file_missing):
    report = file_missing(officer)
    client.force_login(officer)
    client.get(f"/reports/{report.pk}/")
    client.logout()
    return report


@pytest.fixture
def odisha_official(make_official, make_unit, odisha):
    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")
    return make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps)


def test_state_official_sees_who_opened_a_record_in_the_state(
    client, odisha_official, opened_in_odisha
):
    sign_in_verified(client, odisha_official)

    response = client.get("/audit/")

    assert response.status_code == 200
    assert "si_capital" in response.text
    assert opened_in_odisha.case_number in response.text


def test_state_official_of_another_state_sees_nothing_of_odisha(
    client, make_official, make_unit, bihar, opened_in_odisha
):
    scps = make_unit(UnitType.SCPS, state=bihar, name="SCPS Bihar")
    bihar_official = make_official("scps_bihar", Role.STATE_OFFICIAL, unit=scps)
    sign_in_verified(client, bihar_official)

    response = client.get("/audit/")

    assert "si_capital" not in response.text


def test_national_administrator_filters_the_log_by_official(
    client, make_official, ministry, opened_in_odisha
):
    admin = make_official("moWCD", Role.NATIONAL_ADMIN, unit=ministry)
    sign_in_verified(client, admin)

    assert "si_capital" in client.get("/audit/", {"username": "si_capital"}).text
    assert "si_capital" not in client.get("/audit/", {"username": "someone_else"}).text


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICIAL, Role.POLICE_OFFICER])
def test_district_and_station_officials_cannot_read_the_log(
    client, make_official, make_unit, khordha, role
):
    unit = make_unit(
        UnitType.DCPU if role == Role.DISTRICT_OFFICIAL else "police_station", district=khordha
    )
    official = make_official("reader", role, unit=unit)
    sign_in_verified(client, official)

    assert client.get("/audit/").status_code == 403


def test_state_official_filters_the_log_by_action_and_days(
    client, odisha_official, officer, file_missing
):
    report = file_missing(officer)
    client.force_login(officer)
    client.get(f"/reports/{report.pk}/")
    client.get(f"/reports/{report.pk}/history/")
    client.logout()
    sign_in_verified(client, odisha_official)
    today = timezone.localdate()

    opened_today = client.get("/audit/", {"action": "view_record", "since": today, "until": today})
    yesterday = client.get("/audit/", {"until": today - timedelta(days=1)})

    assert opened_today.text.count("<td>si_capital</td>") == 1
    assert "si_capital" not in yesterday.text


def test_a_last_day_before_the_first_is_explained(client, odisha_official):
    sign_in_verified(client, odisha_official)

    response = client.get("/audit/", {"since": "2026-11-10", "until": "2026-11-09"})

    assert "The last day cannot come before the first." in response.text
