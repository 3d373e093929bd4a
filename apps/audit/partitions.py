"""The access log is one PostgreSQL table partitioned by month of `at` (India time): a month's
entries are one table, so the review reads only the months it asks for and the retention rule
drops a whole month at once instead of deleting millions of rows one by one.

Months are made ahead of time by a daily task; an entry whose month has no partition yet goes to
the default partition and moves to its month's partition when that is made, so nothing is lost
while the task has not run."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from apps.core.days import start_of
from apps.core.months import months_before

PARENT = "audit_accesslog"
DEFAULT = f"{PARENT}_default"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime | date) -> "Month":
        if isinstance(moment, datetime):
            moment = timezone.localtime(moment)
        return cls(moment.year, moment.month)

    def plus(self, months: int) -> "Month":
        return Month.of(months_before(self.first_day, -months))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def starts(self) -> datetime:
        return start_of(self.first_day)

    @property
    def table(self) -> str:
        return f"{PARENT}_{self.year:04d}_{self.month:02d}"


def month_partitions() -> dict[str, Month]:
    """The monthly partitions that exist now, by table name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child.relname FROM pg_inherits "
            "JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
            "WHERE pg_inherits.inhparent = %s::regclass",
            [PARENT],
        )
        names = [row[0] for row in cursor.fetchall()]
    prefix = f"{PARENT}_"
    return {
        name: Month(int(name[-7:-3]), int(name[-2:]))
        for name in names
        if name != DEFAULT and name.startswith(prefix)
    }


def make_month(month: Month) -> bool:
    """Make one month's partition, moving into it any of its entries the default partition
    caught; False when it already existed."""
    if month.table in month_partitions():
        return False
    quote = connection.ops.quote_name
    bounds = [month.starts, month.plus(1).starts]
    with transaction.atomic(), connection.cursor() as cursor:
        # Entries written meanwhile wait for the lock rather than land where they would block
        # the month from being attached.
        cursor.execute(f"LOCK TABLE {quote(DEFAULT)} IN ACCESS EXCLUSIVE MODE")
        cursor.execute(
            f"CREATE TABLE {quote(month.table)} "
            f"(LIKE {quote(PARENT)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        move = (
            f"WITH moved AS (DELETE FROM {quote(DEFAULT)} WHERE at >= %s AND at < %s "  # noqa: S608 - names are this module's
            f"RETURNING *) INSERT INTO {quote(month.table)} SELECT * FROM moved"
        )
        cursor.execute(move, bounds)
        cursor.execute(
            f"ALTER TABLE {quote(PARENT)} ATTACH PARTITION {quote(month.table)} "
            "FOR VALUES FROM (%s) TO (%s)",
            bounds,
        )
    return True


def make_months_ahead(*, months: int, now: datetime | None = None, since=None) -> list[str]:
    """Each month from that of `since` (this month by default) to `months` after this one: the
    names of the partitions made now."""
    this_month = Month.of(now or timezone.now())
    month, last = (Month.of(since) if since else this_month), this_month.plus(months)
    made = []
    while month <= last:
        if make_month(month):
            made.append(month.table)
        month = month.plus(1)
    return made


def drop_months_before(cutoff: datetime) -> int:
    """Drop each month that ended by `cutoff`; the number of entries dropped with them."""
    last_whole = Month.of(cutoff).plus(-1)
    expired = [name for name, month in month_partitions().items() if month <= last_whole]
    quote = connection.ops.quote_name
    dropped = 0
    with transaction.atomic(), connection.cursor() as cursor:
        # A table with foreign-key checks still pending in this transaction cannot be dropped.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in sorted(expired):
            cursor.execute(f"SELECT count(*) FROM {quote(name)}")  # noqa: S608 - a partition's name
            dropped += cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE {quote(name)}")
    return dropped
