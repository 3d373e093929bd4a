"""A children's home admits Munna, found on a railway platform, from his found report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.care import views as care_views
from apps.care.models import ChildInCare
from apps.care.tests.fixtures import admission_data, care_records, refused_everything
from apps.directory.models import District, UnitType
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


def test_the_home_admits_a_found_child_and_the_found_report_follows(
    client, home_staff, munna_found, khordha_cwc, other_home_staff
):
    munna_found.placed_at = other_home_staff.unit  # the CWC first named another home
    munna_found.save()
    client.force_login(home_staff)

    response = client.post(f"/care/admit/{munna_found.pk}/", admission_data(khordha_cwc))

    child = ChildInCare.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/care/{child.pk}/"
    assert (child.institution, child.report, child.status) == (
        home_staff.unit,
        munna_found,
        "in_care",
    )
    assert child.admitted_by == home_staff
    munna_found.refresh_from_db()
    assert munna_found.placed_at == home_staff.unit
    assert munna_found.history.first().history_change_reason.startswith("Admitted to")


def test_the_found_report_offers_the_home_to_admit_the_child(client, home_staff, munna_found):
    client.force_login(home_staff)

    page = client.get(f"/reports/{munna_found.pk}/").content.decode()

    assert f"/care/admit/{munna_found.pk}/" in page


def test_the_home_finds_the_report_by_its_case_number(client, home_staff, munna_found):
    client.force_login(home_staff)

    response = client.get("/care/admit/", {"case": munna_found.case_number})

    assert response["Location"] == f"/care/admit/{munna_found.pk}/"
    page = client.get("/care/admit/", {"case": "Munna"}).content.decode()
    assert "Type the found report&#x27;s case number" in page


def test_a_child_already_in_care_is_not_admitted_twice(
    client, other_home_staff, munna_in_care, khordha_cwc
):
    client.force_login(other_home_staff)

    response = client.post(f"/care/admit/{munna_in_care.report.pk}/", admission_data(khordha_cwc))

    assert response.status_code == 200
    assert "This child is already in care." in response.content.decode()
    assert ChildInCare.objects.get() == munna_in_care


def test_missing_production_details_and_future_dates_are_explained(
    client, home_staff, munna_found, khordha_cwc
):
    client.force_login(home_staff)
    tomorrow = local_input(timezone.now() + timedelta(days=1))

    response = client.post(
        f"/care/admit/{munna_found.pk}/",
        admission_data(khordha_cwc, arrived_at=tomorrow, produced_at="", order_number=""),
    )

    form = response.context["form"]
    assert form.errors["arrived_at"] == ["This date is in the future."]
    assert "Required when the child was produced" in form.errors["produced_at"][0]
    assert "Required when the child was produced" in form.errors["order_number"][0]
    assert not ChildInCare.objects.exists()


def test_a_missing_report_cannot_be_admitted(client, home_staff, officer, file_missing):
    missing = file_missing(officer)
    client.force_login(home_staff)

    assert client.get(f"/care/admit/{missing.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["officer", "cwc_member"])
def test_only_an_institution_admits(client, request, who, munna_found, khordha_cwc):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/care/admit/").status_code == 403
    response = client.post(f"/care/admit/{munna_found.pk}/", admission_data(khordha_cwc))

    assert response.status_code == 403
    assert not ChildInCare.objects.exists()


@pytest.fixture
def found_by_puri_cwc(file_found, make_official, make_unit, odisha, childrens_home):
    """A child found by the CWC of Puri, who placed him with the children's home in Khordha."""
    puri = District.objects.create(lgd_code=369, name_en="Puri", state=odisha)
    cwc = make_official("cwc_puri", Role.CWC_MEMBER, unit=make_unit(UnitType.CWC, district=puri))
    return file_found(cwc, placed_at=childrens_home.pk)


def test_the_home_the_child_is_placed_with_admits_him_from_another_districts_report(
    client, home_staff, found_by_puri_cwc, khordha_cwc
):
    client.force_login(home_staff)

    response = client.post(f"/care/admit/{found_by_puri_cwc.pk}/", admission_data(khordha_cwc))

    assert response.status_code == 302
    assert ChildInCare.objects.get().institution == home_staff.unit


@pytest.mark.refused_side("care:admit", "another_unit", "another_district", "another_state")
def test_no_other_institution_takes_the_child_by_his_case_number(
    client, outsiders, found_by_puri_cwc, khordha_cwc
):
    """The attack of issue 14: a home anywhere typed the case number of a child placed
    elsewhere, admitted him, then restored him or reported him run away."""
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        admitted = client.get("/care/admit/", {"case": found_by_puri_cwc.case_number})
        report_page = client.get(f"/reports/{found_by_puri_cwc.pk}/").content.decode()

        url = admitted["Location"]
        assert refused_everything(client, url, admission_data(khordha_cwc)), outsider
        assert url not in report_page
    assert care_records() == before


def test_the_home_sees_the_children_placed_with_it_and_admits_one_from_the_list(
    client,
    home_staff,
    munna_found,
    found_by_puri_cwc,
    file_found,
    cwc_member,
    outsiders,
    khordha_cwc,
):
    placed_elsewhere = file_found(cwc_member, placed_at=outsiders["another_unit"].unit.pk)
    client.force_login(home_staff)

    page = client.get("/care/admit/").content.decode()

    assert "2 children." in page
    for report in (munna_found, found_by_puri_cwc):
        assert report.case_number in page
        assert f'href="/care/admit/{report.pk}/"' in page
    assert placed_elsewhere.case_number not in page

    client.post(f"/care/admit/{munna_found.pk}/", admission_data(khordha_cwc))
    page = client.get("/care/admit/").content.decode()
    assert "1 child." in page
    assert munna_found.case_number not in page
    assert found_by_puri_cwc.case_number in page


def test_a_long_list_of_children_placed_with_the_home_goes_page_by_page(
    client, home_staff, munna_found, found_by_puri_cwc, monkeypatch
):
    monkeypatch.setattr(care_views, "CHILDREN_PER_PAGE", 1)
    client.force_login(home_staff)

    first = client.get("/care/admit/").content.decode()
    second = client.get("/care/admit/", {"page": 2}).content.decode()

    assert "2 children." in first
    assert "Page 1 of 2" in first
    newest, older = sorted(
        (munna_found, found_by_puri_cwc), key=lambda report: (report.event_at, report.pk)
    )[::-1]
    assert newest.case_number in first
    assert older.case_number not in first
    assert older.case_number in second


def test_no_other_institution_sees_the_children_placed_with_the_home(
    client, outsiders, munna_found, found_by_puri_cwc, cwc_member, officer
):
    for official in [*outsiders.values(), cwc_member, officer]:
        client.force_login(official)
        response = client.get("/care/admit/")

        page = response.content.decode()
        assert munna_found.case_number not in page, official
        assert found_by_puri_cwc.case_number not in page, official
