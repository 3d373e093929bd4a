"""Prometheus scrapes /metrics with its token (or from an allowed address on the internal
network); everyone else is refused. It finds request latency by view, task runs by name, SMS by
status, match candidates and queue lengths."""

import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from apps.accounts.tasks import clear_expired_sessions
from apps.messaging.models import Message, MessageStatus
from trackchild.celery import app

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-for-tests"


@pytest.fixture(autouse=True)
def scraper_settings(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.20.0.0/16"]


def scrape(client) -> dict:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def sample(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_prometheus_sees_the_latency_of_a_view_and_the_runs_of_a_task(client):
    before = scrape(client)

    client.get("/")
    clear_expired_sessions.delay()

    after = scrape(client)
    latency = "trackchild_http_request_duration_seconds_count"
    assert sample(after, latency, view="portal:home", method="GET") == (
        sample(before, latency, view="portal:home", method="GET") + 1
    )
    runs = "trackchild_celery_tasks_total"
    task = "apps.accounts.tasks.clear_expired_sessions"
    assert sample(after, runs, task=task, state="success") == (
        sample(before, runs, task=task, state="success") + 1
    )


def test_sms_are_counted_by_status_at_scrape_time(client):
    for number, status in enumerate(
        [MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.QUEUED, MessageStatus.QUEUED]
    ):
        Message.objects.create(
            dedupe_key=f"test:{number}",
            channel="sms",
            recipient="+919861055555",
            template="verification_code",
            language="en",
            text="Your code is 123456",
            status=status,
        )

    samples = scrape(client)

    assert sample(samples, "trackchild_sms_messages", status="sent") == 1
    assert sample(samples, "trackchild_sms_messages", status="failed") == 1
    assert sample(samples, "trackchild_sms_messages", status="queued") == 2
    assert sample(samples, "trackchild_match_candidates", kind="match", status="proposed") == 0


@pytest.mark.skipif(not settings.REDIS_URL, reason="queue lengths are read from Redis")
def test_a_task_waiting_on_the_broker_shows_in_its_queue_length(client, queued_tasks):
    queue = app.conf.task_default_queue
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
        clear_expired_sessions.delay()

        waiting = sample(scrape(client), "trackchild_celery_queue_length", queue=queue)

        connection.default_channel.queue_purge(queue)
    assert waiting == 1


def test_metrics_are_refused_without_the_token(client):
    assert client.get("/metrics").status_code == 403
    wrong = {"Authorization": "Bearer guessed-token"}
    assert client.get("/metrics", headers=wrong).status_code == 403
    basic = {"Authorization": f"Basic {TOKEN}"}
    assert client.get("/metrics", headers=basic).status_code == 403


def test_an_allowed_address_may_scrape_but_not_through_the_proxy(client):
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403
    through_proxy = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4", headers=through_proxy).status_code == 403


def test_nobody_may_scrape_when_neither_token_nor_addresses_are_set(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", []

    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 403
