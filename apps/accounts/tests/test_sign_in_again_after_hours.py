"""However busy an official is, the session ends SESSION_MAX_HOURS after signing in, so a stolen
session cookie cannot be kept alive by using it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.sessions import SIGNED_IN_AT
from conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_official, make_unit, khordha):
    return make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))


def signed_in_hours_ago(client, hours):
    session = client.session
    session[SIGNED_IN_AT] = (timezone.now() - timedelta(hours=hours)).timestamp()
    session.save()


def test_officer_signed_in_longer_than_the_limit_must_sign_in_again(client, officer, settings):
    settings.SESSION_MAX_HOURS = 12
    client.force_login(officer)
    signed_in_hours_ago(client, 12.1)

    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    login_page = client.get(response.url).content.decode()
    assert "Your session has ended" in login_page


def test_officer_within_the_limit_keeps_working(client, officer, settings):
    settings.SESSION_MAX_HOURS = 12
    client.force_login(officer)
    signed_in_hours_ago(client, 11.9)

    assert client.get("/accounts/profile/").status_code == 200


def test_session_that_does_not_say_when_it_signed_in_is_ended(client, officer):
    client.force_login(officer)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()

    assert client.get("/accounts/profile/").url.startswith("/accounts/login/")


def test_signing_in_with_the_password_starts_the_clock(client, officer):
    before = timezone.now().timestamp()
    client.post("/accounts/login/", {"username": "si_nayak", "password": STRONG_PASSWORD})

    assert client.session[SIGNED_IN_AT] >= before
    assert client.get("/accounts/profile/").status_code == 200
