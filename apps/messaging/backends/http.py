"""An HTTP SMS gateway in the request format of India's government and commercial gateways
(the mGov/CDAC style: form-encoded POST of username, password, sender ID, mobile number, content,
service type, DLT template ID and entity ID).

Unicode messages are sent with service type `unicodemsg` and their text as HTML numeric
entities, which such gateways expect. Our own message reference travels as the `reference` field
and the `Idempotency-Key` header, the same on every attempt at one message, so a gateway that
de-duplicates on it drops a copy resent after a worker died mid-send. When SMS_GATEWAY_STATUS_URL
is set, such a message is looked up there first and not sent again if the gateway has it.
"""

import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings

from apps.messaging.backends import (
    BaseSmsBackend,
    OutgoingSms,
    PermanentGatewayError,
    TemporaryGatewayError,
)

GATEWAY_REFERENCE = re.compile(r"(?:MsgID|message[_ ]?id)\s*[=:]\s*([\w-]+)", re.IGNORECASE)


def numeric_entities(text: str) -> str:
    return "".join(char if ord(char) < 128 else f"&#{ord(char)};" for char in text)


class HttpGatewayBackend(BaseSmsBackend):
    def send(self, sms: OutgoingSms) -> str:
        fields = {
            "senderid": settings.SMS_SENDER_ID,
            "mobileno": sms.to,
            "content": numeric_entities(sms.text) if sms.is_unicode else sms.text,
            "smsservicetype": "unicodemsg" if sms.is_unicode else "singlemsg",
            "templateid": sms.dlt_template_id,
            "entityid": settings.SMS_DLT_ENTITY_ID,
            "reference": sms.reference,
        }
        status, body = _post(settings.SMS_GATEWAY_URL, fields, idempotency_key=sms.reference)
        if not 200 <= status < 300:
            raise _refusal(status)
        return _gateway_reference(body)

    def look_up(self, reference: str) -> str | None:
        """Asks SMS_GATEWAY_STATUS_URL: 200 with the gateway's MsgID when it has the message,
        404 when it has not. Any other answer says nothing about the message: asked again later.
        Without SMS_GATEWAY_STATUS_URL the gateway cannot be asked."""
        if not settings.SMS_GATEWAY_STATUS_URL:
            return None
        status, body = _post(settings.SMS_GATEWAY_STATUS_URL, {"reference": reference})
        if status == 404:
            return None
        if not 200 <= status < 300:
            raise TemporaryGatewayError(f"gateway status lookup answered {status}")
        return _gateway_reference(body)


def _post(url: str, fields: dict, idempotency_key: str = "") -> tuple[int, str]:
    """POST with the account's credentials; returns the status and the start of the answer."""
    credentials = {
        "username": settings.SMS_GATEWAY_USERNAME,
        "password": settings.SMS_GATEWAY_PASSWORD,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    request = Request(  # noqa: S310 - the URL is the operator's configured gateway
        url, data=urlencode(credentials | fields).encode(), headers=headers, method="POST"
    )
    try:
        with urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310
            return response.status, response.read(2000).decode("utf-8", "replace").strip()
    except HTTPError as error:
        return error.code, ""
    except (URLError, TimeoutError, ConnectionError) as error:
        raise TemporaryGatewayError(f"gateway unreachable: {error}") from error


def _refusal(status: int) -> Exception:
    if status >= 500 or status == 429:
        return TemporaryGatewayError(f"gateway answered {status}")
    return PermanentGatewayError(f"gateway refused the message: {status}")


def _gateway_reference(body: str) -> str:
    found = GATEWAY_REFERENCE.search(body)
    return (found.group(1) if found else body)[:100]
