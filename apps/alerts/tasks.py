"""Thin Celery wrappers; each is safe to run twice (see apps.alerts.services)."""

from datetime import date, datetime, timedelta

from celery import shared_task
from django.utils import timezone

from apps.alerts import services


@shared_task(acks_late=True)
def send_monthly_digests(month: str = "") -> int:
    """Beat runs it on the digest day and the two days after (a missed day is made up; what
    is written is never written again) for the month before; `month` is YYYY-MM-01."""
    if month:
        first_day = date.fromisoformat(month)
    else:
        first_day = services.previous_month(timezone.localdate())
    return services.queue_monthly_digests(month=first_day)


@shared_task(acks_late=True)
def alert_new_report(report_id: int) -> None:
    services.queue_new_report_alerts(report_id=report_id)


@shared_task(acks_late=True)
def alert_strong_match(candidate_id: int) -> bool:
    return services.queue_strong_match_alerts(candidate_id=candidate_id)


@shared_task(acks_late=True)
def alert_duplicate_closed(report_id: int) -> bool:
    return services.queue_duplicate_closed_alerts(report_id=report_id)


@shared_task(acks_late=True)
def alert_overdue_work() -> int:
    return services.queue_overdue_work_alerts(day=timezone.localdate())


@shared_task(acks_late=True)
def alert_unanswered_complaints(detected_at: str) -> int:
    """`detected_at`: the ISO moment of the computation that found the complaints overdue."""
    return services.queue_unanswered_complaint_alerts(
        detected_at=datetime.fromisoformat(detected_at)
    )


@shared_task(acks_late=True)
def alert_escalated_grievances(escalated_at: str) -> int:
    """`escalated_at`: the ISO moment the grievances went up a level."""
    return services.queue_escalated_grievance_alerts(
        escalated_at=datetime.fromisoformat(escalated_at)
    )


@shared_task(acks_late=True)
def send_daily_bulletins(day: str = "") -> int:
    """Beat runs it every morning for the day before; `day` is YYYY-MM-DD."""
    bulletin_day = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return services.queue_daily_bulletins(day=bulletin_day)
