"""Thin Celery wrappers; each is safe to run twice (see apps.audit.services)."""

from datetime import date

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from apps.audit import partitions, services
from apps.core.months import months_before


@shared_task(acks_late=True)
def make_access_log_months() -> list[str]:
    """Daily: the access log's partitions for this month and the months ahead. Run twice, the
    second makes nothing; missed for weeks, entries wait in the default partition and move."""
    return partitions.make_months_ahead(months=settings.ACCESS_LOG_MONTHS_AHEAD)


@shared_task(acks_late=True)
def send_monthly_access_flags(month: str = "") -> int:
    """Beat runs it on the first of the month and the two days after (a missed day is made up;
    what is written is never written again) for the month before; `month` is YYYY-MM-01."""
    first_day = date.fromisoformat(month) if month else months_before(timezone.localdate(), 1)
    return services.queue_monthly_access_flags(month=first_day)
