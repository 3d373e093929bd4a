"""Days and months of India's time as the instants they begin at: the bounds by which counts
"of a day" or "of a month" filter a timestamp (`created_at`, an access log's `at`)."""

from datetime import date, datetime, time

from django.utils import timezone

from apps.core.months import months_before


def start_of(day: date) -> datetime:
    """The first instant of `day`, India time (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of the month (its first day) and of the next one."""
    return start_of(month), start_of(months_before(month, -1))
