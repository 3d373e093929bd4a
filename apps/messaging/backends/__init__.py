"""SMS backends in the manner of Django's e-mail backends: `SMS_BACKEND` names the class.

A backend's `send(sms)` passes `sms.reference` to the gateway as the idempotency key (the same
for every attempt at one message) and returns the gateway's reference for the message, or raises
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

    def look_up(self, reference: str) -> str | None:
        """The gateway's reference for our message `reference` if it accepted it, else None.

        A message whose sender died mid-send is asked about before it is sent again. A gateway
        that cannot tell answers None, and the message goes again with the same reference."""
        return None


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
