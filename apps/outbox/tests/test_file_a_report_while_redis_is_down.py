"""A police station files a missing child while Redis (the task broker) is down: the page answers
at once, and once Redis is back the sweeper hands over the matching and the alerts, which run
exactly once, however often it sweeps."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection
from django.utils import timezone

from apps.directory.models import UnitType
from apps.matching.models import MatchCandidate
from apps.messaging.models import Message
from apps.outbox import services
from apps.outbox.models import OutboxState, OutboxTask
from apps.outbox.tests.redis_server import REDIS_SERVER, OwnRedis
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data
from trackchild.celery import app

GRP = "9437100001"

pytestmark = pytest.mark.skipif(
    not os.access(REDIS_SERVER, os.X_OK), reason="needs the redis-server binary"
)


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(own_redis, publish_to):
    publish_to(own_redis.url)
    return own_redis


@pytest.fixture
def worker_closes_its_connections():
    """The worker thread gives its database connection back after each task, so that the test
    database can be dropped at the end."""

    def close(**kwargs):
        connection.close()

    task_postrun.connect(close, weak=False)
    yield
    task_postrun.disconnect(close)


@pytest.fixture
def railway_police(make_unit, khordha):
    return make_unit(
        UnitType.RAILWAY_POLICE,
        district=khordha,
        name="GRP Bhubaneswar",
        head_mobile=GRP,
        head_email="grp@example.gov.in",
        head_language="en",
        head_alert_channels="sms",
    )


def wait_until_done(seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while OutboxTask.objects.exclude(state=OutboxState.DONE).exists():
        assert time.monotonic() < deadline, list(OutboxTask.objects.values())
        time.sleep(0.2)


def test_a_report_filed_while_redis_is_down_is_matched_and_alerted_once_it_is_back(
    client,
    transactional_db,
    officer,
    cwc_member,
    file_found,
    railway_police,
    odisha,
    khordha,
    sms_outbox,
    broker,
    worker_closes_its_connections,
):
    app.conf.task_always_eager = True
    file_found(cwc_member, full_name="Priya Sahu", sex="F", age_min="11", age_max="11")
    app.conf.task_always_eager = False
    OutboxTask.objects.all().delete()
    broker.stop()

    client.force_login(officer)
    started = time.monotonic()
    response = client.post("/reports/missing/new/", missing_report_data(odisha, khordha))
    answered_in = time.monotonic() - started

    report = Report.objects.get(kind="missing")
    assert response.status_code == 302
    assert response.url == f"/reports/{report.pk}/"
    assert answered_in < 2
    waiting = OutboxTask.objects.filter(state=OutboxState.PENDING)
    assert sorted(waiting.values_list("task", flat=True)) == [
        "apps.alerts.tasks.alert_new_report",
        "apps.citizens.tasks.tell_family_about_missing_child",
        "apps.matching.tasks.process_report",
    ]
    assert not MatchCandidate.objects.exists()

    broker.start()
    OutboxTask.objects.update(next_attempt_at=timezone.now())  # three minutes later
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        assert services.sweep() == 3
        wait_until_done()
        OutboxTask.objects.update(next_attempt_at=timezone.now())
        assert services.sweep() == 0

    assert MatchCandidate.objects.filter(missing=report).count() == 1
    (alert,) = Message.objects.filter(recipient=GRP)
    assert report.case_number in alert.text
    assert alert.status == "sent"
    assert [sms.to for sms in sms_outbox].count(GRP) == 1
