"""Writing the access log. Callers pass the request so the entry says where the read came from."""

from apps.accounts.jurisdiction import Jurisdiction
from apps.audit.models import AccessAction, AccessLog


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
