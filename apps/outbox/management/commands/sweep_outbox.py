"""Hand over background work not done in time, as the sweeper beat runs every minute does.

    python manage.py sweep_outbox

Safe at any time, also while beat's sweeper runs (each row is taken by one sweep only).
"""

from django.core.management.base import BaseCommand

from apps.outbox.models import OutboxState, OutboxTask
from apps.outbox.services import sweep


class Command(BaseCommand):
    help = "Hand background work not done in time to the workers again (the sweeper, by hand)."

    def handle(self, *args, **options):
        handed = sweep()
        waiting = OutboxTask.objects.exclude(state=OutboxState.DONE).count()
        self.stdout.write(f"{handed} background tasks handed over; {waiting} not done yet.")
