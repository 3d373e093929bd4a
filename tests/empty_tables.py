"""After a transactional test (live server, browser, worker, two connections at once), empty
only the tables the test filled, row by row, instead of Django's flush.

Django's flush TRUNCATEs every table of every model, about eighty, then re-creates the content
types and permissions: 2-3 s a test on PostgreSQL, most of it giving each table new files, some
two and a half minutes of the suite's time over its ~80 transactional tests. A test fills a
dozen tables with a few rows; deleting those rows leaves the database as the flush would (every
model's table empty; the content types and permissions, which the flush would re-create as they
were, kept with their ids), in a fraction of the time. The foreign keys Django makes are
deferrable, so the order of the DELETEs does not matter: they are checked once, at the end.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.test import TransactionTestCase

# What the flush's post_migrate signal would put back as it was.
KEPT = frozenset({ContentType._meta.db_table, Permission._meta.db_table})

django_flush = TransactionTestCase._fixture_teardown


def empty_filled_tables(connection) -> list[str]:
    """Delete every row of every model's table but the kept ones; returns the tables emptied."""
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        - KEPT
    )
    quote = connection.ops.quote_name
    # Table names come from the models, never from a test's data.
    probe = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
        for table in tables
    )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(probe, tables)
        filled = [table for (table,) in cursor.fetchall()]
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in filled:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
    return filled


def _fixture_teardown(self):
    # A test that flushes only some apps, or restores serialized data, keeps Django's own way.
    if self.available_apps is not None or self.serialized_rollback:
        return django_flush(self)
    for alias in self._databases_names(include_mirrors=False):
        if connections[alias].vendor != "postgresql":
            return django_flush(self)
    for alias in self._databases_names(include_mirrors=False):
        empty_filled_tables(connections[alias])
    return None


@pytest.fixture(autouse=True, scope="session")
def empty_only_the_filled_tables():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield
