"""An official who leaves the portal idle is signed out, and the stale session is cleared away."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_officer(client, make_official, make_unit, khordha):
    officer = make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))
    client.force_login(officer)
    return officer


def test_each_request_pushes_the_idle_deadline_forward(client, signed_in_officer):
    session = Session.objects.get()
    session.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    session.save()

    client.get("/accounts/profile/")

    renewed = Session.objects.get().expire_date - timezone.now()
    assert renewed > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_official_idle_past_the_limit_must_sign_in_again(client, signed_in_officer):
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_periodic_task_removes_expired_sessions_and_keeps_live_ones(client, signed_in_officer):
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - datetime.timedelta(1)
    )

    removed = clear_expired_sessions.delay().get()

    assert removed == 1
    assert Session.objects.count() == 1
    assert clear_expired_sessions.delay().get() == 0
