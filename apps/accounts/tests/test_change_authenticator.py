"""An official's authenticator app is replaced or removed only by someone who holds it: a stolen
password is not enough. Every change is e-mailed to the official and kept in the access log."""

import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.directory.models import UnitType
from conftest import STRONG_PASSWORD, current_token, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_official(make_official, make_unit, khordha):
    return make_official(
        "dcpo_khordha",
        Role.DISTRICT_OFFICIAL,
        unit=make_unit(UnitType.DCPU, district=khordha),
        email="dcpo.khordha@example.gov.in",
    )


@pytest.fixture
def police_officer(make_official, make_unit, khordha):
    return make_official(
        "si_nayak",
        Role.POLICE_OFFICER,
        unit=make_unit(district=khordha),
        email="si.nayak@example.gov.in",
    )


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the request and send what it queued, as the worker would once it commits."""
    mail.outbox.clear()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_in_with_password(client, official):
    response = client.post(
        "/accounts/login/", {"username": official.username, "password": STRONG_PASSWORD}
    )
    assert response.status_code == 302


def next_token(device) -> str:
    """The code the app shows after the one just used to sign in (a code works only once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + device.step
    return f"{totp.token():0{device.digits}d}"


def attackers_new_device(official) -> TOTPDevice:
    """A device the attacker's phone holds, waiting for confirmation on the official's account."""
    return TOTPDevice.objects.create(user=official, name="attacker", confirmed=False)


def changes_logged(official, action):
    return AccessLog.objects.filter(user=official, action=action).count()


# --- The attacker knows the password, not the authenticator ---------------------------------


def test_password_alone_cannot_set_up_a_new_authenticator(client, district_official):
    own = TOTPDevice.objects.create(user=district_official, name="phone", confirmed=True)
    sign_in_with_password(client, district_official)

    page = client.get("/accounts/two-factor/setup/")
    assert page.status_code == 302
    assert page.url.startswith("/accounts/two-factor/verify/")

    planted = attackers_new_device(district_official)
    refused = client.post("/accounts/two-factor/setup/", {"token": current_token(planted)})

    assert refused.status_code == 302
    assert refused.url.startswith("/accounts/two-factor/verify/")
    planted.refresh_from_db()
    assert not planted.confirmed
    assert TOTPDevice.objects.filter(pk=own.pk, confirmed=True).exists()
    assert client.get("/accounts/profile/").url.startswith("/accounts/two-factor/verify/")
    assert changes_logged(district_official, AccessAction.ADD_AUTHENTICATOR) == 0


def test_password_alone_does_not_open_admin_through_a_new_authenticator(client, national_admin):
    TOTPDevice.objects.create(user=national_admin, name="phone", confirmed=True)
    sign_in_with_password(client, national_admin)
    planted = attackers_new_device(national_admin)

    client.get("/accounts/two-factor/setup/")
    client.post("/accounts/two-factor/setup/", {"token": current_token(planted)})
    admin = client.get("/admin/")

    assert admin.status_code == 302
    assert admin.url.startswith("/accounts/two-factor/verify/")
    assert not TOTPDevice.objects.get(pk=planted.pk).confirmed


def test_password_alone_cannot_remove_the_authenticator(client, police_officer):
    own = TOTPDevice.objects.create(user=police_officer, name="phone", confirmed=True)
    sign_in_with_password(client, police_officer)

    for attempt in (
        client.get("/accounts/two-factor/remove/"),
        client.post("/accounts/two-factor/remove/"),
        client.post("/accounts/two-factor/remove/", {"current_token": current_token(own)}),
    ):
        assert attempt.status_code == 302
        assert attempt.url.startswith("/accounts/two-factor/verify/")

    assert TOTPDevice.objects.filter(pk=own.pk, confirmed=True).exists()
    assert changes_logged(police_officer, AccessAction.REMOVE_AUTHENTICATOR) == 0


def test_only_the_verify_page_is_open_before_the_code(client, police_officer):
    TOTPDevice.objects.create(user=police_officer, name="phone", confirmed=True)
    sign_in_with_password(client, police_officer)

    assert client.get("/accounts/two-factor/verify/").status_code == 200
    for path in ("/accounts/profile/", "/accounts/password/change/", "/reports/"):
        assert client.get(path).url.startswith("/accounts/two-factor/verify/"), path


def test_a_verified_session_still_needs_the_current_code_to_replace_it(client, district_official):
    own = sign_in_verified(client, district_official)
    client.get("/accounts/two-factor/setup/")
    new = TOTPDevice.objects.get(user=district_official, confirmed=False)

    refused = client.post(
        "/accounts/two-factor/setup/", {"current_token": "000000", "token": current_token(new)}
    )

    assert refused.status_code == 200
    assert "not the code your current authenticator app shows" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=own.pk, confirmed=True).exists()
    assert not TOTPDevice.objects.get(pk=new.pk).confirmed


def test_a_verified_session_still_needs_the_current_code_to_remove_it(client, police_officer):
    own = sign_in_verified(client, police_officer)

    refused = client.post("/accounts/two-factor/remove/", {"current_token": "000000"})

    assert refused.status_code == 200
    assert "not the code your current authenticator app shows" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=own.pk, confirmed=True).exists()


# --- The official, holding the phone ----------------------------------------------------------


def test_official_moves_to_a_new_phone_and_is_told(client, district_official, sent):
    own = sign_in_verified(client, district_official)
    assert "current authenticator" in client.get("/accounts/two-factor/setup/").content.decode()
    new = TOTPDevice.objects.get(user=district_official, confirmed=False)

    with sent():
        response = client.post(
            "/accounts/two-factor/setup/",
            {"current_token": next_token(own), "token": current_token(new)},
        )

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=district_official)) == [new]
    assert TOTPDevice.objects.get(pk=new.pk).confirmed
    assert client.get("/accounts/profile/").status_code == 200
    (message,) = mail.outbox
    assert message.to == ["dcpo.khordha@example.gov.in"]
    assert "new authenticator app was set up" in message.body
    assert "dcpo_khordha" in message.body
    entry = AccessLog.objects.get(action=AccessAction.ADD_AUTHENTICATOR)
    assert (entry.user, entry.owner_unit) == (district_official, district_official.unit)


def test_first_authenticator_right_after_the_password_is_told_and_logged(
    client, district_official, sent
):
    sign_in_with_password(client, district_official)
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=district_official)

    with sent():
        client.post("/accounts/two-factor/setup/", {"token": current_token(device)})

    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert len(mail.outbox) == 1
    assert changes_logged(district_official, AccessAction.ADD_AUTHENTICATOR) == 1


def test_officer_turns_two_factor_off_with_the_current_code_and_is_told(
    client, police_officer, sent
):
    own = sign_in_verified(client, police_officer)
    assert "Turn off" in client.get("/accounts/two-factor/remove/").content.decode()

    with sent():
        response = client.post("/accounts/two-factor/remove/", {"current_token": next_token(own)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=police_officer).exists()
    (message,) = mail.outbox
    assert message.to == ["si.nayak@example.gov.in"]
    assert "two-factor sign-in was turned off" in message.body.lower()
    assert changes_logged(police_officer, AccessAction.REMOVE_AUTHENTICATOR) == 1


def test_official_without_e_mail_is_still_logged(client, police_officer, sent):
    police_officer.email = ""
    police_officer.save()
    sign_in_with_password(client, police_officer)
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=police_officer)

    with sent():
        client.post("/accounts/two-factor/setup/", {"token": current_token(device)})

    assert mail.outbox == []
    assert changes_logged(police_officer, AccessAction.ADD_AUTHENTICATOR) == 1
