"""Compute overdue items and every unit's compliance figures now, as the daily job does.

    python manage.py compute_overdue

Safe to run at any time, also while the beat job runs (the two take turns).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.compliance.services import recompute_compliance


class Command(BaseCommand):
    help = "Compute overdue items and unit compliance figures now (the daily job, by hand)."

    def handle(self, *args, **options):
        result = recompute_compliance()
        as_of = timezone.localtime(result.computed_at)
        self.stdout.write(
            f"{result.created} new overdue items, {result.resolved} resolved, {result.open} open; "
            f"figures of {result.units} units as of {as_of:%Y-%m-%d %H:%M}."
        )
