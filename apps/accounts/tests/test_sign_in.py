"""An official signs in; someone guessing passwords is locked out."""

import pytest
from django.conf import settings

from apps.accounts.models import Role
from conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_officer(make_official, make_unit, khordha):
    return make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))


def test_police_officer_signs_in_and_lands_on_home(client, police_officer):
    response = client.post(
        "/accounts/login/", {"username": "si_nayak", "password": STRONG_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == police_officer
    assert "si_nayak" in response.content.decode()


def test_wrong_password_is_refused_with_a_message(client, police_officer):
    response = client.post("/accounts/login/", {"username": "si_nayak", "password": "wrong"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert "correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, police_officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "si_nayak", "password": "guess"})

    response = client.post(
        "/accounts/login/", {"username": "si_nayak", "password": STRONG_PASSWORD}
    )

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_touch_another_official(client, police_officer, make_official):
    make_official("si_other", Role.POLICE_OFFICER, unit=police_officer.unit)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "si_nayak", "password": "guess"})

    response = client.post(
        "/accounts/login/", {"username": "si_other", "password": STRONG_PASSWORD}
    )

    assert response.status_code == 302


def test_signing_out_needs_a_post_and_ends_the_session(client, police_officer):
    client.force_login(police_officer)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
