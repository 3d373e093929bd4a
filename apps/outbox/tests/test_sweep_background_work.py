"""The sweeper hands over background work that is not done: again and again, waiting twice as
long each time, never while a long task may still be running, and never work already done."""

from datetime import timedelta

import pytest
from celery import states
from celery.exceptions import Retry
from celery.signals import task_postrun
from django.core.management import call_command
from django.db.models import F
from django.test import TestCase
from django.utils import timezone

from apps.alerts import tasks as alert_tasks
from apps.bulk.tasks import process_upload
from apps.messaging.tasks import send_message
from apps.outbox import services
from apps.outbox.models import OutboxState, OutboxTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_alerts(monkeypatch):
    """The alert task fails (its gateway or a bug) until the test says otherwise."""
    calls = []

    def alert(*, report_id):
        calls.append(report_id)
        if len(calls) <= failing_alerts_count[0]:
            raise ValueError("still failing")

    failing_alerts_count = [99]
    monkeypatch.setattr(alert_tasks.services, "queue_new_report_alerts", alert)
    return calls, failing_alerts_count


def record(task, *args) -> OutboxTask:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.enqueue(task, *args)


def sweep_when_due(row: OutboxTask) -> timedelta:
    """Sweep once the row is due; returns how long it will wait for the next hand-over."""
    OutboxTask.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    before = timezone.now()
    services.sweep()
    row.refresh_from_db()
    return row.next_attempt_at - before


def test_failing_work_is_handed_over_again_waiting_longer_each_time(failing_alerts):
    calls, _failing = failing_alerts
    row = record(alert_tasks.alert_new_report, 7)
    assert row.next_attempt_at - row.created_at == pytest.approx(
        timedelta(minutes=3), abs=timedelta(seconds=5)
    )

    waits = [round(sweep_when_due(row).total_seconds() / 60) for _ in range(5)]

    assert waits == [6, 12, 24, 30, 30]
    assert len(calls) == 6
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.PENDING, 5)
    assert "still failing" in row.last_error


def test_work_done_at_last_is_never_handed_over_again(failing_alerts):
    calls, failing = failing_alerts
    failing[0] = 1
    row = record(alert_tasks.alert_new_report, 7)

    sweep_when_due(row)
    OutboxTask.objects.update(next_attempt_at=timezone.now())
    call_command("sweep_outbox")

    row.refresh_from_db()
    assert row.state == OutboxState.DONE
    assert calls == [7, 7]


def test_a_sweep_before_the_row_is_due_hands_over_nothing(failing_alerts):
    calls, _failing = failing_alerts
    record(alert_tasks.alert_new_report, 7)

    assert services.sweep() == 0
    assert len(calls) == 1


def test_an_upload_is_not_handed_over_again_while_it_may_still_run():
    with TestCase.captureOnCommitCallbacks(execute=False):
        row = services.enqueue(process_upload, 12345)

    assert row.next_attempt_at - row.created_at >= timedelta(seconds=900)


def test_work_done_a_week_ago_is_forgotten():
    with TestCase.captureOnCommitCallbacks(execute=False):
        old = services.enqueue(alert_tasks.alert_new_report, 1)
        recent = services.enqueue(alert_tasks.alert_new_report, 2)
    OutboxTask.objects.update(state=OutboxState.DONE, done_at=timezone.now())
    OutboxTask.objects.filter(pk=old.pk).update(done_at=timezone.now() - timedelta(days=8))

    services.sweep()

    assert list(OutboxTask.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_message_waiting_for_its_own_retry_is_left_to_it():
    """The gateway failed and the SMS task will try again in 15 minutes: the sweeper must not send
    a second copy on its way meanwhile."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        row = services.enqueue(send_message, 1)
    task_postrun.send(
        sender=send_message,
        task_id=f"outbox-{row.pk}",
        task=send_message,
        args=[1],
        kwargs={},
        retval=Retry(when=15 * 60),
        state=states.RETRY,
    )

    row.refresh_from_db()
    assert row.next_attempt_at - timezone.now() > timedelta(minutes=17)
    OutboxTask.objects.update(next_attempt_at=F("next_attempt_at") - timedelta(minutes=15))
    assert services.sweep() == 0
