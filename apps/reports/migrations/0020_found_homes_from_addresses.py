"""A found child's or sighting's home (Report.home_district_ids) takes in the districts of the
family's address on the report, as apps.reports.selectors.home_of now reads it. The trigger of
matching 0010 writes the reports' home postings as the column changes."""

from django.db import migrations

FOUND_HOMES_WITH_ADDRESSES = """
UPDATE reports_report SET home_district_ids = ARRAY(
    SELECT DISTINCT district FROM unnest(
        home_district_ids || ARRAY[permanent_district_id, present_district_id]
    ) AS district
    WHERE district IS NOT NULL ORDER BY district
)
WHERE kind <> 'missing'
  AND (permanent_district_id IS NOT NULL OR present_district_id IS NOT NULL)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0010_home_postings"),
        ("reports", "0019_home_district_ids"),
    ]

    # Backwards, the addresses' districts stay until each report is next saved: a home too
    # many finds a candidate more, never one less.
    operations = [migrations.RunSQL(FOUND_HOMES_WITH_ADDRESSES, migrations.RunSQL.noop)]
