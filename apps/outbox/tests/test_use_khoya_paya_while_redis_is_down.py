"""A parent sends a complaint and tracks it while Redis (task broker and rate-limit counters) is
down: every page answers normally and at once, and the verification SMS goes out, once, when
the sweeper runs after Redis is back."""

import time

import pytest
from django.test import TestCase

from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import MOBILE, missing_complaint_data, place
from apps.messaging.models import Message
from apps.outbox import services
from apps.outbox.models import OutboxState, OutboxTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, dead_redis_url, publish_to):
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache.RedisCacheWithLocalFallback",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    publish_to(dead_redis_url)


def timed_post(client, url, data):
    started = time.monotonic()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    return response, time.monotonic() - started


def test_the_complaint_is_taken_and_its_code_sent_once_redis_is_back(
    client, redis_down, capital_ps, khordha, sms_outbox, publish_to
):
    response, seconds = timed_post(
        client, f"/khoya-paya/report/missing/{place(khordha)}", missing_complaint_data(capital_ps)
    )

    complaint = CitizenReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/khoya-paya/verify/{complaint.reference}/"
    assert seconds < 2
    code_sms = Message.objects.get(recipient__endswith=MOBILE[-10:])
    assert code_sms.status == "queued"
    assert OutboxTask.objects.get().state == OutboxState.PENDING
    assert sms_outbox == []

    publish_to(None)  # Redis is back (tasks run in-process here)
    OutboxTask.objects.update(next_attempt_at=code_sms.created_at)  # a few minutes later
    handed = services.sweep()
    OutboxTask.objects.update(next_attempt_at=code_sms.created_at)
    handed_again = services.sweep()

    code_sms.refresh_from_db()
    assert (handed, handed_again) == (1, 0)
    assert code_sms.status == "sent"
    assert [sms.to for sms in sms_outbox] == [code_sms.recipient]


def test_tracking_answers_while_redis_is_down(client, redis_down):
    response, seconds = timed_post(
        client, "/khoya-paya/track/", {"reference": "KP00000000", "mobile": MOBILE}
    )

    assert response.status_code == 200
    assert "No report has this reference number" in response.content.decode()
    assert seconds < 2
