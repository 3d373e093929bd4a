from celery import Task

from apps.outbox.models import OutboxState, OutboxTask


def is_waiting(task: Task, *args) -> bool:
    """The task with these arguments is recorded and not done yet."""
    return (
        OutboxTask.objects.filter(task=task.name, args=list(args))
        .exclude(state=OutboxState.DONE)
        .exists()
    )
