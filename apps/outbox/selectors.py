from datetime import timedelta

from celery import Task
from django.db.models import Count
from django.utils import timezone

from apps.outbox.models import OutboxState, OutboxTask

# The sweeper runs every minute: a row still waiting this long after its time was not swept.
OVERDUE_AFTER_MINUTES = 5


def is_waiting(task: Task, *args) -> bool:
    """The task with these arguments is recorded and not done yet. Asked for every report page
    (is matching still to run?): the states not done are named, so the lookup reads the few
    rows waiting through the outbox_due index instead of every row done in the last days."""
    waiting = [OutboxState.PENDING, OutboxState.HANDED]
    return OutboxTask.objects.filter(state__in=waiting, task=task.name, args=list(args)).exists()


def waiting_by_state() -> dict[str, int]:
    """Rows not done, by state (pending: never reached the broker; handed: not finished)."""
    rows = (
        OutboxTask.objects.exclude(state=OutboxState.DONE)
        .order_by()
        .values_list("state")
        .annotate(count=Count("pk"))
    )
    return {state: dict(rows).get(state, 0) for state in (OutboxState.PENDING, OutboxState.HANDED)}


def overdue_count() -> int:
    """Rows the sweeper should have handed over minutes ago: beat or the broker is not working."""
    since = timezone.now() - timedelta(minutes=OVERDUE_AFTER_MINUTES)
    return (
        OutboxTask.objects.exclude(state=OutboxState.DONE).filter(next_attempt_at__lt=since).count()
    )
