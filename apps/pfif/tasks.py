"""Thin Celery wrapper; safe to run twice (a finished import does nothing, a broken-off one
resumes after its last saved batch)."""

from celery import shared_task

from apps.pfif import services


@shared_task(acks_late=True)
def import_received_file(received_id: int) -> int:
    return services.import_received(received_id).persons_done
