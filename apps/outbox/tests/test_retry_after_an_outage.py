"""PostgreSQL restarts or Redis goes away while a worker runs a task: the task runs again, after
a wait that grows, and does its work once."""

import pytest
from django.db import InterfaceError, OperationalError

from apps.alerts import tasks as alert_tasks
from apps.core.outages import OUTAGE_ERRORS
from trackchild.celery import app

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("outage", [OperationalError, InterfaceError])
def test_a_task_that_met_a_database_outage_runs_again(monkeypatch, retries_run_inline, outage):
    calls = []

    def alert(*, report_id):
        calls.append(report_id)
        if len(calls) == 1:
            raise outage("server closed the connection unexpectedly")

    monkeypatch.setattr(alert_tasks.services, "queue_new_report_alerts", alert)

    result = alert_tasks.alert_new_report.apply(args=[7])

    assert result.successful()
    assert calls == [7, 7]


def test_every_task_retries_outages_within_the_brokers_visibility_timeout():
    app.loader.import_default_modules()
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    for name, task in app.tasks.items():
        if name.startswith("apps."):
            assert set(OUTAGE_ERRORS) <= set(task.autoretry_for), name
            assert task.retry_backoff, name
            assert task.retry_backoff_max < visibility, name
