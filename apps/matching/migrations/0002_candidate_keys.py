"""Posting lists of candidate keys, kept by triggers on reports_report (see CandidateKey)."""

from django.db import migrations, models

# The rows of one report, from a reports_report row `r`: its name keys, and its district
# while it is open.
KEYS_OF = """
    SELECT DISTINCT r.id, key, r.status, r.kind, r.event_at, r.sex, r.age_min, r.age_max,
           r.event_district_id, r.event_state_id
    FROM unnest(
        r.name_keys || CASE WHEN r.status = 'open' AND r.event_district_id IS NOT NULL
                            THEN ARRAY['d:' || r.event_district_id]::varchar[]
                            ELSE '{}'::varchar[] END
    ) AS key
    WHERE key <> ''
"""
COLUMNS = (
    "report_id, key, status, kind, event_at, sex, age_min, age_max, district_id, state_id"
)
WATCHED = (
    "name_keys",
    "status",
    "kind",
    "event_at",
    "sex",
    "age_min",
    "age_max",
    "event_district_id",
    "event_state_id",
)
CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in WATCHED)

TRIGGERS = f"""
CREATE FUNCTION matching_refresh_candidate_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r reports_report;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM matching_candidatekey WHERE report_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        r := NEW;
        INSERT INTO matching_candidatekey ({COLUMNS}) {KEYS_OF};
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER matching_candidate_keys_insert AFTER INSERT ON reports_report
    FOR EACH ROW EXECUTE FUNCTION matching_refresh_candidate_keys();
CREATE TRIGGER matching_candidate_keys_update AFTER UPDATE ON reports_report
    FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION matching_refresh_candidate_keys();
CREATE TRIGGER matching_candidate_keys_delete AFTER DELETE ON reports_report
    FOR EACH ROW EXECUTE FUNCTION matching_refresh_candidate_keys();
"""
DROP_TRIGGERS = """
DROP TRIGGER matching_candidate_keys_insert ON reports_report;
DROP TRIGGER matching_candidate_keys_update ON reports_report;
DROP TRIGGER matching_candidate_keys_delete ON reports_report;
DROP FUNCTION matching_refresh_candidate_keys();
"""
# The reports already stored; the triggers (created first, in the same transaction) hold
# back concurrent changes until this migration commits.
BACKFILL = f"""
INSERT INTO matching_candidatekey ({COLUMNS})
SELECT keys.* FROM reports_report AS r CROSS JOIN LATERAL ({KEYS_OF}) AS keys;
ANALYZE matching_candidatekey;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CandidateKey",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "report_id",
                        "key",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("report_id", models.BigIntegerField()),
                ("key", models.CharField(max_length=48)),
                ("status", models.CharField(max_length=12)),
                ("kind", models.CharField(max_length=10)),
                ("event_at", models.DateTimeField()),
                ("sex", models.CharField(max_length=1)),
                ("age_min", models.SmallIntegerField()),
                ("age_max", models.SmallIntegerField()),
                ("district_id", models.BigIntegerField(null=True)),
                ("state_id", models.BigIntegerField(null=True)),
            ],
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        # Built after the backfill: faster than keeping it up to date row by row.
        migrations.AddIndex(
            model_name="candidatekey",
            index=models.Index(
                fields=["key", "status", "kind", "event_at"],
                include=("sex", "age_min", "age_max", "district_id", "state_id", "report_id"),
                name="candidate_key_lookup",
            ),
        ),
    ]
