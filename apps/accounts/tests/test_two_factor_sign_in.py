"""Administrators must sign in with an authenticator app; every other official may choose to."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import Role
from apps.directory.models import UnitType
from conftest import STRONG_PASSWORD, current_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_official(make_official, make_unit, khordha):
    return make_official(
        "dcpo_khordha", Role.DISTRICT_OFFICIAL, unit=make_unit(UnitType.DCPU, district=khordha)
    )


@pytest.fixture
def police_officer(make_official, make_unit, khordha):
    return make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": STRONG_PASSWORD})


def test_district_official_without_authenticator_is_sent_to_set_one_up(client, district_official):
    sign_in(client, "dcpo_khordha")

    response = client.get("/accounts/officials/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/two-factor/setup/")
    setup_page = client.get(response.url)
    assert "<svg" in setup_page.content.decode()


def test_district_official_turns_on_two_factor_with_a_code_and_continues(client, district_official):
    sign_in(client, "dcpo_khordha")
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=district_official)

    response = client.post(
        "/accounts/two-factor/setup/",
        {"token": current_token(device), "next": "/accounts/officials/"},
    )

    assert response.status_code == 302
    assert response.url == "/accounts/officials/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/accounts/officials/").status_code == 200


def test_wrong_setup_code_is_refused_and_the_device_stays_unconfirmed(client, district_official):
    sign_in(client, "dcpo_khordha")
    client.get("/accounts/two-factor/setup/")

    response = client.post("/accounts/two-factor/setup/", {"token": "000000"})

    assert "wrong or has expired" in response.content.decode()
    assert not TOTPDevice.objects.get(user=district_official).confirmed
    assert client.get("/accounts/officials/").status_code == 302


def test_official_with_authenticator_must_give_a_code_after_the_password(client, district_official):
    device = TOTPDevice.objects.create(user=district_official, name="phone", confirmed=True)
    sign_in(client, "dcpo_khordha")

    blocked = client.get("/accounts/profile/")
    assert blocked.status_code == 302
    assert blocked.url.startswith("/accounts/two-factor/verify/")

    refused = client.post("/accounts/two-factor/verify/", {"token": "123456"})
    assert "wrong or has expired" in refused.content.decode()
    # django-otp slows guessing down after a wrong code; the official waits it out.
    device.refresh_from_db()
    device.throttle_reset()

    client.post("/accounts/two-factor/verify/", {"token": current_token(device)})
    assert client.get("/accounts/profile/").status_code == 200


def test_police_officer_may_work_without_two_factor(client, police_officer):
    sign_in(client, "si_nayak")
    assert client.get("/accounts/profile/").status_code == 200


def test_police_officer_may_turn_two_factor_on(client, police_officer):
    sign_in(client, "si_nayak")
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=police_officer)
    client.post("/accounts/two-factor/setup/", {"token": current_token(device)})
    assert TOTPDevice.objects.get(user=police_officer).confirmed


def test_district_official_cannot_turn_two_factor_off(client, district_official):
    device = TOTPDevice.objects.create(user=district_official, name="phone", confirmed=True)
    sign_in(client, "dcpo_khordha")
    client.post("/accounts/two-factor/verify/", {"token": current_token(device)})

    response = client.post("/accounts/two-factor/remove/", follow=True)

    assert "cannot be removed" in response.content.decode()
    assert TOTPDevice.objects.filter(user=district_official, confirmed=True).exists()


def test_next_address_on_another_site_is_ignored(client, district_official):
    sign_in(client, "dcpo_khordha")
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=district_official)

    response = client.post(
        "/accounts/two-factor/setup/",
        {"token": current_token(device), "next": "https://evil.example.com/"},
    )

    assert response.url == "/"
