"""During Operation Smile (Odisha) and Operation Muskaan (all India), Capital PS in Khordha files
a found child and tags the report with the drive. The form offers only the drives running in
Odisha today: not Bihar's drive, not one that ended or has not begun; a drive of another State/UT
typed in anyway is refused saying why, and nothing is saved. A report tagged during a drive
keeps its tag when edited after the drive ends."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.reports import services
from apps.reports.forms import FoundReportForm
from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data

pytestmark = pytest.mark.django_db

URL = "/reports/found/new/"


@pytest.fixture
def drives(make_drive, odisha, bihar):
    return {
        "smile": make_drive("Operation Smile", odisha),
        "muskaan": make_drive("Operation Muskaan", all_india=True),
        "bihar": make_drive("Operation Bihar", bihar),
        "ended": make_drive("Operation Spring", odisha, days=(-60, -30)),
        "coming": make_drive("Operation Winter", odisha, days=(10, 40)),
    }


def offered(response) -> set[str]:
    return {label for _value, label in response.context["form"].fields["drive"].choices if _value}


def test_the_form_offers_only_the_drives_running_in_the_units_state(client, officer, drives):
    client.force_login(officer)

    response = client.get(URL)

    assert offered(response) == {"Operation Smile", "Operation Muskaan"}


def test_a_sighting_is_not_tagged_with_a_drive(officer, drives):
    form = FoundReportForm(instance=Report(kind="sighting"), official=officer)

    assert "drive" not in form.fields


def test_a_found_child_is_tagged_with_a_running_drive(
    client, officer, drives, odisha, khordha, childrens_home
):
    client.force_login(officer)

    response = client.post(
        URL, found_report_data(odisha, khordha, childrens_home, drive="operation-smile")
    )

    assert response.status_code == 302
    assert Report.objects.get().drive == drives["smile"]
    assert "Operation Smile" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("drive", "message"),
    [
        ("operation-bihar", "Operation Bihar is not running in Odisha, where Capital PS is."),
        ("operation-spring", "Operation Spring ended on"),
        ("operation-winter", "Operation Winter starts on"),
        ("operation-nowhere", "No special drive has the code operation-nowhere."),
    ],
)
def test_a_drive_not_running_here_is_refused_saying_why(
    client, officer, drives, odisha, khordha, childrens_home, drive, message
):
    client.force_login(officer)

    response = client.post(URL, found_report_data(odisha, khordha, childrens_home, drive=drive))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["drive"])
    assert not Report.objects.exists()


def test_a_station_of_another_state_cannot_tag_with_odishas_drive(
    client, patna_officer, drives, bihar, patna, make_unit
):
    home = make_unit("childrens_home", district=patna, name="Apna Ghar Patna")
    client.force_login(patna_officer)

    form = client.get(URL)
    response = client.post(URL, found_report_data(bihar, patna, home, drive="operation-smile"))

    assert offered(form) == {"Operation Bihar", "Operation Muskaan"}
    assert "Operation Smile is not running in Bihar, where Kotwali PS is." in " ".join(
        response.context["form"].errors["drive"]
    )
    assert not Report.objects.exists()


def test_the_filing_service_refuses_a_drive_of_another_state_whatever_the_page(
    officer, drives, file_found
):
    report = file_found(officer)
    report.pk, report.drive = None, drives["bihar"]

    with pytest.raises(ValidationError) as refused:
        services.file_report(report=report, filed_by=officer, marks=[], photos=[])

    assert refused.value.message_dict["drive"] == [
        "Operation Bihar is not running in Odisha, where Capital PS is."
    ]
    assert Report.objects.count() == 1


def test_a_tagged_report_keeps_its_drive_when_edited_after_the_drive_ended(
    client, officer, drives, odisha, khordha, childrens_home, file_found
):
    report = file_found(officer, drive="operation-smile")
    drives["smile"].starts_on = drives["smile"].ends_on = timezone.localdate().replace(year=2025)
    drives["smile"].save()
    client.force_login(officer)

    data = found_report_data(
        odisha,
        khordha,
        childrens_home,
        drive="operation-smile",
        clothing="Red shirt",
        reason="The child's clothes described",
        loaded_version=report.version,
    )
    response = client.post(f"/reports/{report.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert (report.drive, report.clothing) == (drives["smile"], "Red shirt")
