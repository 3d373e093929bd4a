"""An HTTP SMS gateway in the request format of India's government and commercial gateways
(the mGov/CDAC style: form-encoded POST of username, password, sender ID, mobile number, content,
service type, DLT template ID and entity ID).

Unicode messages are sent with service type `unicodemsg` and their text as HTML numeric
entities, which such gateways expect. Our own message reference travels as `reference`, so a
gateway that de-duplicates on it drops a copy resent after a worker died mid-send.
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
            "username": settings.SMS_GATEWAY_USERNAME,
            "password": settings.SMS_GATEWAY_PASSWORD,
            "senderid": settings.SMS_SENDER_ID,
            "mobileno": sms.to,
            "content": numeric_entities(sms.text) if sms.is_unicode else sms.text,
            "smsservicetype": "unicodemsg" if sms.is_unicode else "singlemsg",
            "templateid": sms.dlt_template_id,
            "entityid": settings.SMS_DLT_ENTITY_ID,
            "reference": sms.reference,
        }
        request = Request(  # noqa: S310 - the URL is the operator's configured gateway
            settings.SMS_GATEWAY_URL,
            data=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310
                body = response.read(2000).decode("utf-8", "replace").strip()
        except HTTPError as error:
            if error.code >= 500 or error.code == 429:
                raise TemporaryGatewayError(f"gateway answered {error.code}") from error
            raise PermanentGatewayError(f"gateway refused the message: {error.code}") from error
        except (URLError, TimeoutError, ConnectionError) as error:
            raise TemporaryGatewayError(f"gateway unreachable: {error}") from error
        found = GATEWAY_REFERENCE.search(body)
        return (found.group(1) if found else body)[:100]
