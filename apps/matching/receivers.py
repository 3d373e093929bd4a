"""A report filed or changed is queued for matching with its save (run once it commits)."""

from django.dispatch import receiver

from apps.outbox.services import enqueue
from apps.reports.signals import report_saved


@receiver(report_saved, dispatch_uid="matching.queue_report")
def queue_report_for_matching(sender, report_id, **kwargs):
    from apps.matching.tasks import process_report

    enqueue(process_report, report_id)
