"""Each open report is also listed under the districts its child is from ("h:<district id>",
Report.home_district_ids): a found child who names home is compared with the missing reports
of that district, and a missing report with the found children who named its districts."""

from importlib import import_module

from django.db import migrations

# As in 0002, with the home districts of an open report.
KEYS_OF = """
    SELECT DISTINCT r.id, key, r.status, r.kind, r.event_at, r.sex, r.age_min, r.age_max,
           r.event_district_id, r.event_state_id
    FROM unnest(
        r.name_keys || CASE WHEN r.status = 'open' AND r.event_district_id IS NOT NULL
                            THEN ARRAY['d:' || r.event_district_id]::varchar[]
                            ELSE '{}'::varchar[] END
                    || CASE WHEN r.status = 'open'
                            THEN ARRAY(SELECT 'h:' || home FROM unnest(r.home_district_ids)
                                       AS home)::varchar[]
                            ELSE '{}'::varchar[] END
    ) AS key
    WHERE key <> ''
"""
FIRST = import_module("apps.matching.migrations.0002_candidate_keys")
PREVIOUS_KEYS_OF, COLUMNS, WATCHED = FIRST.KEYS_OF, FIRST.COLUMNS, FIRST.WATCHED


def _function(keys_of: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION matching_refresh_candidate_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r reports_report;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM matching_candidatekey WHERE report_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        r := NEW;
        INSERT INTO matching_candidatekey ({COLUMNS}) {keys_of};
    END IF;
    RETURN NULL;
END
$$;
"""


def _update_trigger(watched) -> str:
    changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in watched)
    return f"""
DROP TRIGGER matching_candidate_keys_update ON reports_report;
CREATE TRIGGER matching_candidate_keys_update AFTER UPDATE ON reports_report
    FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION matching_refresh_candidate_keys();
"""


FORWARD = _function(KEYS_OF) + _update_trigger((*WATCHED, "home_district_ids"))
BACKWARD = (
    "DELETE FROM matching_candidatekey WHERE key LIKE 'h:%';"
    + _function(PREVIOUS_KEYS_OF)
    + _update_trigger(WATCHED)
)
BACKFILL = f"""
INSERT INTO matching_candidatekey ({COLUMNS})
SELECT r.id, 'h:' || home, r.status, r.kind, r.event_at, r.sex, r.age_min, r.age_max,
       r.event_district_id, r.event_state_id
FROM reports_report AS r CROSS JOIN LATERAL unnest(r.home_district_ids) AS home
WHERE r.status = 'open'
ON CONFLICT DO NOTHING;
ANALYZE matching_candidatekey;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0009_owning_units_of_pairs"),
        ("reports", "0019_home_district_ids"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
