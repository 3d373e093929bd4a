"""Description postings for nameless children, kept by triggers on reports_report (see
DescriptionPosting)."""

import django.contrib.postgres.fields
import django.contrib.postgres.search
from django.db import migrations, models

# The row of one open report, from a reports_report row `r`.
ROW_OF = """
    SELECT r.id, r.kind, r.sex, r.event_at, r.age_min, r.age_max, r.event_district_id,
           r.event_state_id, r.height_cm,
           ARRAY(SELECT DISTINCT code
                 FROM unnest(r.languages || ARRAY[r.mother_tongue, r.told_language]) AS code
                 WHERE code <> '')::varchar[],
           r.marks_search, cardinality(r.name_keys) > 0
    WHERE r.status = 'open'
"""
COLUMNS = (
    "report_id, kind, sex, event_at, age_min, age_max, district_id, state_id, height_cm, "
    "languages, marks, named"
)
WATCHED = (
    "status",
    "kind",
    "sex",
    "event_at",
    "age_min",
    "age_max",
    "event_district_id",
    "event_state_id",
    "height_cm",
    "languages",
    "mother_tongue",
    "told_language",
    "marks_search",
    "name_keys",
)
CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in WATCHED)

TRIGGERS = f"""
CREATE FUNCTION matching_refresh_description() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r reports_report;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM matching_descriptionposting WHERE report_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        r := NEW;
        INSERT INTO matching_descriptionposting ({COLUMNS}) {ROW_OF};
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER matching_description_insert AFTER INSERT ON reports_report
    FOR EACH ROW EXECUTE FUNCTION matching_refresh_description();
CREATE TRIGGER matching_description_update AFTER UPDATE ON reports_report
    FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION matching_refresh_description();
CREATE TRIGGER matching_description_delete AFTER DELETE ON reports_report
    FOR EACH ROW EXECUTE FUNCTION matching_refresh_description();
"""
DROP_TRIGGERS = """
DROP TRIGGER matching_description_insert ON reports_report;
DROP TRIGGER matching_description_update ON reports_report;
DROP TRIGGER matching_description_delete ON reports_report;
DROP FUNCTION matching_refresh_description();
"""
# The open reports already stored; the triggers (created first, in the same transaction) hold
# back concurrent changes until this migration commits.
BACKFILL = f"""
INSERT INTO matching_descriptionposting ({COLUMNS})
SELECT row.* FROM reports_report AS r CROSS JOIN LATERAL ({ROW_OF}) AS row;
ANALYZE matching_descriptionposting;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_open_faces"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DescriptionPosting",
            fields=[
                ("report_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=10)),
                ("sex", models.CharField(max_length=1)),
                ("event_at", models.DateTimeField()),
                ("age_min", models.SmallIntegerField()),
                ("age_max", models.SmallIntegerField()),
                ("district_id", models.BigIntegerField(null=True)),
                ("state_id", models.BigIntegerField(null=True)),
                ("height_cm", models.SmallIntegerField(null=True)),
                (
                    "languages",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=5), default=list, size=None
                    ),
                ),
                ("marks", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("named", models.BooleanField()),
            ],
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        # Built after the backfill: faster than keeping it up to date row by row.
        migrations.AddIndex(
            model_name="descriptionposting",
            index=models.Index(
                fields=["kind", "sex", "event_at"],
                include=(
                    "age_min",
                    "age_max",
                    "district_id",
                    "state_id",
                    "height_cm",
                    "languages",
                    "marks",
                    "named",
                    "report_id",
                ),
                name="description_lookup",
            ),
        ),
        migrations.AddIndex(
            model_name="descriptionposting",
            index=models.Index(
                fields=["kind", "state_id", "sex", "event_at"],
                include=(
                    "age_min",
                    "age_max",
                    "district_id",
                    "height_cm",
                    "languages",
                    "marks",
                    "named",
                    "report_id",
                ),
                name="description_state_lookup",
            ),
        ),
    ]
