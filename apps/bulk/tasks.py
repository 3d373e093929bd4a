"""Thin Celery wrapper; safe to run twice (imported references are skipped)."""

from celery import shared_task

from apps.bulk import services


@shared_task(acks_late=True)
def process_upload(upload_id: int) -> int:
    return services.import_upload_rows(upload_id).rows_imported
