import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.alerts import services


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(f"Give the month as YYYY-MM, not {value!r}.") from error


class Command(BaseCommand):
    help = (
        "Compose every district's digest of a month (the last one by default) and send it to "
        "each District Magistrate and Superintendent of Police. Safe to run again: nobody gets "
        "the same month's digest twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", type=_month, default=None, help="YYYY-MM")

    def handle(self, *args, month, **options):
        month = month or services.previous_month(timezone.localdate())
        heads = services.queue_monthly_digests(month=month)
        self.stdout.write(f"Digest of {month:%m/%Y} addressed to {heads} DM and SP offices.")
