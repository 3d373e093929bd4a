"""An official who leaves the portal idle is signed out, one who keeps working is not, and the
session row is written only when its idle deadline is due to move, not on every request; the stale
session is cleared away."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.sessions import RENEWED_AT, SIGNED_IN_AT
from apps.accounts.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_officer(client, make_official, make_unit, khordha, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    officer = make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))
    client.force_login(officer)
    return officer


def let_time_pass(client, minutes):
    """As if `minutes` went by since the last request: the session's expiry and the times it
    keeps move that far into the past."""
    delta = datetime.timedelta(minutes=minutes)
    row = Session.objects.get(session_key=client.session.session_key)
    data = row.get_decoded()
    for stamp in (SIGNED_IN_AT, RENEWED_AT):
        data[stamp] -= delta.total_seconds()
    Session.objects.filter(pk=row.pk).update(
        session_data=Session.objects.encode(data), expire_date=row.expire_date - delta
    )


def session_writes(client, path="/accounts/profile/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "django_session"')]


def test_official_idle_past_the_limit_must_sign_in_again(client, signed_in_officer):
    let_time_pass(client, minutes=31)

    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_official_working_every_few_minutes_for_longer_than_the_limit_stays_signed_in(
    client, signed_in_officer
):
    for _ in range(20):  # 100 minutes, more than three times the idle limit
        let_time_pass(client, minutes=5)
        assert client.get("/accounts/profile/").status_code == 200


def test_requests_in_quick_succession_do_not_write_the_session(client, signed_in_officer):
    assert session_writes(client) == []
    assert session_writes(client) == []


def test_request_after_a_tenth_of_the_idle_time_pushes_the_deadline_forward(
    client, signed_in_officer
):
    let_time_pass(client, minutes=4)

    assert len(session_writes(client)) == 1
    renewed = Session.objects.get().expire_date - timezone.now()
    assert renewed > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert session_writes(client) == []


def test_periodic_task_removes_expired_sessions_and_keeps_live_ones(client, signed_in_officer):
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - datetime.timedelta(1)
    )

    removed = clear_expired_sessions.delay().get()

    assert removed == 1
    assert Session.objects.count() == 1
    assert clear_expired_sessions.delay().get() == 0
