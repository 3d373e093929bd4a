"""The CAPTCHA that needs neither sight nor hearing: a proof of work the portal serves itself.

The page carries a challenge the portal signed: a salt and the SHA-256 of the salt followed by a
secret number below `maxnumber`. The citizen's browser tries the numbers until one hashes to the
challenge (static/js/human-check.js, a second or two on a cheap phone) and sends it with the form.
A script must spend the same work on every message, and nobody has to see, hear or type anything.
The format is ALTCHA's (v1: algorithm, challenge, number, salt, signature), so a stock ALTCHA
widget could solve it too; no third party is involved. A solved challenge is accepted once.
"""

import base64
import binascii
import hashlib
import json
import secrets
import time
from urllib.parse import parse_qs

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

ALGORITHM = "SHA-256"
_SIGNING_SALT = "apps.citizens.proof_of_work"
_USED_KEY = "captcha-proof-used:{}"

NOT_SOLVED = _(
    "The automatic check that a person is sending this did not work. "
    "Send the form again, or type the letters in the picture."
)
EXPIRED = _("This page was open too long. Send the form again: the check is done anew.")
USED = _("This form was already sent once. Send it again: the check is done anew.")


class ProofRefusedError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _signature(challenge: str) -> str:
    return salted_hmac(_SIGNING_SALT, challenge, algorithm="sha256").hexdigest()


def new_challenge() -> dict:
    """A fresh challenge for one page; it expires after CAPTCHA_PROOF_OF_WORK_SECONDS."""
    max_number = settings.CAPTCHA_PROOF_OF_WORK_MAX_NUMBER
    expires = int(time.time()) + settings.CAPTCHA_PROOF_OF_WORK_SECONDS
    # The "&" ends the salt, so that digits of the number cannot be passed off as part of it.
    salt = f"{secrets.token_hex(12)}?expires={expires}&"
    challenge = _sha256(salt + str(secrets.randbelow(max_number + 1)))
    return {
        "algorithm": ALGORITHM,
        "challenge": challenge,
        "maxnumber": max_number,
        "salt": salt,
        "signature": _signature(challenge),
    }


def _decoded(payload: str) -> dict:
    try:
        solved = json.loads(base64.b64decode(payload, validate=True))
        fields = (solved["algorithm"], solved["challenge"], solved["salt"], solved["signature"])
        number = solved["number"]
    except (binascii.Error, ValueError, TypeError, KeyError) as malformed:
        raise ProofRefusedError(NOT_SOLVED) from malformed
    if not all(isinstance(field, str) for field in fields) or type(number) is not int:
        raise ProofRefusedError(NOT_SOLVED)
    return solved


def _expires(salt: str) -> int:
    try:
        (expires,) = parse_qs(salt.partition("?")[2].rstrip("&"), strict_parsing=True)["expires"]
        return int(expires)
    except (KeyError, ValueError) as malformed:
        raise ProofRefusedError(NOT_SOLVED) from malformed


def check(payload: str) -> None:
    """Accept a solved challenge once; raise ProofRefusedError, with what to do, otherwise."""
    solved = _decoded(payload)
    challenge, salt = solved["challenge"], solved["salt"]
    signed = solved["algorithm"] == ALGORITHM and constant_time_compare(
        solved["signature"], _signature(challenge)
    )
    if not signed or not salt.endswith("&"):
        raise ProofRefusedError(NOT_SOLVED)  # forged, or a challenge the portal never gave
    if not constant_time_compare(_sha256(salt + str(solved["number"])), challenge):
        raise ProofRefusedError(NOT_SOLVED)
    remaining = _expires(salt) - int(time.time())
    if remaining <= 0:
        raise ProofRefusedError(EXPIRED)
    # Remembered until it expires anyway; add() is atomic, so two sends race for one use.
    if not cache.add(_USED_KEY.format(challenge), True, timeout=remaining + 60):
        raise ProofRefusedError(USED)
