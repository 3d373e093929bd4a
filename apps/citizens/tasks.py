from celery import shared_task

from apps.citizens import services


@shared_task(acks_late=True)
def answer_inquiry(citizen_report_id: int) -> int:
    """Match a parent's inquiry against found children; returns how many may match."""
    return len(services.answer_inquiry(citizen_report_id).possible_matches)
