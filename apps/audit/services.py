"""Writing the access log. Callers pass the request so the entry says where the read came from."""

from apps.audit.models import AccessAction, AccessLog


def record_access(
    request, *, action: AccessAction, record=None, owner_unit=None, detail: str = ""
) -> AccessLog:
    user = request.user
    return AccessLog.objects.create(
        user=user,
        username=user.get_username(),
        user_unit_id=getattr(user, "unit_id", None),
        action=action,
        record_type=record._meta.label_lower if record is not None else "",
        record_id=record.pk if record is not None else None,
        record_label=str(record)[:200] if record is not None else "",
        owner_unit=owner_unit,
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.headers.get("user-agent", "")[:300],
        detail=detail[:300],
    )
