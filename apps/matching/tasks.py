"""Thin Celery wrappers; each is safe to run twice (encodings and pairs are stored once)."""

from celery import shared_task
from django.utils import timezone

from apps.matching import services
from apps.outbox.services import enqueue
from apps.reports.models import Report


@shared_task(acks_late=True)
def process_report(report_id: int) -> int:
    """Encode the report's new photos, then match it; returns how many pairs are proposed."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return 0
    services.encode_faces(report)
    return len(services.match_report(report_id))


@shared_task
def rematch_open_reports() -> int:
    report_ids = services.reports_to_rematch(timezone.localdate())
    for report_id in report_ids:
        enqueue(process_report, report_id)
    return len(report_ids)
