"""Who sees the full record of a child, who sees only the tracing summary, and the audit trail."""

import pytest

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.directory.models import UnitType
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db
FATHER_PHONE = "98610 55555"


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def test_the_owning_officer_sees_family_contacts_and_the_opening_is_logged(client, officer, priya):
    client.force_login(officer)

    response = client.get(f"/reports/{priya.pk}/", REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    assert FATHER_PHONE in response.text
    assert "Old Town, Bhubaneswar" in response.text
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.record_id, entry.owner_unit) == (
        officer,
        AccessAction.VIEW_RECORD,
        priya.pk,
        priya.owning_unit,
    )
    assert entry.ip_address == "10.1.2.3"


def test_an_officer_in_another_state_sees_the_summary_only(client, patna_officer, priya):
    client.force_login(patna_officer)

    response = client.get(f"/reports/{priya.pk}/")

    assert response.status_code == 200
    assert "Priya Sahu" in response.text
    assert "Mole on left cheek" in response.text
    assert "0674-2390100" in response.text
    assert FATHER_PHONE not in response.text
    assert "Old Town, Bhubaneswar" not in response.text
    assert "Add note" not in response.text
    assert AccessLog.objects.get().action == AccessAction.VIEW_SUMMARY


def test_the_district_official_overseeing_the_station_sees_everything(
    client, make_official, make_unit, khordha, priya
):
    dcpu = make_unit(UnitType.DCPU, district=khordha)
    district_officer = make_official("dcpo", Role.DISTRICT_OFFICIAL, unit=dcpu)
    sign_in_verified(client, district_officer)

    response = client.get(f"/reports/{priya.pk}/")

    assert FATHER_PHONE in response.text


def test_a_district_official_of_a_neighbouring_district_sees_the_summary_only(
    client, make_official, make_unit, cuttack, priya
):
    dcpu = make_unit(UnitType.DCPU, district=cuttack)
    neighbour = make_official("dcpo_cuttack", Role.DISTRICT_OFFICIAL, unit=dcpu)
    sign_in_verified(client, neighbour)

    response = client.get(f"/reports/{priya.pk}/")

    assert response.status_code == 200
    assert FATHER_PHONE not in response.text


def test_another_unit_in_the_same_district_sees_the_summary_only(client, cwc_member, priya):
    client.force_login(cwc_member)

    response = client.get(f"/reports/{priya.pk}/")

    assert FATHER_PHONE not in response.text
    assert client.get(f"/reports/{priya.pk}/history/").status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, priya):
    response = client.get(f"/reports/{priya.pk}/")

    assert response.status_code == 302


@pytest.mark.refused_side(
    "reports:detail", "another_unit", "another_district", "another_state", summary=True
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_see_the_summary_without_family_or_notes(
    client, sign_in_outsider, officer, priya, kind
):
    client.force_login(officer)
    client.post(f"/reports/{priya.pk}/notes/", {"text": "Uncle in Cuttack called"})
    sign_in_outsider(kind, priya.owning_unit)

    response = client.get(f"/reports/{priya.pk}/")

    assert response.status_code == 200
    assert "You see the tracing summary." in response.text
    assert "Priya Sahu" in response.text
    assert FATHER_PHONE not in response.text
    assert "Uncle in Cuttack called" not in response.text
    assert not AccessLog.objects.filter(action=AccessAction.VIEW_RECORD).exists()


@pytest.mark.refused_side("reports:history", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_cannot_read_the_history(
    client, sign_in_outsider, priya, kind
):
    sign_in_outsider(kind, priya.owning_unit)

    response = client.get(f"/reports/{priya.pk}/history/")

    assert response.status_code == 403
    assert not AccessLog.objects.exists()


def family_section(page: str) -> str:
    start = page.index('id="family-heading"')
    return page[start : page.index("</section>", start)]


def test_a_found_child_whose_family_is_not_known_reads_so_under_family(
    client, cwc_member, file_found, officer, priya
):
    munna = file_found(cwc_member)
    client.force_login(cwc_member)

    family = family_section(client.get(f"/reports/{munna.pk}/").text)

    assert "Not known" in family
    assert "<dl" not in family
    client.force_login(officer)
    family = family_section(client.get(f"/reports/{priya.pk}/").text)
    assert FATHER_PHONE in family
    assert "Not known" not in family


def summary_name(page: str) -> str:
    start = page.index(">Name</dt>")
    return page[page.index("<dd", start) : page.index("</dd>", start)]


def test_a_name_written_only_in_the_local_script_is_shown_once(client, cwc_member, file_found):
    client.force_login(cwc_member)
    only_local = file_found(cwc_member, full_name="", name_local="राजीव")
    both_alike = file_found(cwc_member, full_name="राजीव", name_local="राजीव")
    two_scripts = file_found(cwc_member, full_name="Rajeev", name_local="राजीव")

    for report in (only_local, both_alike):
        assert summary_name(client.get(f"/reports/{report.pk}/").text).count("राजीव") == 1
    assert "Rajeev (राजीव)" in summary_name(client.get(f"/reports/{two_scripts.pk}/").text)
    assert "(राजीव)" not in client.get(f"/reports/{both_alike.pk}/notice/").text
    assert "(राजीव)" in client.get(f"/reports/{two_scripts.pk}/notice/").text
    found = client.get("/reports/", {"name": "राजीव"}).text
    headings = found[found.index('<h2 class="h6 mb-1">') :]
    assert headings.count("राजीव</a> राजीव") == 0
    assert "Rajeev</a> राजीव" in headings


def test_the_height_is_given_in_the_readers_units(client, officer, priya):
    client.force_login(officer)
    assert priya.height_cm

    for path in (f"/reports/{priya.pk}/", f"/reports/{priya.pk}/notice/"):
        assert f"{priya.height_cm} cm" in client.get(path).text
        in_hindi = client.get(path, HTTP_ACCEPT_LANGUAGE="hi").text
        assert f"{priya.height_cm} सेमी" in in_hindi
        assert f"{priya.height_cm} cm" not in in_hindi
