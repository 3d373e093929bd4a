"""Signed links in SMS that stop them: a parent's inquiry (its reference) and a family's SMS
about a missing child's report (its case number). Each carries a signature only the portal can
make (an HMAC under SECRET_KEY), so knowing a reference or case number is not enough to stop
someone else's SMS. Short, as they travel in SMS whose Hindi or Bengali must fit in three
parts."""

import base64
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

_SALT = "khoya-paya.stop-search"
_FAMILY_SALT = "khoya-paya.stop-family-sms"
# 11 URL-safe base64 characters: 66 bits, beyond guessing over the network.
SIGNATURE_LENGTH = 11


def _sign(salt: str, value: str) -> str:
    digest = salted_hmac(salt, value, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]


def signature(reference: str) -> str:
    return _sign(_SALT, reference)


def is_signature(reference: str, given: str) -> bool:
    return constant_time_compare(signature(reference), given)


def stop_path(reference: str) -> str:
    return reverse("citizens:stop_search", args=[reference, signature(reference)])


def stop_link(reference: str) -> str:
    """The whole address, for an SMS."""
    return settings.PORTAL_URL.rstrip("/") + stop_path(reference)


# --- A family's SMS about a missing child's report -----------------------------------------
# The token is the day the link was made (base 36 of its ordinal, 4 characters) and the
# signature of the case number with that day, so a link can expire (FAMILY_SMS_STOP_LINK_DAYS).


def family_token(case_number: str, *, day: date | None = None) -> str:
    issued = int_to_base36((day or timezone.localdate()).toordinal())
    return issued + _sign(_FAMILY_SALT, f"{case_number}:{issued}")


def family_token_day(case_number: str, token: str) -> date | None:
    """The day a genuine token was made for this case number; None for any other token."""
    issued, given = token[:-SIGNATURE_LENGTH], token[-SIGNATURE_LENGTH:]
    if not issued or len(issued) > 6:
        return None
    if not constant_time_compare(_sign(_FAMILY_SALT, f"{case_number}:{issued}"), given):
        return None
    try:
        return date.fromordinal(base36_to_int(issued))
    except ValueError:
        return None


def family_stop_path(case_number: str, *, day: date | None = None) -> str:
    token = family_token(case_number, day=day)
    return reverse("citizens:stop_family_sms", args=[case_number, token])


def family_stop_link(case_number: str) -> str:
    """The whole address, for an SMS."""
    return settings.PORTAL_URL.rstrip("/") + family_stop_path(case_number)
