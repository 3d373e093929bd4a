"""Every page the public reads gives a number to call: the unit's own, else the district's
Superintendent of Police's office, else the District Child Protection Unit, else the child
helpline 1098."""

import time

import pytest

from apps.directory.models import UnitType
from apps.directory.selectors import (
    OFFICE_PHONES_KEPT_SECONDS,
    PublicContact,
    public_phone_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(make_unit, khordha):
    return make_unit(UnitType.POLICE_STATION, district=khordha, name="Balianta PS")


def test_a_unit_with_a_phone_gives_its_own(make_unit, khordha):
    station = make_unit(
        UnitType.POLICE_STATION, district=khordha, name="Capital PS", phone="0674-2390100"
    )
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="0674-2391000")

    assert public_phone_for(station) == PublicContact("0674-2390100", "Capital PS", "unit")
    assert not public_phone_for(station).is_fallback


def test_a_unit_without_a_phone_gives_the_district_sp_office(make_unit, khordha, station):
    make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha", phone="0674-2555555")
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="0674-2391000")

    contact = public_phone_for(station)

    assert contact == PublicContact("0674-2391000", "SP Khordha", "sp_office")
    assert contact.is_fallback


def test_without_an_sp_office_phone_the_dcpu(make_unit, khordha, cuttack, station):
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha")  # no phone
    make_unit(UnitType.DISTRICT_POLICE, district=cuttack, name="SP Cuttack", phone="0671-2222")
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="Old SP", phone="1", is_active=False)
    make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha", phone="0674-2555555")

    assert public_phone_for(station) == PublicContact("0674-2555555", "DCPU Khordha", "dcpu")


def test_without_any_phone_in_the_district_the_child_helpline(make_unit, khordha, station):
    make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")  # no phone either

    contact = public_phone_for(station)

    assert (contact.phone, contact.source) == ("1098", "helpline")
    assert contact.name == "Child helpline"


def test_a_state_office_without_a_phone_or_no_unit_at_all_gives_the_helpline(make_unit, odisha):
    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")

    assert public_phone_for(scps).phone == "1098"
    assert public_phone_for(None).phone == "1098"


def test_a_units_public_page_gives_the_fallback_phone_and_whose_it_is(
    client, make_unit, khordha, station
):
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="0674-2391000")

    page = client.get(f"/directory/units/{station.pk}/").text

    assert 'href="tel:0674-2391000"' in page
    assert "(SP Khordha)" in page


def test_a_page_of_results_asks_for_the_district_office_once(
    make_unit, khordha, station, django_assert_num_queries
):
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="0674-2391000")
    other_station = make_unit(UnitType.POLICE_STATION, district=khordha, name="Jatni PS")
    public_phone_for(station)

    with django_assert_num_queries(0):
        assert public_phone_for(other_station).phone == "0674-2391000"


def test_a_phone_saved_here_is_given_at_once(make_unit, khordha, station):
    office = make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="1")
    public_phone_for(station)

    office.phone = "0674-2391000"
    office.save()

    assert public_phone_for(station).phone == "0674-2391000"


def test_a_phone_changed_by_another_server_is_given_within_a_minute(
    make_unit, khordha, station, monkeypatch
):
    office = make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="1")
    public_phone_for(station)
    # Another server's change: no signal reaches this process.
    type(office).objects.filter(pk=office.pk).update(phone="0674-2391000")
    assert public_phone_for(station).phone == "1"

    later = time.monotonic() + OFFICE_PHONES_KEPT_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)

    assert public_phone_for(station).phone == "0674-2391000"
