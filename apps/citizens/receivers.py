"""A found child or sighting filed or changed is checked against parents' inquiries still
searching, queued with its save (run once it commits)."""

from django.dispatch import receiver

from apps.matching.selectors import FOUND_SIDE
from apps.outbox.services import enqueue
from apps.reports.models import Report
from apps.reports.signals import report_saved


@receiver(report_saved, dispatch_uid="citizens.check_inquiries")
def queue_inquiries_check(sender, report_id, **kwargs):
    from apps.citizens.tasks import check_inquiries_against_report

    # A missing child answers no inquiry: no task for it (a report's kind never changes).
    if Report.objects.filter(pk=report_id, kind__in=FOUND_SIDE).exists():
        enqueue(check_inquiries_against_report, report_id)
