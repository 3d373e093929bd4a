"""Alerts react to reports, matches and overdue complaints: queued with their save, sent once
it commits."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import receiver

from apps.compliance.choices import Event
from apps.compliance.signals import overdue_items_found
from apps.grievances.signals import grievances_escalated
from apps.matching.signals import match_proposed
from apps.outbox.services import enqueue
from apps.reports.signals import report_closed_as_duplicate, report_saved

_muted = ContextVar("alerts_muted", default=False)


@contextmanager
def alerts_muted():
    """For loading history (the demo data): reports that are not news alert nobody."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


@receiver(report_saved, dispatch_uid="alerts.new_report")
def alert_on_new_report(sender, report_id, created, **kwargs):
    from apps.alerts.tasks import alert_new_report

    if created and not _muted.get():
        enqueue(alert_new_report, report_id)


@receiver(match_proposed, dispatch_uid="alerts.strong_match")
def alert_on_proposed_match(sender, candidate_id, **kwargs):
    from apps.alerts.tasks import alert_strong_match

    if not _muted.get():
        enqueue(alert_strong_match, candidate_id)


@receiver(report_closed_as_duplicate, dispatch_uid="alerts.duplicate_closed")
def alert_on_duplicate_closed(sender, report_id, **kwargs):
    from apps.alerts.tasks import alert_duplicate_closed

    if not _muted.get():
        enqueue(alert_duplicate_closed, report_id)


@receiver(overdue_items_found, dispatch_uid="alerts.unanswered_complaints")
def alert_on_unanswered_complaints(sender, event, detected_at, **kwargs):
    from apps.alerts.tasks import alert_unanswered_complaints

    if event == Event.COMPLAINT and not _muted.get():
        enqueue(alert_unanswered_complaints, detected_at.isoformat())


@receiver(grievances_escalated, dispatch_uid="alerts.escalated_grievances")
def alert_on_escalated_grievances(sender, escalated_at, **kwargs):
    from apps.alerts.tasks import alert_escalated_grievances

    if not _muted.get():
        enqueue(alert_escalated_grievances, escalated_at.isoformat())
