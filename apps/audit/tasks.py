from celery import shared_task
from django.conf import settings

from apps.audit import partitions


@shared_task(acks_late=True)
def make_access_log_months() -> list[str]:
    """Daily: the access log's partitions for this month and the months ahead. Run twice, the
    second makes nothing; missed for weeks, entries wait in the default partition and move."""
    return partitions.make_months_ahead(months=settings.ACCESS_LOG_MONTHS_AHEAD)
