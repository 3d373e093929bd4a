"""Writing the access log (callers pass the request so the entry says where the read came
from), and the monthly e-mail of its unusual use to each State's nodal officer."""

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from ipaddress import ip_address
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
    jurisdiction: Jurisdiction | None = None,
) -> AccessLog:
    """`jurisdiction` is what the reader may oversee when it is not their own account's: an API
    key's State/UT or district."""
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
        outside_jurisdiction=_outside_jurisdiction(official, owner_unit, jurisdiction),
        ip_address=client_address(request),
        user_agent=request.headers.get("user-agent", "")[:300],
        detail=detail[:300],
        rows=rows,
    )


def record_search(request, *, what: str, filters: Mapping, page) -> AccessLog | None:
    """A search with the filters it was given, the page of results shown and how many results
    it found, as the page counted them (a count capped at the list's "more than" limit); nothing
    when no filter was given (the page's first, empty form)."""
    given = describe_filters(filters)
    if not given:
        return None
    if page.number > 1:
        given += f"; page={page.number}"
    return record_access(
        request, action=AccessAction.SEARCH, detail=f"{what}: {given}", rows=page.paginator.count
    )


def describe_filters(filters: Mapping) -> str:
    """The filters as the auditor reads them, "name=Priya; state=Odisha; has_photo", leaving out
    the empty ones and the CSRF token, and naming an uploaded photo rather than copying it."""
    parts = []
    for name, value in filters.items():
        if name == "csrfmiddlewaretoken" or _is_empty(value):
            continue
        if value is True:
            parts.append(name)
        elif hasattr(value, "read"):
            parts.append(f"{name}=photo")
        elif isinstance(value, list | tuple):
            parts.append(f"{name}={','.join(str(item) for item in value)}")
        elif isinstance(value, date):
            parts.append(f"{name}={value.isoformat()}")
        else:
            parts.append(f"{name}={value}")
    return "; ".join(parts)


def _is_empty(value) -> bool:
    # Not `value in (...)`: an age of 0 equals False.
    return value is None or value is False or (isinstance(value, str | list | tuple) and not value)


def client_address(request) -> str | None:
    """The address the request came from. Behind TRUSTED_PROXY_COUNT reverse proxies, each of
    which appends the address it was reached from to X-Forwarded-For, it is that many entries
    from the header's end; anything further left was written by the client and is not believed.
    Without trusted proxies, or with a header shorter or not an address, it is REMOTE_ADDR."""
    direct = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return direct
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [hop for hop in (part.strip() for part in header.split(",")) if hop]
    if len(forwarded) < proxies:
        return direct
    try:
        return str(ip_address(forwarded[-proxies]))
    except ValueError:
        return direct


def _outside_jurisdiction(official, owner_unit, jurisdiction: Jurisdiction | None) -> bool:
    """Whether an official opened a record their own jurisdiction does not hold; the public's
    reads are of public notices, never outside anything."""
    if official is None or owner_unit is None:
        return False
    jurisdiction = jurisdiction or Jurisdiction.watching(official)
    return not jurisdiction.covers_unit(owner_unit)


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
