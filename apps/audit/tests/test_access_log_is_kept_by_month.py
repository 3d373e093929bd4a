"""An operator's story: the access log is one table per month, prepared ahead by a daily task;
an entry written for a month nobody prepared waits in the default table and moves when its month
is made; the retention rule drops whole months past the legal period."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.audit import partitions, tasks
from apps.audit.models import AccessAction, AccessLog
from apps.retention import rules, services

pytestmark = pytest.mark.django_db


def table_of(entry: AccessLog) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM audit_accesslog WHERE id = %s", [entry.pk]
        )
        return cursor.fetchone()[0]


def entry_at(moment: datetime) -> AccessLog:
    entry = AccessLog.objects.create(username="asha", action=AccessAction.SEARCH)
    AccessLog.objects.filter(pk=entry.pk).update(at=moment)
    return entry


def india(year, month, day, hour=12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def test_an_entry_lands_in_the_table_of_its_month_in_india_time(settings):
    tasks.make_access_log_months()
    this_month = partitions.Month.of(timezone.now())

    assert table_of(AccessLog.objects.create(username="asha", action=AccessAction.SEARCH)) == (
        this_month.table
    )
    # 1 January 00:30 in India is still 31 December in UTC: it belongs to January.
    new_year = partitions.Month(this_month.year + 1, 1)
    partitions.make_month(new_year)
    assert table_of(entry_at(india(new_year.year, 1, 1, hour=0) + timedelta(minutes=30))) == (
        new_year.table
    )


def test_the_daily_task_prepares_the_months_ahead_once(settings):
    settings.ACCESS_LOG_MONTHS_AHEAD = 5
    this_month = partitions.Month.of(timezone.now())

    tasks.make_access_log_months()

    existing = partitions.month_partitions()
    for ahead in range(6):
        assert this_month.plus(ahead).table in existing
    assert tasks.make_access_log_months() == []


def test_entries_of_a_month_not_yet_prepared_wait_and_move_when_it_is_made():
    far = partitions.Month.of(timezone.now()).plus(30)
    waiting = entry_at(far.starts + timedelta(days=3))
    assert table_of(waiting) == partitions.DEFAULT

    assert partitions.make_month(far) is True

    assert table_of(waiting) == far.table
    assert AccessLog.objects.filter(pk=waiting.pk).exists()
    assert partitions.make_month(far) is False


def test_retention_drops_whole_months_past_the_legal_period_and_counts_them(settings):
    settings.RETENTION_ACCESS_LOG_DAYS = 400
    now = timezone.now()
    old_month = partitions.Month.of(now - timedelta(days=500))
    partitions.make_months_ahead(months=0, since=now - timedelta(days=500))
    old = [entry_at(old_month.starts + timedelta(days=day)) for day in (1, 2, 3)]
    straddling = entry_at(now - timedelta(days=401))
    kept = entry_at(now - timedelta(days=10))

    run = services.apply_retention(started_by="test", now=now)

    assert old_month.table not in partitions.month_partitions()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AccessLog.objects.filter(pk__in=[e.pk for e in [*old, straddling]]).exists()
    assert run.outcomes.get(rule=rules.ACCESS_LOG).removed == 4
