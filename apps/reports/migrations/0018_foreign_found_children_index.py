# Built without locking out the reports being filed meanwhile: the table holds millions.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reports", "0017_language_choices_follow_the_shipped_list"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(
                condition=models.Q(
                    ("kind", "found"), models.Q(("nationality__in", ["", "IN"]), _negated=True)
                ),
                fields=["owning_unit"],
                name="report_foreign_found",
            ),
        ),
    ]
