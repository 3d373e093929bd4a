"""The one-time code that proves a citizen holds a mobile number: texted to it, kept only as a
hash, good for a few minutes and a few tries. Complaints keep theirs in `MobileVerification`;
a record asked for once (a family's data request, a grievance) keeps `code_hash`,
`code_expires_at` and `code_attempts` itself and is checked by `confirm`."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from apps.messaging.catalogue import VERIFICATION_CODE
from apps.messaging.models import Channel
from apps.messaging.services import queue_message

CODE_VALID_FOR = timedelta(minutes=10)
MAX_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class SentCode:
    code_hash: str
    expires_at: datetime


def hashed(code: str) -> str:
    return salted_hmac("khoya-paya-code", code, algorithm="sha256").hexdigest()


def new_code() -> tuple[str, str]:
    """A fresh six-digit code and its hash."""
    code = f"{secrets.randbelow(10**6):06d}"
    return code, hashed(code)


def text_code(code: str, *, mobile: str, language: str, alert_key: str) -> None:
    """Queue the SMS that carries `code`, in the citizen's language."""
    queue_message(
        channel=Channel.SMS,
        template=VERIFICATION_CODE,
        context={"code": code},
        recipient=mobile,
        language=language,
        alert_key=alert_key,
    )


def send(*, mobile: str, language: str, alert_key: str) -> SentCode:
    """Text a new code to `mobile`; what to keep of it."""
    code, code_hash = new_code()
    text_code(code, mobile=mobile, language=language, alert_key=alert_key)
    return SentCode(code_hash=code_hash, expires_at=timezone.now() + CODE_VALID_FOR)


def confirm(record, code: str) -> bool:
    """Check `code` against the one kept on `record` (locked by the caller), counting the try.
    False for a wrong code (the count is saved); raises when the code may no longer be tried."""
    if record.code_expires_at is None or record.code_expires_at < timezone.now():
        raise ValidationError(_("This code has expired. Ask for a new one."))
    if record.code_attempts >= MAX_CODE_ATTEMPTS:
        raise ValidationError(_("Too many wrong codes. Ask for a new one."))
    record.code_attempts += 1
    if not constant_time_compare(record.code_hash, hashed(code.strip())):
        record.save(update_fields=["code_attempts"])
        return False
    return True
