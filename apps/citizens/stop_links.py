"""The link that stops a parent's inquiry: its reference and a signature only the portal can
make (an HMAC under SECRET_KEY), so knowing a reference is not enough to stop someone else's
search. Short, as it travels in an SMS whose Hindi or Bengali must fit in three parts."""

import base64

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "khoya-paya.stop-search"
# 11 URL-safe base64 characters: 66 bits, beyond guessing over the network.
SIGNATURE_LENGTH = 11


def signature(reference: str) -> str:
    digest = salted_hmac(_SALT, reference, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]


def is_signature(reference: str, given: str) -> bool:
    return constant_time_compare(signature(reference), given)


def stop_path(reference: str) -> str:
    return reverse("citizens:stop_search", args=[reference, signature(reference)])


def stop_link(reference: str) -> str:
    """The whole address, for an SMS."""
    return settings.PORTAL_URL.rstrip("/") + stop_path(reference)
