"""Bring the dashboards' figures up to date now, as the job every few minutes does.

    python manage.py refresh_dashboards

Safe to run at any time, also while the beat job runs (the two take turns).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.dashboards.services import recount_dashboard_figures


class Command(BaseCommand):
    help = "Recount the dashboards' figures now (the job every few minutes, by hand)."

    def handle(self, *args, **options):
        result = recount_dashboard_figures()
        as_of = timezone.localtime(result.refreshed_at)
        self.stdout.write(
            f"Dashboard figures as of {as_of:%d/%m/%Y %H:%M} in {result.seconds:.1f} s: "
            f"{result.written:,} rows written, {result.deleted:,} removed."
        )
