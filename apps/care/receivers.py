"""A child whose case ended under a report (the matched missing report restored, the found report
closed for what became of the child) leaves care with it, or the home is asked to end the stay."""

from django.contrib.auth import get_user_model
from django.dispatch import receiver

from apps.reports.signals import report_outcome_recorded


@receiver(report_outcome_recorded, dispatch_uid="care.end_stay_with_case")
def end_stay_with_case(sender, report_id, status, closure_reason, changed_by_id, **kwargs):
    from apps.care.services import follow_case_outcome

    follow_case_outcome(
        report_id=report_id,
        report_status=status,
        closure_reason=closure_reason,
        changed_by=get_user_model().objects.get(pk=changed_by_id),
    )
