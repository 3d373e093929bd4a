"""How long an official's session lives. Idling signs out after SESSION_IDLE_MINUTES (the cookie
age); however active the official is, the session ends SESSION_MAX_HOURS after signing in, so a
stolen session cookie cannot be kept alive for ever.

Saving a session sets its expiry SESSION_COOKIE_AGE ahead. The session is saved only when it
changes (not on every request): a request marks it changed once a tenth of the idle time has
passed since the last renewal, so an active official keeps working while a burst of requests writes
the session row once. An idle official may so be signed out up to a tenth of the idle time early.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "signed_in_at"
RENEWED_AT = "idle_deadline_renewed_at"
RENEW_AFTER_FRACTION_OF_IDLE_TIME = 0.1


def remember_sign_in(session) -> None:
    now = timezone.now().timestamp()
    session[SIGNED_IN_AT] = now
    session[RENEWED_AT] = now


def has_outlived_its_sign_in(session) -> bool:
    """Sessions that do not say when they signed in (from before this rule) count as too old."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return True
    age = timezone.now().timestamp() - signed_in_at
    return age > timedelta(hours=settings.SESSION_MAX_HOURS).total_seconds()


def renew_idle_deadline_if_due(session) -> None:
    """Marks the session changed, so that it is saved with a new expiry, when it was last renewed
    more than a tenth of the idle time ago (or never)."""
    now = timezone.now().timestamp()
    renewed_at = session.get(RENEWED_AT)
    due_after = settings.SESSION_COOKIE_AGE * RENEW_AFTER_FRACTION_OF_IDLE_TIME
    if renewed_at is None or now - renewed_at >= due_after:
        session[RENEWED_AT] = now
