"""Officials read who uploads on time: per unit (registered or not, last upload, items overdue,
share of records current) and, per district and State/UT, how many units of each type uploaded
in the last 30 days against how many are registered. Each level opens only within the
official's own scope."""

import pytest

from apps.compliance.tests.helpers import HOUR, NOT_PRODUCED
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def balianta_ps(make_unit, khordha):
    """A police station in the directory whose officers have no account on the portal yet."""
    return make_unit("police_station", district=khordha, name="Balianta PS")


@pytest.fixture
def khordha_figures(
    child_in_care,
    officer,
    file_found,
    girls_home_staff,
    balianta_ps,
    cuttack_staff,
    dcpu_official,
    start,
    compute,
):
    """Twenty hours on: Capital PS filed two found reports and one child was never produced
    before the CWC; the Children's Home Bhubaneswar admitted Munna; the Girls' Home Khordha and
    the DCPU have accounts but uploaded nothing; Balianta PS has no account."""
    file_found(officer, **NOT_PRODUCED, full_name="Raju")
    compute(at=start + 20 * HOUR)


def by_type(response):
    return {
        row.unit_type: (row.uploaded, row.registered, row.units, row.open_items)
        for row in response.context["by_type"]
    }


def test_a_district_official_sees_every_unit_of_the_district(
    client, dcpu_official, khordha_figures
):
    sign_in_verified(client, dcpu_official)

    response = client.get("/compliance/districts/362/")

    assert response.status_code == 200
    assert by_type(response) == {
        "police_station": (1, 1, 2, 1),
        "dcpu": (0, 1, 1, 0),
        "childrens_home": (1, 2, 2, 0),
    }
    assert "1 of 2 uploaded" in response.text
    assert "Figures as of" in response.text
    rows = {row.unit.name: row for row in response.context["page"].object_list}
    assert set(rows) == {
        "Capital PS",
        "Balianta PS",
        "Children's Home Bhubaneswar",
        "Girls' Home Khordha",
        "DCPU Khordha",
    }
    capital = rows["Capital PS"]
    assert (capital.is_registered, capital.open_items, capital.share_current) == (True, 1, 0.5)
    assert (rows["Balianta PS"].is_registered, rows["Balianta PS"].last_upload_at) == (False, None)
    assert "50&nbsp;%" in response.text


def test_the_district_page_filters_by_type_of_unit(client, dcpu_official, khordha_figures):
    sign_in_verified(client, dcpu_official)

    response = client.get("/compliance/districts/362/", {"type": "police_station"})

    names = {row.unit.name for row in response.context["page"].object_list}
    assert names == {"Capital PS", "Balianta PS"}


def test_a_district_official_cannot_open_another_districts_page(
    client, dcpu_official, cuttack_home, khordha_figures
):
    sign_in_verified(client, dcpu_official)

    assert client.get("/compliance/districts/348/").status_code == 403
    assert client.get(f"/compliance/units/{cuttack_home.pk}/").status_code == 403
    assert client.get("/compliance/states/21/").status_code == 403
    assert client.get("/compliance/india/").status_code == 403
    assert client.get("/compliance/figures/").url == "/compliance/districts/362/"


def test_a_state_official_drills_down_from_the_state_to_a_unit(
    client, state_official, bihar, khordha_figures
):
    sign_in_verified(client, state_official)

    assert client.get("/compliance/figures/").url == "/compliance/states/21/"
    state = client.get("/compliance/states/21/")
    districts = {
        str(row.area): (row.uploaded, row.registered, row.units) for row in state.context["areas"]
    }
    assert districts == {"Khordha": (2, 4, 5), "Cuttack": (0, 1, 1)}
    assert 'href="/compliance/districts/348/"' in state.text

    district = client.get("/compliance/districts/348/")
    assert district.status_code == 200
    unit = district.context["page"].object_list[0].unit
    assert client.get(f"/compliance/units/{unit.pk}/").status_code == 200
    assert client.get("/compliance/states/10/").status_code == 403
    assert client.get("/compliance/india/").status_code == 403


def test_a_national_administrator_sees_every_state(client, national_admin, khordha_figures):
    sign_in_verified(client, national_admin)

    assert client.get("/compliance/figures/").url == "/compliance/india/"
    response = client.get("/compliance/india/")

    assert [str(row.area) for row in response.context["areas"]] == ["Odisha"]
    assert by_type(response)["childrens_home"] == (1, 3, 3, 0)


def test_a_childrens_home_sees_its_own_figures_only(
    client, home_staff, girls_home, khordha_figures
):
    client.force_login(home_staff)

    assert client.get("/compliance/figures/").url == f"/compliance/units/{home_staff.unit_id}/"
    response = client.get(f"/compliance/units/{home_staff.unit_id}/")
    assert response.status_code == 200
    assert response.context["figures"].is_registered
    assert client.get(f"/compliance/units/{girls_home.pk}/").status_code == 403
    assert client.get("/compliance/districts/362/").status_code == 403


def test_police_open_their_own_stations_page_but_no_institutions(
    client, officer, childrens_home, khordha_figures
):
    client.force_login(officer)

    response = client.get(f"/compliance/units/{officer.unit_id}/")

    assert response.status_code == 200
    assert [item.event for item in response.context["page"].object_list] == ["production"]
    assert client.get(f"/compliance/units/{childrens_home.pk}/").status_code == 403


@pytest.mark.refused_side("compliance:state", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side(
    "compliance:district", "another_unit", "another_district", "another_state"
)
@pytest.mark.refused_side("compliance:unit", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_area_cannot_open_its_compliance_pages(
    client, sign_in_outsider, childrens_home, khordha_figures, kind
):
    sign_in_outsider(kind, childrens_home)

    assert client.get("/compliance/states/21/").status_code == 403
    assert client.get("/compliance/districts/362/").status_code == 403
    assert client.get(f"/compliance/units/{childrens_home.pk}/").status_code == 403
