"""The access log becomes a table partitioned by month of `at` (apps.audit.partitions).

PostgreSQL wants the partition key in the primary key, so the key becomes (id, at); ids still
come from one sequence, so each stays unique. The entries already logged are copied over, and
the indexes and foreign keys Django made are made again under the same names, so later
migrations find them. Django's model of the table does not change."""

from django.db import migrations

from apps.audit.partitions import DEFAULT, PARENT, make_months_ahead

OLD = f"{PARENT}_before_partitioning"
MONTHS_AHEAD = 3


def partition(apps, schema_editor):
    cursor = schema_editor.connection.cursor()
    cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [PARENT])
    # Migrated back to 0003 and forward again, the table is partitioned already.
    if not cursor.fetchone():
        convert_to_partitioned(cursor)
    cursor.execute(f"SELECT min(at) FROM {PARENT}")
    make_months_ahead(months=MONTHS_AHEAD, since=cursor.fetchone()[0])


def convert_to_partitioned(cursor):
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
        [PARENT, f"{PARENT}_pkey"],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [PARENT],
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(f"ALTER TABLE {PARENT} RENAME TO {OLD}")
    cursor.execute(
        f"CREATE TABLE {PARENT} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
        "PARTITION BY RANGE (at)"
    )
    cursor.execute(f"CREATE TABLE {DEFAULT} PARTITION OF {PARENT} DEFAULT")
    cursor.execute(f"INSERT INTO {PARENT} SELECT * FROM {OLD}")
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {OLD}")
    next_id = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {OLD}")
    cursor.execute(f"CREATE SEQUENCE {PARENT}_id_seq OWNED BY {PARENT}.id START {next_id}")
    cursor.execute(f"ALTER TABLE {PARENT} ALTER id SET DEFAULT nextval('{PARENT}_id_seq')")
    cursor.execute(f"ALTER TABLE {PARENT} ADD CONSTRAINT {PARENT}_pkey PRIMARY KEY (id, at)")
    for definition in indexes:
        cursor.execute(definition)
    for name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {PARENT} ADD CONSTRAINT {name} {definition}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_access_review_fields")]

    operations = [
        # Back to 0003 the partitioned table serves the same model: nothing to undo.
        migrations.RunPython(partition, migrations.RunPython.noop),
    ]
