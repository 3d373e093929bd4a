"""Reading the access log: state and national officials, for their own jurisdiction only."""

from datetime import date, timedelta

from django.db.models import Q

from apps.accounts.jurisdiction import Jurisdiction
from apps.accounts.models import Level
from apps.audit.flags import Flag, unusual_use
from apps.audit.models import AccessLog
from apps.core.days import start_of

AUDIT_READER_LEVELS = frozenset({Level.STATE, Level.NATION})


def can_read_access_log(user) -> bool:
    return user.is_authenticated and getattr(user, "level", None) in AUDIT_READER_LEVELS


def reviews_every_state(user) -> bool:
    """National officials review all States/UTs (and may pick one); State officials their own."""
    return can_read_access_log(user) and user.level == Level.NATION


def access_log_for(
    user,
    *,
    username: str = "",
    record_label: str = "",
    action: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """Entries about records owned in the reader's jurisdiction, or made by its officials;
    `since` and `until` are days, India time, both included."""
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
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(at__gte=start_of(since))
    if until:
        entries = entries.filter(at__lt=start_of(until + timedelta(days=1)))
    return entries


def unusual_use_for(user, *, month: date, state=None) -> list[Flag]:
    """The month's flags of officials whose unit lies in the reviewer's jurisdiction (a State
    official's State/UT, all of India for national officials), of `state` when one is picked."""
    if not can_read_access_log(user):
        return []
    where = Q(**Jurisdiction.of(user).lookups("user_unit"))
    if state is not None:
        where &= Q(user_unit__state=state)
    return unusual_use(month, where=where)
