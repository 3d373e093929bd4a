"""An official whose password was stored with PBKDF2 (before Argon2id) signs in as always, and the
portal re-hashes the password with Argon2id on the way; a wrong password changes nothing."""

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import Role, User
from apps.directory.models import UnitType
from conftest import STRONG_PASSWORD, current_token
from trackchild import settings as production_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_hashers():
    """The test settings hash with MD5 for speed; these tests need the production hashers."""
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        yield


@pytest.fixture
def official_with_pbkdf2_password(make_official, make_unit, khordha):
    official = make_official(
        "dcpo_khordha", Role.DISTRICT_OFFICIAL, unit=make_unit(UnitType.DCPU, district=khordha)
    )
    User.objects.filter(pk=official.pk).update(
        password=make_password(STRONG_PASSWORD, hasher="pbkdf2_sha256")
    )
    TOTPDevice.objects.create(user=official, name="phone", confirmed=True)
    return official


def stored_hash(official):
    return User.objects.get(pk=official.pk).password


def test_official_with_a_pbkdf2_password_signs_in_and_gets_an_argon2id_hash(
    client, official_with_pbkdf2_password
):
    assert stored_hash(official_with_pbkdf2_password).startswith("pbkdf2_sha256$")

    client.post("/accounts/login/", {"username": "dcpo_khordha", "password": STRONG_PASSWORD})
    device = TOTPDevice.objects.get(user=official_with_pbkdf2_password)
    client.post("/accounts/two-factor/verify/", {"token": current_token(device)})

    assert client.get("/accounts/profile/").status_code == 200
    upgraded = stored_hash(official_with_pbkdf2_password)
    assert upgraded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password(STRONG_PASSWORD, upgraded)


def test_wrong_password_neither_signs_in_nor_touches_the_stored_hash(
    client, official_with_pbkdf2_password
):
    before = stored_hash(official_with_pbkdf2_password)

    response = client.post(
        "/accounts/login/", {"username": "dcpo_khordha", "password": "Not-The-Password-1"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert stored_hash(official_with_pbkdf2_password) == before


def test_new_passwords_are_hashed_with_argon2id(make_official, make_unit, khordha):
    officer = make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))

    assert stored_hash(officer).startswith("argon2$argon2id$")
