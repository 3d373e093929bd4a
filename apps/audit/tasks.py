"""Thin Celery wrappers; each is safe to run twice (see apps.audit.services)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from apps.audit import services
from apps.core.months import months_before


@shared_task(acks_late=True)
def send_monthly_access_flags(month: str = "") -> int:
    """Beat runs it on the first of the month for the month before; `month` is YYYY-MM-01."""
    first_day = date.fromisoformat(month) if month else months_before(timezone.localdate(), 1)
    return services.queue_monthly_access_flags(month=first_day)
