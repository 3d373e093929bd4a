"""Tasks queued by the portal are run by a Celery worker on the configured broker (Redis in CI)."""

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from apps.accounts.tasks import clear_expired_sessions
from apps.core.health import HEARTBEAT_KEY, queue_names
from apps.messaging.tasks import MAX_RETRY_DELAY
from trackchild.celery import app


@pytest.fixture
def queued_tasks():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_worker_takes_a_queued_task_and_returns_its_result(transactional_db, queued_tasks):
    assert app.conf.broker_url == (settings.REDIS_URL or "memory://")
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        result = clear_expired_sessions.delay()
        assert result.get(timeout=60) == 0
        assert result.state == "SUCCESS"


def test_beat_schedule_names_tasks_that_exist():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.skipif(not settings.REDIS_URL, reason="heartbeats live in Redis: set REDIS_URL")
def test_a_running_worker_makes_healthz_answer_200(client, transactional_db, queued_tasks):
    redis.Redis.from_url(settings.REDIS_URL).delete(
        *[HEARTBEAT_KEY.format(queue=queue) for queue in queue_names()]
    )
    assert client.get("/healthz/").status_code == 503
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        response = client.get("/healthz/")
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("apps.messaging.tasks.send_message", "messaging"),
        ("apps.matching.tasks.process_report", "matching"),
        ("apps.citizens.tasks.answer_inquiry", "matching"),
        ("apps.bulk.tasks.process_upload", "bulk"),
        ("apps.pfif.tasks.import_received_file", "bulk"),
        ("apps.dashboards.tasks.refresh_dashboard_figures", "default"),
    ],
)
def test_each_kind_of_work_has_its_own_queue(task, queue):
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_every_task_is_stopped_before_the_broker_hands_it_to_another_worker():
    app.loader.import_default_modules()
    limits = [
        (app.tasks[name].soft_time_limit, app.tasks[name].time_limit)
        for name in app.tasks
        if name.startswith("apps.")
    ]
    longest = max(hard or app.conf.task_time_limit for _, hard in limits)
    assert all((soft or app.conf.task_soft_time_limit) < (hard or longest) for soft, hard in limits)
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert longest < visibility <= 30 * 60
    assert visibility > MAX_RETRY_DELAY


def test_a_message_is_never_taken_over_from_a_worker_still_sending_it():
    app.loader.import_default_modules()
    send_message = app.tasks["apps.messaging.tasks.send_message"]
    assert send_message.time_limit < settings.SMS_SENDING_LEASE_SECONDS
