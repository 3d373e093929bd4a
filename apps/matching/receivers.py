"""A report filed or changed is queued for matching with its save (run once it commits); a report
closed as a duplicate takes its proposals with it, and the report kept is matched again; a
report whose child's case ended takes its confirmed match along."""

from django.contrib.auth import get_user_model
from django.dispatch import receiver

from apps.outbox.services import enqueue
from apps.reports.signals import (
    face_matching_consent_changed,
    report_closed_as_duplicate,
    report_outcome_recorded,
    report_saved,
    reports_moving_with,
)


@receiver(report_saved, dispatch_uid="matching.queue_report")
def queue_report_for_matching(sender, report_id, **kwargs):
    from apps.matching.tasks import process_report

    enqueue(process_report, report_id)


@receiver(face_matching_consent_changed, dispatch_uid="matching.follow_face_consent")
def follow_face_matching_consent(sender, report_id, refused, **kwargs):
    """Refused, the child's faces go at once (and with them its open faces, by the table's
    trigger); given again, the photos are encoded and the report matched again."""
    from apps.matching.models import FaceEncoding
    from apps.matching.tasks import process_report

    if refused:
        FaceEncoding.objects.filter(report_id=report_id).delete()
    enqueue(process_report, report_id)


@receiver(report_closed_as_duplicate, dispatch_uid="matching.settle_duplicate")
def settle_pairs_of_duplicate(sender, report_id, primary_id, closed_by_id, **kwargs):
    from apps.matching import services
    from apps.matching.tasks import process_report

    services.settle_pairs_of_duplicate(
        report_id=report_id,
        primary_id=primary_id,
        closed_by=get_user_model().objects.get(pk=closed_by_id),
    )
    enqueue(process_report, primary_id)


@receiver(reports_moving_with, dispatch_uid="matching.matched_reports")
def matched_reports(sender, report_id, **kwargs):
    from apps.matching.selectors import confirmed_partners_of

    return confirmed_partners_of(report_id)


@receiver(report_outcome_recorded, dispatch_uid="matching.move_matched_report_along")
def move_matched_report_along(sender, report_id, status, closure_reason, changed_by_id, **kwargs):
    from apps.matching.services import move_matched_reports_along

    move_matched_reports_along(
        report_id=report_id,
        status=status,
        closure_reason=closure_reason,
        changed_by=get_user_model().objects.get(pk=changed_by_id),
    )
