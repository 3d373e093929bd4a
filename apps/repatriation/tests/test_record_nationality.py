"""The Capital police station records that Rina, found at the railway station, is from Nepal; the
children's home that takes her in keeps the nationality on her stay and may correct it. A child
of another country is flagged for repatriation; an Indian child, or one whose nationality is not
known, is not."""

import pytest
from django.utils import translation

from apps.care.models import ChildInCare
from apps.care.tests.fixtures import admission_data
from apps.core.countries import nationality_choices
from apps.reports.forms import FoundReportForm
from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data

pytestmark = pytest.mark.django_db


def test_the_police_record_a_found_child_from_nepal(
    client, officer, odisha, khordha, childrens_home
):
    client.force_login(officer)
    data = found_report_data(
        odisha, khordha, childrens_home, nationality="NP", placement="not_placed", placed_at=None
    )

    response = client.post("/reports/found/new/", data)

    report = Report.objects.get()
    assert response.status_code == 302, response.context["form"].errors
    assert report.nationality == "NP"
    assert report.is_foreign_national
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Nepal" in page
    assert f"/repatriation/found/{report.pk}/" in page


def test_the_form_offers_not_known_then_the_neighbours_then_every_other_country(officer):
    form = FoundReportForm(instance=Report(kind="found"), official=officer)

    codes = [code for code, _name in form.fields["nationality"].choices]

    assert codes[:9] == ["", "IN", "NP", "BD", "MM", "PK", "LK", "BT", "AF"]
    assert {"US", "CN", "GB", "AE"} <= set(codes[9:])
    assert len(codes) == len(set(codes)) > 200
    assert form.fields["nationality"].choices[0][1] == "Not known"


def test_country_names_follow_the_page_language():
    with translation.override("hi"):
        hindi = dict(nationality_choices())
    with translation.override("bn"):
        bengali = dict(nationality_choices())

    assert hindi["NP"] == "नेपाल"
    assert bengali["BD"] == "বাংলাদেশ"


def test_an_unknown_country_code_is_refused_and_nothing_is_saved(
    client, officer, odisha, khordha, childrens_home
):
    client.force_login(officer)
    data = found_report_data(
        odisha, khordha, childrens_home, nationality="XX", placement="not_placed", placed_at=None
    )

    response = client.post("/reports/found/new/", data)

    assert response.status_code == 200
    assert "nationality" in response.context["form"].errors
    assert not Report.objects.exists()


def test_an_indian_child_or_one_of_unknown_nationality_is_not_flagged(client, officer, file_found):
    client.force_login(officer)
    for nationality in ("IN", ""):
        report = file_found(officer, nationality=nationality)

        page = client.get(f"/reports/{report.pk}/").content.decode()

        assert not report.is_foreign_national
        assert "/repatriation/" not in page
        assert client.get(f"/repatriation/found/{report.pk}/").status_code == 404


def test_the_home_keeps_the_nationality_at_admission_and_may_correct_it(
    client, home_staff, khordha_cwc, file_found, cwc_member
):
    rina = file_found(cwc_member, full_name="Rina", nationality="NP")
    client.force_login(home_staff)

    form = client.get(f"/care/admit/{rina.pk}/").context["form"]
    assert form["nationality"].value() == "NP"

    # Counselling shows she came from Bangladesh, across Nepal.
    response = client.post(f"/care/admit/{rina.pk}/", admission_data(khordha_cwc, nationality="BD"))

    child = ChildInCare.objects.get()
    assert response.status_code == 302
    assert child.nationality == "BD"
    assert child.is_foreign_national
    page = client.get(f"/care/{child.pk}/").content.decode()
    assert "Bangladesh" in page
    assert f"/repatriation/care/{child.pk}/" in page
