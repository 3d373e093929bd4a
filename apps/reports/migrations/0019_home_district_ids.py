"""Where each report's child is from (Report.home_district_ids), for the reports already stored:
a missing child's districts straight from its columns, a found child's from what she told."""

import django.contrib.postgres.fields
from django.db import migrations, models

from apps.names.places import PlaceNames

MISSING_HOMES = """
UPDATE reports_report SET home_district_ids = ARRAY(
    SELECT DISTINCT district FROM unnest(
        ARRAY[event_district_id, permanent_district_id, present_district_id]
    ) AS district
    WHERE district IS NOT NULL ORDER BY district
)
WHERE kind = 'missing'
"""
BATCH = 2000


def told_homes(apps, schema_editor):
    District = apps.get_model("directory", "District")
    State = apps.get_model("directory", "State")
    Report = apps.get_model("reports", "Report")
    columns = ["name_en"] + [
        field.name
        for field in State._meta.fields
        if field.name.startswith("name_") and field.name != "name_en"
    ]
    names = PlaceNames(
        District.objects.values_list("pk", "name_en", "state_id"),
        ((row[0], row[1:]) for row in State.objects.values_list("pk", *columns)),
    )
    told = Report.objects.exclude(kind="missing").exclude(told_home_place="")
    changed = []
    for report in told.only("pk", "told_home_place").iterator(chunk_size=BATCH):
        report.home_district_ids = sorted(names.find(report.told_home_place).districts)
        if report.home_district_ids:
            changed.append(report)
        if len(changed) >= BATCH:
            Report.objects.bulk_update(changed, ["home_district_ids"])
            changed = []
    Report.objects.bulk_update(changed, ["home_district_ids"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_scheduled_languages"),
        ("reports", "0018_foreign_found_children_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="home_district_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(MISSING_HOMES, migrations.RunSQL.noop),
        migrations.RunPython(told_homes, migrations.RunPython.noop),
    ]
