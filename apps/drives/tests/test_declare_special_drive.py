"""The ministry declares Operation Muskaan for all India and Operation Smile for Odisha and Bihar;
Odisha's State official declares a drive for Odisha, but not for Bihar nor for all India; a
district official, and a police officer, declare nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from apps.drives import services
from apps.drives.models import Drive
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

DECLARE = "/drives/declare/"


def drive_data(**overrides) -> dict:
    data = {
        "name": "Operation Muskaan XII",
        "code": "Muskaan-12",
        "starts_on": "2026-07-01",
        "ends_on": "2026-07-31",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_ministry_declares_a_drive_for_all_india(client, national_admin):
    sign_in_verified(client, national_admin)

    response = client.post(DECLARE, drive_data(all_india="on"))

    assert response.status_code == 302
    drive = Drive.objects.get()
    assert (drive.name, drive.code) == ("Operation Muskaan XII", "muskaan-12")
    assert drive.all_india
    assert (drive.starts_on, drive.ends_on) == (date(2026, 7, 1), date(2026, 7, 31))
    assert drive.declared_by == national_admin
    listed = client.get(response["Location"]).content.decode()
    assert "Operation Muskaan XII is declared." in listed
    assert "muskaan-12" in listed
    assert "All of India" in listed


def test_the_ministry_declares_a_drive_for_some_states(client, national_admin, odisha, bihar):
    sign_in_verified(client, national_admin)

    response = client.post(
        DECLARE, drive_data(name="Operation Smile", code="smile-9", states=[odisha.pk, bihar.pk])
    )

    assert response.status_code == 302
    drive = Drive.objects.get()
    assert set(drive.states.all()) == {odisha, bihar}
    assert not drive.all_india


def test_a_drive_names_its_states_or_all_india_and_ends_after_it_starts(
    client, national_admin, odisha
):
    sign_in_verified(client, national_admin)

    nowhere = client.post(DECLARE, drive_data())
    backwards = client.post(DECLARE, drive_data(states=[odisha.pk], ends_on="2026-06-30"))
    both = client.post(DECLARE, drive_data(all_india="on", states=[odisha.pk]))

    assert "Choose the States/UTs the drive covers." in nowhere.content.decode()
    assert "A drive cannot end before it starts." in backwards.content.decode()
    assert "A drive of all India names no States/UTs." in both.content.decode()
    assert not Drive.objects.exists()


def test_a_code_is_given_once(client, national_admin, make_drive, odisha):
    make_drive("Muskaan 12", odisha)
    sign_in_verified(client, national_admin)

    response = client.post(DECLARE, drive_data(states=[odisha.pk]))

    assert response.status_code == 200
    assert "Special drive with this Code already exists." in response.content.decode()
    assert Drive.objects.count() == 1


def test_a_state_official_declares_a_drive_for_their_own_state(
    client, odisha_official, odisha, bihar
):
    sign_in_verified(client, odisha_official)

    form = client.get(DECLARE).content.decode()
    response = client.post(DECLARE, drive_data(states=[odisha.pk]))

    assert "Bihar" not in form
    assert "all of India" not in form
    assert response.status_code == 302
    assert list(Drive.objects.get().states.all()) == [odisha]


def test_a_state_official_is_refused_a_drive_for_another_state_or_all_india(
    client, odisha_official, odisha, bihar
):
    sign_in_verified(client, odisha_official)

    for_bihar = client.post(DECLARE, drive_data(states=[bihar.pk]))
    for_india = client.post(DECLARE, drive_data(all_india="on"))

    assert for_bihar.status_code == 200
    assert f"{bihar.pk} is not one of the available choices" in for_bihar.content.decode()
    # The form has no "all of India" for them: the drive would name no State/UT.
    assert "Choose the States/UTs the drive covers." in for_india.content.decode()
    assert not Drive.objects.exists()
    # The service refuses as well, whatever page calls it.
    with pytest.raises(PermissionDenied):
        services.declare_drive(
            drive=Drive(**_fields()), states=[bihar], declared_by=odisha_official
        )
    with pytest.raises(PermissionDenied):
        services.declare_drive(
            drive=Drive(**_fields(), all_india=True), states=[], declared_by=odisha_official
        )
    assert not Drive.objects.exists()


def test_a_district_official_and_a_police_officer_declare_nothing(
    client, khordha_official, officer, odisha
):
    sign_in_verified(client, khordha_official)
    district_page = client.get(DECLARE)
    district_post = client.post(DECLARE, drive_data(states=[odisha.pk]))
    client.force_login(officer)
    officer_post = client.post(DECLARE, drive_data(states=[odisha.pk]))

    assert (district_page.status_code, district_post.status_code) == (403, 403)
    assert officer_post.status_code == 403
    assert not Drive.objects.exists()
    with pytest.raises(PermissionDenied):
        services.declare_drive(drive=Drive(**_fields()), states=[odisha], declared_by=officer)


def test_officials_see_the_drives_and_visitors_do_not(client, officer, make_drive, odisha):
    make_drive("Operation Smile", odisha)

    visitor = client.get("/drives/")
    client.force_login(officer)
    listed = client.get("/drives/").content.decode()

    assert visitor.status_code == 302  # to sign in
    assert "Operation Smile" in listed
    assert "Odisha" in listed
    assert "Declare a special drive" not in listed


def _fields() -> dict:
    return {
        "name": "Operation Smile",
        "code": "smile",
        "starts_on": date(2026, 7, 1),
        "ends_on": date(2026, 7, 31),
    }
