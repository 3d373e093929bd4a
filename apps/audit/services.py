"""Writing the access log (callers pass the request so the entry says where the read came
from), and the monthly e-mail of its unusual use to each State's nodal officer."""

from collections import defaultdict
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import lazy

from apps.accounts.jurisdiction import Jurisdiction
from apps.audit.flags import thresholds, unusual_use
from apps.audit.models import AccessAction, AccessLog
from apps.core.forms import MONTH_FORMAT
from apps.directory.models import State
from apps.messaging.catalogue import ACCESS_REVIEW_FLAGS
from apps.messaging.recipients import state_nodal_officers_by_email
from apps.messaging.services import queue_for


def record_access(
    request,
    *,
    action: AccessAction,
    record=None,
    owner_unit=None,
    detail: str = "",
    rows: int | None = None,
) -> AccessLog:
    user = request.user
    official = user if user.is_authenticated else None
    return AccessLog.objects.create(
        user=official,
        username=user.get_username(),
        user_unit_id=getattr(user, "unit_id", None),
        action=action,
        record_type=record._meta.label_lower if record is not None else "",
        record_id=record.pk if record is not None else None,
        record_label=str(record)[:200] if record is not None else "",
        owner_unit=owner_unit,
        outside_jurisdiction=_outside_jurisdiction(official, owner_unit),
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.headers.get("user-agent", "")[:300],
        detail=detail[:300],
        rows=rows,
    )


def _outside_jurisdiction(official, owner_unit) -> bool:
    """Whether an official opened a record their own jurisdiction does not hold; the public's
    reads are of public notices, never outside anything."""
    if official is None or owner_unit is None:
        return False
    return not Jurisdiction.watching(official).covers_unit(owner_unit)


@transaction.atomic
def queue_monthly_access_flags(*, month: date) -> int:
    """E-mail each State/UT's nodal officer the month's flags of unusual use by the State's
    officials, or that there were none (so they know the review ran). One e-mail per State,
    month and recipient, whatever happens: the messages are written in this one transaction,
    under a key per State and month, so a second run, or a rerun after a worker died, finds them
    written and sends nothing more. Returns how many States/UTs were addressed."""
    flags_by_state = defaultdict(list)
    for flag in unusual_use(month):
        if flag.unit is not None and flag.unit.state_id is not None:
            flags_by_state[flag.unit.state_id].append(flag)
    readers = state_nodal_officers_by_email()
    states = State.objects.filter(pk__in=list(readers)).order_by("pk")
    for state in states:
        flags = flags_by_state[state.pk]
        queue_for(
            readers[state.pk],
            template=ACCESS_REVIEW_FLAGS,
            context=_flags_context(state, month, flags),
            alert_key=f"access-review:{month:%Y-%m}:{state.pk}",
        )
    return len(states)


def _flags_context(state, month: date, flags: list) -> dict:
    portal_url = settings.PORTAL_URL.rstrip("/")
    query = urlencode({"month": month.strftime(MONTH_FORMAT), "state": state.lgd_code})
    return {
        "state": state,
        # Worked out in each recipient's language, when their message is written.
        "month": lazy(date_format, str)(month, "F Y"),
        "count": len(flags),
        "flags": flags,
        "thresholds": thresholds(),
        "portal_url": portal_url,
        "link": f"{portal_url}{reverse('audit:access_review')}?{query}",
    }
