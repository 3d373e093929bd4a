"""Apply the retention rules now, as the nightly job does.

    python manage.py apply_retention            # remove and minimise, and record the run
    python manage.py apply_retention --dry-run  # only count what would go; changes nothing

No time limit here, unlike the nightly task: the first run on a large old database goes here.
"""

import getpass

from django.core.management.base import BaseCommand

from apps.retention import services
from apps.retention.rules import RULE_CHOICES


class Command(BaseCommand):
    help = "Apply the retention rules now (the nightly job, by hand); --dry-run only counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be removed; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        labels = dict(RULE_CHOICES)
        if dry_run:
            for rule, count in services.count_due().items():
                self.stdout.write(f"{count} would go: {labels[rule]}")
            return
        run = services.apply_retention(started_by=f"command ({getpass.getuser()})")
        for outcome in run.outcomes.all():
            self.stdout.write(f"{outcome.removed} removed: {labels[outcome.rule]}")
        self.stdout.write(f"Recorded as retention run {run.pk}.")
