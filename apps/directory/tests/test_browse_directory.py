"""Anyone, signed in or not, finds the unit to contact by State/UT, district, type or name."""

import datetime

import pytest

from apps.directory.models import NodalOfficer, UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(make_unit, khordha, cuttack, patna):
    capital = make_unit(
        district=khordha,
        name="Capital Police Station",
        phone="0674-2390000",
        address="Master Canteen Square",
        pin_code="751001",
    )
    make_unit(UnitType.CWC, district=khordha, name="Child Welfare Committee, Khordha")
    make_unit(district=cuttack, name="Lalbag Police Station")
    make_unit(district=patna, name="Kotwali Police Station")
    dcpu = make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")
    NodalOfficer.objects.create(
        unit=dcpu, scope="district", name="Sasmita Das", designation="DCPO", phone="06755-220002"
    )
    return capital


def names_found(client, **params):
    response = client.get("/directory/", params)
    assert response.status_code == 200
    return [unit.name for unit in response.context["page"].object_list]


def test_visitor_searches_by_name(client, directory):
    assert names_found(client, q="kotwali") == ["Kotwali Police Station"]


def test_visitor_searches_by_pin_code(client, directory):
    assert names_found(client, q="751001") == ["Capital Police Station"]


def test_visitor_narrows_to_a_state_district_and_type(client, directory):
    assert set(names_found(client, state=21)) == {
        "Capital Police Station",
        "Child Welfare Committee, Khordha",
        "Lalbag Police Station",
        "DCPU Khordha",
    }
    assert names_found(client, state=21, district=362, unit_type="police_station") == [
        "Capital Police Station"
    ]


def test_district_of_another_state_is_refused_with_a_message(client, directory):
    response = client.get("/directory/", {"state": 10, "district": 362})
    assert "Select a valid choice" in response.content.decode()
    assert list(response.context["page"].object_list) == []


def test_state_page_lists_its_districts_with_lgd_codes(client, directory):
    response = client.get("/directory/states/21/")
    page = response.content.decode()
    assert "Khordha" in page
    assert "362" in page
    assert "Patna" not in page


def test_district_page_shows_units_and_the_nodal_officer(client, directory):
    page = client.get("/directory/districts/362/").content.decode()
    assert "Capital Police Station" in page
    assert "Sasmita Das" in page
    assert "Lalbag Police Station" not in page


def test_retired_district_is_still_shown_and_marked(client, directory, khordha):
    khordha.retired_on = datetime.date(2027, 4, 1)
    khordha.save()
    page = client.get("/directory/districts/362/").content.decode()
    assert "retired on 01/04/2027" in page


def test_unit_page_shows_contacts_but_not_staff_to_the_public(client, directory):
    page = client.get(f"/directory/units/{directory.pk}/").content.decode()
    assert "0674-2390000" in page
    assert "Master Canteen Square" in page
    assert "Officials of this unit" not in page


def test_unknown_state_or_unit_is_a_plain_not_found(client, directory):
    assert client.get("/directory/states/999/").status_code == 404
    assert client.get("/directory/units/999999/").status_code == 404
