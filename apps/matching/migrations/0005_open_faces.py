"""The open faces every new photo is searched against, kept by triggers (see OpenFace); with a
pgvector column and HNSW indexes where the server has the extension."""

from django.db import DatabaseError, migrations, models, transaction

# A row of one photo: its report's side, and whether it is searched (an open report, a usable
# face of 128 numbers).
SEARCHED = (
    "r.status = 'open' AND f.status IN ('ok', 'several_faces') "
    "AND cardinality(f.encoding) = 128"
)
SIDE = "CASE WHEN r.kind = 'missing' THEN 'missing' ELSE 'found' END"
XID = "pg_current_xact_id()::text::bigint"


def rows_of(where: str, *, vectors: bool) -> str:
    """INSERT of the rows of the photos with an encoding that `where` selects, replacing
    the rows stored before."""
    embedding = f", CASE WHEN {SEARCHED} THEN f.encoding::vector(128) END" if vectors else ""
    return f"""
    INSERT INTO matching_openface (photo_id, report_id, side, open, changed_xid
                                   {", embedding" if vectors else ""})
    SELECT f.photo_id, f.report_id, {SIDE}, {SEARCHED}, {XID} {embedding}
    FROM matching_faceencoding AS f JOIN reports_report AS r ON r.id = f.report_id
    WHERE {where}
    ON CONFLICT (photo_id) DO UPDATE SET
        report_id = EXCLUDED.report_id, side = EXCLUDED.side, open = EXCLUDED.open,
        changed_xid = EXCLUDED.changed_xid {", embedding = EXCLUDED.embedding" if vectors else ""}
    """


def triggers(*, vectors: bool) -> str:
    """A report's rows are written anew whenever one of its faces, or its status or kind,
    changes; the rows of photos no longer there are closed."""
    cleared = ", embedding = NULL" if vectors else ""
    return f"""
CREATE FUNCTION matching_refresh_open_faces(the_report bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE matching_openface SET open = false, changed_xid = {XID} {cleared}
    WHERE report_id = the_report AND photo_id NOT IN (
        SELECT photo_id FROM matching_faceencoding WHERE report_id = the_report
    );
    {rows_of("f.report_id = the_report", vectors=vectors)};
END
$$;
CREATE FUNCTION matching_open_faces_of_face() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM matching_refresh_open_faces(OLD.report_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.report_id <> OLD.report_id) THEN
        PERFORM matching_refresh_open_faces(NEW.report_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION matching_open_faces_of_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE matching_openface SET open = false, changed_xid = {XID} {cleared}
        WHERE report_id = OLD.id AND open;
    ELSE
        PERFORM matching_refresh_open_faces(NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER matching_open_faces_of_face AFTER INSERT OR UPDATE OR DELETE
    ON matching_faceencoding FOR EACH ROW EXECUTE FUNCTION matching_open_faces_of_face();
CREATE TRIGGER matching_open_faces_of_report_update AFTER UPDATE ON reports_report FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION matching_open_faces_of_report();
CREATE TRIGGER matching_open_faces_of_report_delete AFTER DELETE ON reports_report
    FOR EACH ROW EXECUTE FUNCTION matching_open_faces_of_report();
"""


DROP_TRIGGERS = """
DROP TRIGGER matching_open_faces_of_face ON matching_faceencoding;
DROP TRIGGER matching_open_faces_of_report_update ON reports_report;
DROP TRIGGER matching_open_faces_of_report_delete ON reports_report;
DROP FUNCTION matching_open_faces_of_face();
DROP FUNCTION matching_open_faces_of_report();
DROP FUNCTION matching_refresh_open_faces(bigint);
"""

# One HNSW index per side, of the open faces only: the search asks for one side's open faces,
# which these partial indexes hold exactly. L2 distance, as the engine measures faces.
VECTOR_INDEXES = """
CREATE INDEX matching_openface_missing_hnsw ON matching_openface
    USING hnsw (embedding vector_l2_ops) WHERE open AND side = 'missing';
CREATE INDEX matching_openface_found_hnsw ON matching_openface
    USING hnsw (embedding vector_l2_ops) WHERE open AND side = 'found';
"""


def enable_pgvector(connection) -> bool:
    """True when the vector type with HNSW indexes is usable in this database: the extension
    is installed already, or is available and this user may create it (a superuser, as the
    compose file's and the embedded server's are). Otherwise faces are searched by the
    worker (apps/matching/face_index.py)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')"
        )
        if not cursor.fetchone()[0]:
            return False
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        except DatabaseError:
            return False  # no right to create it: the worker's search serves instead
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_am WHERE amname = 'hnsw')")
        return cursor.fetchone()[0]  # pgvector 0.5 and later


def install(apps, schema_editor):
    vectors = enable_pgvector(schema_editor.connection)
    if vectors:
        schema_editor.execute("ALTER TABLE matching_openface ADD COLUMN embedding vector(128)")
    schema_editor.execute(triggers(vectors=vectors))
    # The faces already stored; the triggers (created first, in the same transaction) hold
    # back concurrent changes until this migration commits.
    schema_editor.execute(rows_of("TRUE", vectors=vectors))
    # Built after the rows: faster than keeping them up to date row by row.
    if vectors:
        schema_editor.execute(VECTOR_INDEXES)
    schema_editor.execute("ANALYZE matching_openface")


def uninstall(apps, schema_editor):
    schema_editor.execute(DROP_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_found_side_agreement"),
        ("reports", "0005_report_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="OpenFace",
            fields=[
                ("photo_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("report_id", models.BigIntegerField(db_index=True)),
                ("side", models.CharField(max_length=7)),
                ("open", models.BooleanField()),
                ("changed_xid", models.BigIntegerField(db_index=True)),
            ],
        ),
        migrations.RunPython(install, uninstall),
    ]
