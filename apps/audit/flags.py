"""Unusual use of the portal, read from the access log: what the access review shows State and
national officials and what each State's nodal officer gets by e-mail every month.

A flag is one official on one day (India time): more than ACCESS_REVIEW_OUTSIDE_PER_DAY records
opened outside their jurisdiction, at least ACCESS_REVIEW_NIGHT_SEARCHES searches at night, or
exports of more than ACCESS_REVIEW_LARGE_EXPORT_ROWS rows. Each kind is one aggregate query
(GROUP BY official and day) over one month's entries, always a range on `at`, so that a log
partitioned by month is read in one or two partitions.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import models
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate, TruncTime
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.audit.models import AccessAction, AccessLog
from apps.core.days import month_bounds
from apps.directory.models import Unit

# Reads of one child's record: the full record, its tracing summary, its photo.
RECORD_READS = (AccessAction.VIEW_RECORD, AccessAction.VIEW_SUMMARY, AccessAction.VIEW_PHOTO)
GROUPED_BY = ("user_id", "username", "user_unit_id", "day")


class FlagKind(models.TextChoices):
    OUTSIDE = "outside", _("Records opened outside their jurisdiction")
    NIGHT_SEARCHES = "night_searches", _("Searches at night")
    LARGE_EXPORTS = "large_exports", _("Large exports")


@dataclass
class Flag:
    kind: FlagKind
    day: date
    user_id: int
    username: str
    user_unit_id: int | None
    count: int
    # The local time of each night search, the rows of each large export, in order.
    times: list[time] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    official: object = None
    unit: Unit | None = None

    @property
    def log_url(self) -> str:
        """The access log of this official's entries behind the flag."""
        last_day = (
            self.day + timedelta(days=1) if self.kind == FlagKind.NIGHT_SEARCHES else self.day
        )
        query = {
            "username": self.username,
            "since": self.day.isoformat(),
            "until": last_day.isoformat(),
        }
        if self.kind in _LOGGED_AS:
            query["action"] = _LOGGED_AS[self.kind].value
        return f"{reverse('audit:access_log')}?{urlencode(query)}"


_LOGGED_AS = {
    FlagKind.NIGHT_SEARCHES: AccessAction.SEARCH,
    FlagKind.LARGE_EXPORTS: AccessAction.EXPORT,
}


def thresholds() -> dict:
    """What makes a flag, as the review page and the e-mail state it."""
    return {
        "outside_per_day": settings.ACCESS_REVIEW_OUTSIDE_PER_DAY,
        "night_searches": settings.ACCESS_REVIEW_NIGHT_SEARCHES,
        "night_start": settings.ACCESS_REVIEW_NIGHT_START,
        "night_end": settings.ACCESS_REVIEW_NIGHT_END,
        "large_export_rows": settings.ACCESS_REVIEW_LARGE_EXPORT_ROWS,
    }


def india_time() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def unusual_use(month: date, *, where: Q | None = None) -> list[Flag]:
    """Every flag of the month (its first day) among the entries `where` keeps, by day and
    official, with each official and their unit (its district and State/UT) loaded."""
    start, end = month_bounds(month)
    entries = AccessLog.objects.filter(at__gte=start, at__lt=end, user__isnull=False)
    if where is not None:
        entries = entries.filter(where)
    flags = [*_outside(entries), *_night_searches(entries), *_large_exports(entries)]
    _load_people(flags)
    flags.sort(key=lambda flag: (flag.day, flag.username, flag.kind))
    return flags


def _by_official_and_day(entries, day):
    return entries.annotate(day=day).values(*GROUPED_BY).order_by()


def _outside(entries) -> list[Flag]:
    groups = (
        _by_official_and_day(
            entries.filter(action__in=RECORD_READS, outside_jurisdiction=True),
            TruncDate("at", tzinfo=india_time()),
        )
        .annotate(count=Count("pk"))
        .filter(count__gt=settings.ACCESS_REVIEW_OUTSIDE_PER_DAY)
    )
    return [Flag(FlagKind.OUTSIDE, **group) for group in groups]


def _night_searches(entries) -> list[Flag]:
    start, end = settings.ACCESS_REVIEW_NIGHT_START, settings.ACCESS_REVIEW_NIGHT_END
    local_time = TruncTime("at", tzinfo=india_time())
    if start > end:  # the night passes midnight: its morning hours count for the day before
        at_night = Q(local_time__gte=start) | Q(local_time__lt=end)
        since_nightfall = timedelta(hours=end.hour, minutes=end.minute)
    else:
        at_night = Q(local_time__gte=start, local_time__lt=end)
        since_nightfall = timedelta(0)
    night_of = TruncDate(
        ExpressionWrapper(F("at") - since_nightfall, output_field=DateTimeField()),
        tzinfo=india_time(),
    )
    searches = entries.filter(action=AccessAction.SEARCH).annotate(local_time=local_time)
    groups = (
        _by_official_and_day(searches.filter(at_night), night_of)
        .annotate(count=Count("pk"), times=ArrayAgg(local_time, order_by="at"))
        .filter(count__gte=settings.ACCESS_REVIEW_NIGHT_SEARCHES)
    )
    return [Flag(FlagKind.NIGHT_SEARCHES, **group) for group in groups]


def _large_exports(entries) -> list[Flag]:
    groups = _by_official_and_day(
        entries.filter(
            action=AccessAction.EXPORT, rows__gt=settings.ACCESS_REVIEW_LARGE_EXPORT_ROWS
        ),
        TruncDate("at", tzinfo=india_time()),
    ).annotate(count=Count("pk"), rows=ArrayAgg("rows", order_by="at"))
    return [Flag(FlagKind.LARGE_EXPORTS, **group) for group in groups]


def _load_people(flags: list[Flag]) -> None:
    """Each flag's official and unit, in two queries for all the flags."""
    officials = get_user_model().objects.in_bulk({flag.user_id for flag in flags})
    units = Unit.objects.select_related("district", "state").in_bulk(
        {flag.user_unit_id for flag in flags if flag.user_unit_id}
    )
    for flag in flags:
        flag.official = officials.get(flag.user_id)
        flag.unit = units.get(flag.user_unit_id)
