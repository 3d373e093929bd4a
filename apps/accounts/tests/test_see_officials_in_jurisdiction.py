"""Officials see the staff of the units they oversee, and no one else's."""

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def country(make_unit, make_official, khordha, cuttack, patna, ministry):
    """Officials in two Odisha districts and one Bihar district."""
    units = {
        "khordha_ps": make_unit(district=khordha, name="Capital PS"),
        "khordha_dcpu": make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha"),
        "cuttack_ps": make_unit(district=cuttack, name="Lalbag PS"),
        "patna_ps": make_unit(district=patna, name="Kotwali PS"),
        "patna_dcpu": make_unit(UnitType.DCPU, district=patna, name="DCPU Patna"),
        "odisha_scps": make_unit(UnitType.SCPS, state=khordha.state, name="Odisha SCPS"),
    }
    officials = {
        "khordha_police": make_official(
            "khordha_police", Role.POLICE_OFFICER, unit=units["khordha_ps"], mobile="9437000001"
        ),
        "khordha_district": make_official(
            "khordha_district", Role.DISTRICT_OFFICIAL, unit=units["khordha_dcpu"]
        ),
        "cuttack_police": make_official(
            "cuttack_police", Role.POLICE_OFFICER, unit=units["cuttack_ps"]
        ),
        "patna_police": make_official(
            "patna_police", Role.POLICE_OFFICER, unit=units["patna_ps"], mobile="9835000002"
        ),
        "patna_district": make_official(
            "patna_district", Role.DISTRICT_OFFICIAL, unit=units["patna_dcpu"]
        ),
        "odisha_state": make_official(
            "odisha_state", Role.STATE_OFFICIAL, unit=units["odisha_scps"]
        ),
        "national": make_official("national", Role.NATIONAL_ADMIN, unit=ministry),
    }
    return units, officials


def listed_usernames(client):
    response = client.get("/accounts/officials/")
    assert response.status_code == 200
    return {official.username for official in response.context["officials"]}


def test_district_official_sees_only_their_district(client, country):
    _, officials = country
    sign_in_verified(client, officials["khordha_district"])
    assert listed_usernames(client) == {"khordha_police", "khordha_district"}


@pytest.mark.refused_side("accounts:unit_officials", "another_state")
def test_district_official_of_patna_is_refused_khordha_staff(client, country):
    units, officials = country
    sign_in_verified(client, officials["patna_district"])

    response = client.get(f"/accounts/officials/unit/{units['khordha_ps'].pk}/")

    assert response.status_code == 404
    assert "9437000001" not in listed_usernames(client)
    assert "khordha_police" not in listed_usernames(client)


def test_state_official_sees_every_district_of_their_state_only(client, country):
    _, officials = country
    sign_in_verified(client, officials["odisha_state"])
    assert listed_usernames(client) == {
        "khordha_police",
        "khordha_district",
        "cuttack_police",
        "odisha_state",
    }


def test_national_administrator_sees_everyone(client, country):
    _, officials = country
    sign_in_verified(client, officials["national"])
    assert listed_usernames(client) == set(officials)


@pytest.mark.refused_side("accounts:unit_officials", "another_unit")
def test_police_officer_sees_only_their_own_station(client, country):
    units, officials = country
    client.force_login(officials["khordha_police"])
    assert listed_usernames(client) == {"khordha_police"}
    neighbour = client.get(f"/accounts/officials/unit/{units['khordha_dcpu'].pk}/")
    assert neighbour.status_code == 404


@pytest.mark.refused_side(
    "accounts:unit_officials", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_jurisdiction_are_refused_a_units_staff(
    client, country, sign_in_outsider, kind
):
    units, _ = country
    sign_in_outsider(kind, units["khordha_ps"])

    response = client.get(f"/accounts/officials/unit/{units['khordha_ps'].pk}/")

    assert response.status_code == 404
    assert "9437000001" not in response.text


def test_anonymous_visitor_is_sent_to_sign_in(client, country):
    units, _ = country
    response = client.get(f"/accounts/officials/unit/{units['patna_ps'].pk}/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_official_without_role_sees_nobody(client, country, make_official):
    units, _ = country
    roleless = make_official("new_joiner", unit=units["patna_ps"])
    client.force_login(roleless)
    assert listed_usernames(client) == set()
