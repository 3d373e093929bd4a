"""Limits that keep Khoya-Paya usable for parents and useless for pranksters and SMS pumping.

Counted in the database, so every web process and server sees the same counts.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.citizens.models import CitizenReport, MobileVerification, Moderation

CODES_PER_MOBILE_PER_HOUR = 3
CODES_PER_MOBILE_PER_DAY = 8
REPORTS_PER_ADDRESS_PER_HOUR = 10
REPORTS_PER_MOBILE_PER_DAY = 5
TRACKING_TRIES_PER_ADDRESS_PER_HOUR = 30
FAILED_TRACKING_TRIES_BEFORE_CAPTCHA = 3
ABUSE_MEMORY = timedelta(days=90)

TOO_MANY_FROM_ADDRESS = _(
    "Too many reports have come from your connection in the last hour. Please try again later. "
    "If a child is in danger now, call 112 or the child helpline 1098."
)
TOO_MANY_FROM_MOBILE = _(
    "This mobile number has sent too many reports today. Please try again tomorrow. "
    "If a child is in danger now, call 112 or the child helpline 1098."
)
TOO_MANY_CODES = _(
    "Too many codes have been sent to this mobile number. Please wait an hour and try again."
)
BLOCKED_MOBILE = _(
    "Reports from this mobile number are not accepted because earlier reports were found to be "
    "false. Please contact your police station directly."
)
TOO_MANY_LOOKUPS = _("Too many attempts from your connection. Please try again in an hour.")


class RateLimitError(Exception):
    """A request refused by a limit; `message` says why in the citizen's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _since(**period):
    return timezone.now() - timedelta(**period)


def check_new_report(*, mobile: str, ip_address: str | None) -> None:
    if CitizenReport.objects.filter(
        reporter_mobile=mobile,
        moderation=Moderation.ABUSIVE,
        created_at__gte=timezone.now() - ABUSE_MEMORY,
    ).exists():
        raise RateLimitError(BLOCKED_MOBILE)
    if ip_address and (
        CitizenReport.objects.filter(ip_address=ip_address, created_at__gte=_since(hours=1)).count()
        >= REPORTS_PER_ADDRESS_PER_HOUR
    ):
        raise RateLimitError(TOO_MANY_FROM_ADDRESS)
    if (
        CitizenReport.objects.filter(reporter_mobile=mobile, created_at__gte=_since(days=1)).count()
        >= REPORTS_PER_MOBILE_PER_DAY
    ):
        raise RateLimitError(TOO_MANY_FROM_MOBILE)


def check_new_code(*, mobile: str) -> None:
    codes = MobileVerification.objects.filter(mobile=mobile)
    if (
        codes.filter(sent_at__gte=_since(hours=1)).count() >= CODES_PER_MOBILE_PER_HOUR
        or codes.filter(sent_at__gte=_since(days=1)).count() >= CODES_PER_MOBILE_PER_DAY
    ):
        raise RateLimitError(TOO_MANY_CODES)


def count_lookup(ip_address: str | None) -> None:
    """Each tracking attempt counts against the address, so references cannot be guessed."""
    if _count_in_hour(f"khoya-paya:lookups:{ip_address}") > TRACKING_TRIES_PER_ADDRESS_PER_HOUR:
        raise RateLimitError(TOO_MANY_LOOKUPS)


def count_failed_lookup(ip_address: str | None) -> None:
    _count_in_hour(_failed_lookups_key(ip_address))


def lookup_needs_captcha(ip_address: str | None) -> bool:
    """A few wrong references from a connection, and a script must also solve the CAPTCHA."""
    failed = cache.get(_failed_lookups_key(ip_address), 0)
    return failed >= FAILED_TRACKING_TRIES_BEFORE_CAPTCHA


def counted_lookup(ip_address: str | None, form, find, *, not_found: str):
    """A look-up by reference and mobile number from a bound, valid form: counted, refused past
    the hour's limit, and a miss counted towards asking the CAPTCHA. Returns the HTTP status
    and what `find(reference, mobile)` found (None, with the form's error, when nothing)."""
    try:
        count_lookup(ip_address)
    except RateLimitError as refused:
        form.add_error(None, refused.message)
        return 429, None
    found = find(form.cleaned_data["reference"], form.cleaned_data["mobile"])
    if found is None:
        form.add_error(None, not_found)
        count_failed_lookup(ip_address)
        if lookup_needs_captcha(ip_address):
            form.ask_captcha()
    return 200, found


def _failed_lookups_key(ip_address: str | None) -> str:
    return f"khoya-paya:failed-lookups:{ip_address}"


def _count_in_hour(key: str) -> int:
    """Counted in the cache (Redis in production), shared by every web process."""
    cache.add(key, 0, timeout=3600)
    return cache.incr(key)
