"""Background work that a save needs: written in the save's transaction (`enqueue`), handed to
Celery once it commits, and handed again by the sweeper until the task reports it done.

With the broker down the save still commits and the page answers at once: the row waits as
pending and the sweeper hands it over when the broker is back. Every task handed over this way
must be safe to run twice (a worker killed mid-task, or a sweep while it was still queued)."""

import logging
import time
from datetime import datetime, timedelta

import kombu.exceptions
import redis.exceptions
from celery import Task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.outbox.models import OutboxState, OutboxTask
from trackchild.celery import app as celery_app

logger = logging.getLogger(__name__)

BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, OSError)

CELERY_ID_PREFIX = "outbox-"
SWEEP_BATCH = 500
# After the broker failed, a process leaves work for the sweeper this long (or until a hand-over
# succeeds): a page saving several things while Redis is down waits for one connection timeout,
# not one per task.
BROKER_DOWN_PAUSE_SECONDS = 10
_broker_down_until = 0.0


def enqueue(task: Task, *args) -> OutboxTask:
    """Record `task(*args)` with the current transaction and hand it to a worker once it commits
    (run inline when Celery is eager, as in development and tests)."""
    row = OutboxTask.objects.create(
        task=task.name, args=list(args), next_attempt_at=timezone.now() + _wait(task.name, 0)
    )
    row_id = row.pk
    transaction.on_commit(lambda: _hand_over_unless_broker_down(row_id), robust=True)
    return row


def enqueue_many(task: Task, calls: list[tuple]) -> list[OutboxTask]:
    """`enqueue` for many calls of one task (a message to each of thousands of units): one insert
    in the current transaction, handed over together once it commits."""
    first_attempt = timezone.now() + _wait(task.name, 0)
    rows = OutboxTask.objects.bulk_create(
        [
            OutboxTask(task=task.name, args=list(args), next_attempt_at=first_attempt)
            for args in calls
        ]
    )
    row_ids = [row.pk for row in rows]
    if row_ids:
        transaction.on_commit(lambda: _hand_over_all_unless_broker_down(row_ids), robust=True)
    return rows


def _hand_over_all_unless_broker_down(row_ids: list[int]) -> None:
    if time.monotonic() >= _broker_down_until or celery_app.conf.task_always_eager:
        hand_over_all(row_ids)


def hand_over_all(row_ids: list[int]) -> int:
    """hand_over for many rows with two queries in all; stops at the first broker error and
    leaves the rest to the sweeper. Returns how many were handed over."""
    global _broker_down_until
    rows = list(OutboxTask.objects.filter(pk__in=row_ids).exclude(state=OutboxState.DONE))
    handed = []
    for row in rows:
        try:
            import_string(row.task).apply_async(
                row.args, task_id=f"{CELERY_ID_PREFIX}{row.pk}", retry=False, ignore_result=True
            )
        except Exception as error:  # as in hand_over
            logger.warning("background task %s not handed over: %r", row, error)
            OutboxTask.objects.filter(pk=row.pk).update(last_error=repr(error)[:2000])
            if isinstance(error, BROKER_ERRORS):
                _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE_SECONDS
                break
            continue
        handed.append(row.pk)
    if handed:
        _broker_down_until = 0.0
        OutboxTask.objects.filter(pk__in=handed, state=OutboxState.PENDING).update(
            state=OutboxState.HANDED
        )
    return len(handed)


def _hand_over_unless_broker_down(row_id: int) -> None:
    if time.monotonic() >= _broker_down_until or celery_app.conf.task_always_eager:
        hand_over(row_id)


def hand_over(row_id: int) -> bool:
    """Publish the row's task without waiting on a broker that is down; False leaves it for the
    sweeper."""
    global _broker_down_until
    row = OutboxTask.objects.filter(pk=row_id).exclude(state=OutboxState.DONE).first()
    if row is None:
        return False
    try:
        import_string(row.task).apply_async(
            row.args, task_id=f"{CELERY_ID_PREFIX}{row.pk}", retry=False, ignore_result=True
        )
    except Exception as error:  # broker down (or, when eager, the task failed): try again later
        if isinstance(error, BROKER_ERRORS):
            _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE_SECONDS
        logger.warning("background task %s not handed over: %r", row, error)
        OutboxTask.objects.filter(pk=row_id).update(last_error=repr(error)[:2000])
        return False
    _broker_down_until = 0.0
    OutboxTask.objects.filter(pk=row_id, state=OutboxState.PENDING).update(state=OutboxState.HANDED)
    return True


def mark_done(celery_id: str) -> None:
    """Called when a task finished; tasks not written through the outbox are ignored."""
    OutboxTask.objects.filter(pk=_row_id(celery_id)).update(
        state=OutboxState.DONE, done_at=timezone.now(), last_error=""
    )


def postpone(celery_id: str, when: float | datetime) -> None:
    """The task will retry by itself (in `when` seconds, or at `when`): the sweeper leaves it to
    that retry, or one SMS could be on its way twice."""
    now = timezone.now()
    retry_at = when if isinstance(when, datetime) else now + timedelta(seconds=when or 0)
    row = OutboxTask.objects.exclude(state=OutboxState.DONE).filter(pk=_row_id(celery_id)).first()
    if row is not None:
        row.next_attempt_at = max(row.next_attempt_at, retry_at + _wait(row.task, 0))
        row.save(update_fields=["next_attempt_at"])


def _row_id(celery_id: str | None) -> int | None:
    if not (celery_id or "").startswith(CELERY_ID_PREFIX):
        return None
    return int(celery_id.removeprefix(CELERY_ID_PREFIX))


def sweep() -> int:
    """Hand over again every row not done by its next hand-over time, each one's wait doubling;
    forget rows done long ago. Returns how many rows were handed over."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxTask.objects.select_for_update(skip_locked=True)
            .filter(state__in=[OutboxState.PENDING, OutboxState.HANDED], next_attempt_at__lte=now)
            .order_by("next_attempt_at")[:SWEEP_BATCH]
        )
        for row in rows:
            row.attempts += 1
            row.next_attempt_at = now + _wait(row.task, row.attempts)
        OutboxTask.objects.bulk_update(rows, ["attempts", "next_attempt_at"])
    OutboxTask.objects.filter(
        state=OutboxState.DONE, done_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DONE_DAYS)
    ).delete()
    return sum(hand_over(row.pk) for row in rows)


def _wait(task_name: str, attempts: int) -> timedelta:
    """How long a row may stay undone before it is handed over again: never less than the task
    may run (a long upload is not started twice), doubling with each hand-over, capped."""
    longest_run = celery_app.conf.task_annotations.get(task_name, {}).get("time_limit", 0)
    first = max(settings.OUTBOX_RETRY_AFTER_SECONDS, longest_run + 60)
    return timedelta(seconds=min(first * 2**attempts, settings.OUTBOX_RETRY_MAX_SECONDS))
