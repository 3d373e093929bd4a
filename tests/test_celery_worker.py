"""Tasks queued by the portal are run by a Celery worker on the configured broker (Redis in CI)."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from apps.accounts.tasks import clear_expired_sessions
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
