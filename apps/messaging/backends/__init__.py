"""SMS backends in the manner of Django's e-mail backends: `SMS_BACKEND` names the class.

A backend's `send(sms)` returns the gateway's reference for the message, or raises
`TemporaryGatewayError` (worth retrying: time-outs, 5xx, connection refused) or
`PermanentGatewayError` (the gateway refused the message itself).
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class OutgoingSms:
    reference: str  # ours, unique per message: gateways that know it drop a resent copy
    to: str
    text: str
    is_unicode: bool
    dlt_template_id: str


class TemporaryGatewayError(Exception):
    """The gateway could not take the message now; the task retries it later."""


class PermanentGatewayError(Exception):
    """The gateway refused this message; sending it again cannot help."""


class BaseSmsBackend(ABC):
    @abstractmethod
    def send(self, sms: OutgoingSms) -> str:
        """Hand one SMS to the gateway and return the gateway's reference for it."""


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
