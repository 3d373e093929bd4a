"""A report filed or changed is queued for matching once its transaction has committed."""

from django.dispatch import receiver

from apps.reports.signals import report_saved


@receiver(report_saved, dispatch_uid="matching.queue_report")
def queue_report_for_matching(sender, report_id, **kwargs):
    from apps.matching.tasks import process_report

    process_report.delay(report_id)
