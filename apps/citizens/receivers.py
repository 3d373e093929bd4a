"""A found child or sighting filed or changed is checked against parents' inquiries still
searching, queued with its save (run once it commits)."""

from django.dispatch import receiver

from apps.outbox.services import enqueue
from apps.reports.signals import report_saved


@receiver(report_saved, dispatch_uid="citizens.check_inquiries")
def queue_inquiries_check(sender, report_id, **kwargs):
    from apps.citizens.tasks import check_inquiries_against_report

    enqueue(check_inquiries_against_report, report_id)
