from celery import shared_task

from apps.outbox import services


@shared_task
def sweep_outbox() -> int:
    """Beat runs it every minute: background work not done in time is handed over again."""
    return services.sweep()
