"""A police officer files a missing child report from an FIR, with photos; others are refused."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.accounts.models import Role
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input, missing_report_data, photo_upload

URL = "/reports/missing/new/"
pytestmark = pytest.mark.django_db


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (20.0, 16.0, 30.0), 4: (85.0, 50.0, 0.0)}  # GPS position
    return exif


def test_officer_files_a_missing_report_with_photos_and_marks(client, officer, odisha, khordha):
    client.force_login(officer)
    data = missing_report_data(odisha, khordha)
    data["photos"] = [
        photo_upload("front.jpg", exif=gps_exif()),
        photo_upload("side.png", image_format="PNG"),
    ]

    response = client.post(URL, data)

    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == f"/reports/{report.pk}/"
    assert report.owning_unit == officer.unit
    assert report.created_by == officer
    assert (report.kind, report.age_min, report.age_max, report.fir_year) == (
        "missing",
        11,
        11,
        timezone.localtime().year,
    )
    assert report.languages == ["or", "hi"]
    assert [str(mark) for mark in report.marks.all()] == ["Scar Right Hand"]
    assert report.photo_count == 2
    assert report.cover_photo == report.photos.first()
    assert report.history.get().history_change_reason == "Report filed"
    assert report.history.get().history_user == officer


def test_stored_photos_carry_no_exif_and_have_thumbnails(client, officer, odisha, khordha):
    client.force_login(officer)
    data = missing_report_data(odisha, khordha, photos=[photo_upload(exif=gps_exif())])

    client.post(URL, data)

    photo = Report.objects.get().photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
    with photo.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert max(thumbnail.size) <= 240
    assert "child" not in photo.image.name


def test_a_file_that_is_not_a_photo_is_refused_and_the_form_keeps_what_was_typed(
    client, officer, odisha, khordha
):
    client.force_login(officer)
    data = missing_report_data(odisha, khordha)
    data["photos"] = [
        photo_upload("good.jpg"),
        SimpleUploadedFile("letter.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg"),
    ]

    response = client.post(URL, data)

    assert response.status_code == 200
    assert not Report.objects.exists()
    assert "letter.jpg is not a photo" in response.text
    assert 'value="Priya Sahu"' in response.text
    assert "Choose the photos again." in response.text


def test_a_damaged_photo_and_too_many_photos_are_explained(client, officer, odisha, khordha):
    client.force_login(officer)
    damaged = photo_upload("cut.jpg")
    damaged.file.truncate(200)
    data = missing_report_data(odisha, khordha, photos=[damaged])

    response = client.post(URL, data)
    assert "cut.jpg is damaged" in response.text

    data["photos"] = [photo_upload(f"{n}.jpg") for n in range(7)]
    response = client.post(URL, data)
    assert "at most 6 more photos" in response.text
    assert not Report.objects.exists()


def test_the_same_fir_number_twice_in_a_year_at_one_station_is_refused(
    client, officer, odisha, khordha, file_missing
):
    file_missing(officer)
    client.force_login(officer)

    response = client.post(URL, missing_report_data(odisha, khordha, full_name="Anita Das"))

    assert response.status_code == 200
    assert "already has a report with this FIR/GD number this year" in response.text
    assert Report.objects.count() == 1


def test_another_station_may_use_the_same_fir_number(
    client, officer, make_official, make_unit, khordha, odisha, file_missing
):
    file_missing(officer)
    other_station = make_unit("police_station", district=khordha, name="Saheed Nagar PS")
    other_officer = make_official("si_saheed", Role.POLICE_OFFICER, unit=other_station)
    client.force_login(other_officer)

    response = client.post(URL, missing_report_data(odisha, khordha))

    assert response.status_code == 302
    assert Report.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"age": "18"}, "the age must be under 18"),
        ({"age": None, "date_of_birth": "2001-01-01"}, "TrackChild is for children under 18"),
        ({"age": None}, "Give the date of birth or the age."),
        ({"full_name": ""}, "This field is required."),
        (
            {"event_at": local_input(timezone.now() + timedelta(days=2))},
            "This date is in the future.",
        ),
        (
            {"fir_registered_at": local_input(timezone.now() + timedelta(days=1))},
            "This date is in the future.",
        ),
        ({"permanent_pin_code": "800001"}, "belongs to Bihar, not Odisha"),
        ({"father_phone": "call me"}, "Enter a phone number"),
    ],
)
def test_impossible_details_are_refused_with_a_reason(
    client, officer, odisha, khordha, overrides, message
):
    client.force_login(officer)

    response = client.post(URL, missing_report_data(odisha, khordha, **overrides))

    assert response.status_code == 200
    assert message in response.text
    assert not Report.objects.exists()


def test_a_district_that_is_not_in_the_chosen_state_is_refused(
    client, officer, odisha, khordha, patna
):
    client.force_login(officer)

    response = client.post(URL, missing_report_data(odisha, khordha, event_district=patna.pk))

    assert "This district is not in the chosen State/UT." in response.text
    assert not Report.objects.exists()


def test_errors_are_explained_in_hindi_for_a_hindi_speaking_officer(
    client, officer, odisha, khordha
):
    client.force_login(officer)

    response = client.post(
        URL, missing_report_data(odisha, khordha, age="18"), HTTP_ACCEPT_LANGUAGE="hi"
    )

    assert response.status_code == 200
    assert "आयु 18 वर्ष से कम होनी चाहिए" in response.text
    assert "the age must be under 18" not in response.text


def test_child_protection_staff_cannot_file_a_missing_report(client, cwc_member, odisha, khordha):
    client.force_login(cwc_member)

    assert client.get(URL).status_code == 403
    assert client.post(URL, missing_report_data(odisha, khordha)).status_code == 403
    assert not Report.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
