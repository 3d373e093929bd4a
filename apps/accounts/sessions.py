"""How long an official's session lives. Idling signs out after SESSION_IDLE_MINUTES (the cookie
age); however active the official is, the session ends SESSION_MAX_HOURS after signing in, so a
stolen session cookie cannot be kept alive for ever."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "signed_in_at"


def remember_sign_in(session) -> None:
    session[SIGNED_IN_AT] = timezone.now().timestamp()


def has_outlived_its_sign_in(session) -> bool:
    """Sessions that do not say when they signed in (from before this rule) count as too old."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return True
    age = timezone.now().timestamp() - signed_in_at
    return age > timedelta(hours=settings.SESSION_MAX_HOURS).total_seconds()
