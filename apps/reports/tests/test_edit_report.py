"""The owning station keeps a report current; every change is in its history; others are refused."""

import pytest

from apps.accounts.models import Role
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data, photo_upload
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def edit_data(odisha, khordha, **overrides):
    """The edit form as sent from a page loaded now, at the report's current version."""
    return missing_report_data(
        odisha,
        khordha,
        **{
            "reason": "Mother gave a better description",
            "loaded_version": Report.objects.get().version,
            **overrides,
        },
    )


def test_officer_edits_a_report_and_the_history_shows_who_changed_what_and_why(
    client, officer, priya, odisha, khordha
):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/edit/",
        edit_data(odisha, khordha, clothing="Red frock", photos=[photo_upload()]),
    )

    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.clothing == "Red frock"
    assert priya.photo_count == 1
    latest = priya.history.first()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Mother gave a better description"
    history_page = client.get(f"/reports/{priya.pk}/history/")
    assert "Blue school uniform" in history_page.text
    assert "Red frock" in history_page.text
    assert "Mother gave a better description" in history_page.text


def test_an_edit_needs_a_reason(client, officer, priya, odisha, khordha):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, reason="", clothing="Red")
    )

    assert response.status_code == 200
    assert Report.objects.get().clothing == "Blue school uniform"


def test_officer_removes_a_photo(
    client, officer, priya, odisha, khordha, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    client.post(f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, photos=[photo_upload()]))
    photo = priya.photos.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, remove_photos=[photo.pk])
        )

    priya.refresh_from_db()
    assert (priya.photo_count, priya.cover_photo) == (0, None)
    assert not photo.image.storage.exists(photo.image.name)


def test_a_report_holds_at_most_six_photos(client, officer, priya, odisha, khordha):
    client.force_login(officer)
    client.post(
        f"/reports/{priya.pk}/edit/",
        edit_data(odisha, khordha, photos=[photo_upload(f"{n}.jpg") for n in range(5)]),
    )

    response = client.post(
        f"/reports/{priya.pk}/edit/",
        edit_data(odisha, khordha, photos=[photo_upload("a.jpg"), photo_upload("b.jpg")]),
    )

    assert "at most 1 more photo." in response.text
    assert Report.objects.get().photo_count == 5


def test_an_officer_of_another_station_cannot_edit(client, patna_officer, priya, odisha, khordha):
    client.force_login(patna_officer)

    assert client.get(f"/reports/{priya.pk}/edit/").status_code == 403
    response = client.post(f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, clothing="X"))
    assert response.status_code == 403
    assert Report.objects.get().clothing == "Blue school uniform"


def test_the_state_official_overseeing_the_station_can_edit(
    client, make_official, make_unit, odisha, khordha, priya
):
    scps = make_unit("scps", state=odisha)
    state_official = make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps)
    sign_in_verified(client, state_official)

    response = client.post(f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, hair="Short"))

    assert response.status_code == 302
    assert Report.objects.get().hair == "Short"


@pytest.mark.refused_side("reports:edit", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_cannot_edit(
    client, sign_in_outsider, priya, odisha, khordha, kind
):
    sign_in_outsider(kind, priya.owning_unit)

    assert client.get(f"/reports/{priya.pk}/edit/").status_code == 403
    response = client.post(f"/reports/{priya.pk}/edit/", edit_data(odisha, khordha, clothing="X"))
    assert response.status_code == 403
    assert Report.objects.get().clothing == "Blue school uniform"
