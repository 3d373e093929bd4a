"""Thin Celery wrapper; safe to run twice (see apps.grievances.services)."""

from celery import shared_task

from apps.grievances import services


@shared_task(acks_late=True)
def escalate_grievances() -> int:
    """The hourly job: grievances unanswered past their level's deadline go up a level."""
    return services.escalate_overdue()
