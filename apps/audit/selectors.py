"""Reading the access log: state and national officials, for their own jurisdiction only."""

from django.db.models import Q

from apps.accounts.jurisdiction import Jurisdiction
from apps.accounts.models import Level
from apps.audit.models import AccessLog

AUDIT_READER_LEVELS = frozenset({Level.STATE, Level.NATION})


def can_read_access_log(user) -> bool:
    return user.is_authenticated and getattr(user, "level", None) in AUDIT_READER_LEVELS


def access_log_for(user, *, username: str = "", record_label: str = ""):
    """Entries about records owned in the reader's jurisdiction, or made by its officials."""
    if not can_read_access_log(user):
        return AccessLog.objects.none()
    entries = AccessLog.objects.select_related("user_unit", "owner_unit")
    lookups = Jurisdiction.of(user).lookups("owner_unit")
    if lookups:
        by_reader = Jurisdiction.of(user).lookups("user_unit")
        entries = entries.filter(Q(**lookups) | Q(**by_reader))
    if username:
        entries = entries.filter(username__iexact=username.strip())
    if record_label:
        entries = entries.filter(record_label__icontains=record_label.strip())
    return entries
