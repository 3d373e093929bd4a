"""Bringing the dashboards' figures up to date, in one transaction.

Each summary table is recounted from the large tables in one set-based statement into a
temporary table; rows that changed are written with INSERT … ON CONFLICT DO UPDATE, rows of
areas and months that no longer have any are deleted, and unchanged rows are left alone (so a
refresh every few minutes leaves few dead rows behind). Safe to run twice: an advisory lock makes
two refreshes (the beat job and an operator's command) take turns, and a second run at the same
moment writes nothing.
"""

from dataclasses import dataclass
from datetime import datetime
from time import perf_counter

from django.db import connection, transaction
from django.utils import timezone

from apps.dashboards.models import FiguresRefresh
from apps.dashboards.tallies import ALL_TALLIES, TallyQuery

# Any fixed number, distinct from the other jobs' locks.
LOCK_KEY = 8_0001
FRESH = "dashboard_fresh_tally"
WORK_MEM = "128MB"


@dataclass(frozen=True)
class Refresh:
    refreshed_at: datetime
    seconds: float
    written: int
    deleted: int


@transaction.atomic
def recount_dashboard_figures(*, now: datetime | None = None) -> Refresh:
    """Recount every dashboard figure as of `now`."""
    started = perf_counter()
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        # Counting two million reports by area, month, sex and age band sorts in memory with
        # this much, on disk with PostgreSQL's default of 4 MB.
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
    written = deleted = 0
    for tallies in ALL_TALLIES:
        changed, removed = _replace_rows(tallies(now))
        written += changed
        deleted += removed
    seconds = perf_counter() - started
    FiguresRefresh.objects.update_or_create(
        pk=1, defaults={"refreshed_at": now, "seconds": seconds}
    )
    return Refresh(refreshed_at=now, seconds=seconds, written=written, deleted=deleted)


def _replace_rows(query: TallyQuery) -> tuple[int, int]:
    """Make the model's table hold exactly the rows `query` counts; return (written, deleted)."""
    quote = connection.ops.quote_name
    table = quote(query.model._meta.db_table)
    keys = ["scope", "area_id", *query.keys]
    values = ["parent_id", *query.measures]
    columns = ", ".join(quote(name) for name in [*keys, *values])
    old = ", ".join(f"{table}.{quote(name)}" for name in values)
    new = ", ".join(f"EXCLUDED.{quote(name)}" for name in values)
    same_key = " AND ".join(f"fresh.{quote(name)} = {table}.{quote(name)}" for name in keys)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FRESH}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {FRESH} ON COMMIT DROP AS {query.sql}", query.params
        )
        cursor.execute(
            # Only rows that are new or differ reach ON CONFLICT: comparing whole sets by
            # hashing is much faster than looking each row up in the unique index.
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {FRESH} "  # noqa: S608 - names are the models'
            f"EXCEPT SELECT {columns} FROM {table} "
            f"ON CONFLICT ({', '.join(quote(name) for name in keys)}) DO UPDATE "
            f"SET ({', '.join(quote(name) for name in values)}) = ROW({new}) "
            f"WHERE ({old}) IS DISTINCT FROM ({new})"
        )
        written = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {table} WHERE NOT EXISTS "  # noqa: S608 - names are the models'
            f"(SELECT 1 FROM {FRESH} AS fresh WHERE {same_key})"
        )
        return written, cursor.rowcount
