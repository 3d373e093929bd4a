"""Photos and printable notices: officials always, the public only with consent while open."""

import pytest

from apps.core.images import clean_photo
from apps.reports.tests.fixtures import photo_upload
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_priya(officer, file_missing):
    def make(consent: bool):
        photo = ("p.jpg", clean_photo(photo_upload().read()))
        return file_missing(
            officer,
            photos=[photo],
            publication_consent="on" if consent else None,
            fir_number=f"{100 + consent}/2026",
        )

    return make


def photo_url(report):
    return f"/reports/photos/{report.cover_photo.public_id}/"


def test_any_official_sees_the_photo(client, patna_officer, make_priya):
    priya = make_priya(consent=False)
    client.force_login(patna_officer)

    response = client.get(photo_url(priya))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert client.get(photo_url(priya) + "thumbnail/").status_code == 200


def test_the_public_sees_a_photo_only_with_the_familys_consent(client, make_priya):
    private, published = make_priya(consent=False), make_priya(consent=True)

    assert client.get(photo_url(private)).status_code == 404
    assert client.get(photo_url(published)).status_code == 200


def test_a_published_photo_is_withdrawn_once_the_child_is_traced(client, officer, make_priya):
    priya = make_priya(consent=True)
    priya.status = "traced"
    priya.save()

    assert client.get(photo_url(priya)).status_code == 404


def test_a_guessed_photo_address_finds_nothing(client, patna_officer):
    client.force_login(patna_officer)

    response = client.get("/reports/photos/00000000-0000-0000-0000-000000000000/")

    assert response.status_code == 404


def test_the_public_notice_shows_photo_and_station_to_call(client, make_priya):
    priya = make_priya(consent=True)

    response = client.get(f"/reports/{priya.pk}/notice/")

    assert response.status_code == 200
    assert "Missing child" in response.text
    assert photo_url(priya) in response.text
    assert "0674-2390100" in response.text
    assert "98610 55555" not in response.text


def test_without_consent_the_notice_is_for_police_only_and_has_no_photo(
    client, officer, make_priya
):
    priya = make_priya(consent=False)

    assert client.get(f"/reports/{priya.pk}/notice/").status_code == 404
    client.force_login(officer)
    response = client.get(f"/reports/{priya.pk}/notice/")
    assert response.status_code == 200
    assert "For police use only" in response.text
    assert photo_url(priya) not in response.text


@pytest.mark.refused_side(
    "reports:photo", "another_unit", "another_district", "another_state", summary=True
)
@pytest.mark.refused_side(
    "reports:thumbnail", "another_unit", "another_district", "another_state", summary=True
)
@pytest.mark.refused_side(
    "reports:notice", "another_unit", "another_district", "another_state", summary=True
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_anywhere_see_photo_and_police_notice_of_the_tracing_summary(
    client, sign_in_outsider, make_priya, kind
):
    priya = make_priya(consent=False)
    sign_in_outsider(kind, priya.owning_unit)

    assert client.get(photo_url(priya)).status_code == 200
    assert client.get(photo_url(priya) + "thumbnail/").status_code == 200
    notice = client.get(f"/reports/{priya.pk}/notice/")
    assert "For police use only" in notice.text
    assert "98610 55555" not in notice.text
