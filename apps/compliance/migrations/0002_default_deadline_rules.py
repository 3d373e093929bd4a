"""The national defaults of the time-bound upload protocol; administrators change them in admin."""

from django.db import migrations

DEFAULT_ALLOWED_HOURS = {
    "production": 24,  # found child produced before the CWC / JJB within 24 hours of being found
    "admission": 24,  # admission recorded within 24 hours of the child arriving
    "care_plan": 30 * 24,  # Individual Care Plan within 30 days of arrival
    "progress": 90 * 24,  # a progress report every 90 days
    "plan_review": 24,  # overdue from the day after the care plan's review date
    "order": 7 * 24,  # CWC / JJB order within 7 days of arrival
    "found_filing": 24,  # found report filed by police within 24 hours of recovery
}


def add_defaults(apps, schema_editor):
    DeadlineRule = apps.get_model("compliance", "DeadlineRule")
    for event, hours in DEFAULT_ALLOWED_HOURS.items():
        DeadlineRule.objects.get_or_create(event=event, defaults={"allowed_hours": hours})


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
