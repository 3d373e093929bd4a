"""A Child Welfare Committee member files a found child report; a citizen account cannot."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data, local_input, photo_upload

URL = "/reports/found/new/"
pytestmark = pytest.mark.django_db


def test_cwc_member_files_a_found_child_placed_in_a_home(
    client, cwc_member, odisha, khordha, childrens_home
):
    client.force_login(cwc_member)
    data = found_report_data(odisha, khordha, childrens_home, photos=[photo_upload()])

    response = client.post(URL, data)

    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.kind, report.age_min, report.age_max) == ("found", 8, 10)
    assert report.owning_unit == cwc_member.unit
    assert report.placed_at == childrens_home
    assert report.photo_count == 1
    assert report.case_number.startswith("F-")


def test_an_exact_apparent_age_needs_only_the_first_box(
    client, cwc_member, odisha, khordha, childrens_home
):
    client.force_login(cwc_member)

    client.post(URL, found_report_data(odisha, khordha, childrens_home, age_max=""))

    report = Report.objects.get()
    assert (report.age_min, report.age_max) == (8, 8)


def test_a_child_found_without_a_name_can_still_be_reported(
    client, cwc_member, odisha, khordha, childrens_home
):
    client.force_login(cwc_member)

    client.post(URL, found_report_data(odisha, khordha, childrens_home, full_name=""))

    assert Report.objects.get().display_name == "Name not known"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"age_min": "12", "age_max": "9"}, "The upper age must not be below the lower age."),
        ({"age_min": "19", "age_max": ""}, "the age must be under 18"),
        ({"placed_at": ""}, "Choose the Child Care Institution."),
        ({"placement": "family", "placed_at": ""}, "Say to whom the child was handed over."),
        ({"event_at": local_input(timezone.now() + timedelta(hours=3))}, "in the future"),
    ],
)
def test_impossible_found_reports_are_refused(
    client, cwc_member, odisha, khordha, childrens_home, overrides, message
):
    client.force_login(cwc_member)

    response = client.post(URL, found_report_data(odisha, khordha, childrens_home, **overrides))

    assert response.status_code == 200
    assert message in response.text
    assert not Report.objects.exists()


def test_an_official_without_a_role_cannot_file(client, make_official, make_unit, khordha):
    helpline = make_unit("helpline_ngo", district=khordha)
    volunteer = make_official("volunteer", unit=helpline)
    client.force_login(volunteer)

    assert client.get(URL).status_code == 403
