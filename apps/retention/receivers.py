from django.dispatch import receiver

from apps.citizens.signals import erasure_granted
from apps.retention.services import minimise_cases


@receiver(erasure_granted, dispatch_uid="retention.minimise_erased_report")
def minimise_erased_report(sender, report_id, **kwargs):
    """A family's erasure, granted by the owning unit: the report loses its photos, contacts and
    addresses at once, as a case closed long ago does (in the same transaction)."""
    minimise_cases([report_id])
