"""Who opens Munna's record in care, and who is refused: other homes, other districts, police."""

import pytest

from apps.audit.models import AccessAction, AccessLog
from apps.care.tests.fixtures import refused_everything
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_home_lists_and_opens_its_own_child_and_the_opening_is_logged(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)

    listing = client.get("/care/").content.decode()
    response = client.get(f"/care/{munna_in_care.pk}/")

    assert munna_in_care.case_number in listing
    assert response.status_code == 200
    entry = AccessLog.objects.get(action=AccessAction.VIEW_RECORD)
    assert (entry.user, entry.record_id, entry.owner_unit) == (
        home_staff,
        munna_in_care.pk,
        home_staff.unit,
    )


def test_another_home_neither_lists_nor_opens_the_child(client, other_home_staff, munna_in_care):
    client.force_login(other_home_staff)

    listing = client.get("/care/").content.decode()

    assert munna_in_care.case_number not in listing
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 403
    assert not AccessLog.objects.exists()


def test_the_districts_cwc_and_dcpu_see_every_child_placed_in_the_district(
    client, cwc_member, dcpu_officer, munna_in_care
):
    client.force_login(cwc_member)
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 200
    assert munna_in_care.case_number in client.get("/care/").content.decode()

    sign_in_verified(client, dcpu_officer)
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 200


def test_a_cwc_of_another_district_is_refused(
    client, make_official, make_unit, patna, munna_in_care
):
    patna_cwc = make_unit("cwc", district=patna, name="CWC Patna")
    client.force_login(make_official("cwc_patna", "cwc_member", unit=patna_cwc))

    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 403


def test_police_never_open_care_records_but_find_the_child_in_national_search(
    client, officer, munna_in_care
):
    client.force_login(officer)

    assert client.get("/care/").status_code == 403
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 403
    assert client.get(f"/care/{munna_in_care.pk}/plans/1/").status_code == 403
    search = client.get("/reports/", {"name": "Munna"}).content.decode()
    assert munna_in_care.report.case_number in search
    assert "Children in care" not in client.get("/").content.decode()


def test_a_superintendent_of_police_is_refused_although_a_district_official(
    client, make_official, make_unit, khordha, munna_in_care
):
    sp_office = make_unit("district_police", district=khordha, name="SP Khordha")
    sign_in_verified(client, make_official("sp_khordha", "district_official", unit=sp_office))

    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 403


def test_state_officials_see_their_state_only(
    client, make_official, make_unit, odisha, bihar, munna_in_care
):
    bihar_scps = make_unit("scps", state=bihar, name="SCPS Bihar")
    sign_in_verified(client, make_official("scps_bihar", "state_official", unit=bihar_scps))
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 403

    odisha_scps = make_unit("scps", state=odisha, name="SCPS Odisha")
    sign_in_verified(client, make_official("scps_odisha", "state_official", unit=odisha_scps))
    assert client.get(f"/care/{munna_in_care.pk}/").status_code == 200


@pytest.mark.refused_side("care:detail", "another_unit", "another_district", "another_state")
def test_institutions_that_do_not_hold_the_child_cannot_open_his_record(
    client, outsiders, munna_in_care
):
    for outsider in outsiders.values():
        client.force_login(outsider)

        assert refused_everything(client, f"/care/{munna_in_care.pk}/"), outsider
    assert not AccessLog.objects.filter(action=AccessAction.VIEW_RECORD).exists()


@pytest.mark.refused_side("care:detail", "another_district", "another_state")
def test_officials_of_other_districts_and_states_cannot_read_it(
    client, make_official, make_unit, cuttack, bihar, munna_in_care
):
    dcpu = make_unit("dcpu", district=cuttack)
    state_office = make_unit("scps", state=bihar)
    for outsider in (
        make_official("dcpu_cuttack", "district_official", unit=dcpu),
        make_official("bihar_state", "state_official", unit=state_office),
    ):
        sign_in_verified(client, outsider)

        assert refused_everything(client, f"/care/{munna_in_care.pk}/"), outsider
