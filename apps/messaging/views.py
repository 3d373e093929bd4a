import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from apps.messaging import services

DELIVERED_CODES = frozenset({"DELIVRD", "DELIVERED", "SUCCESS"})


def _has_token(params, secret: str) -> bool:
    """The shared secret the gateway sends; none configured refuses every call."""
    return bool(secret) and hmac.compare_digest(params.get("token", ""), secret)


@csrf_exempt
def delivery_report(request):
    """The gateway calls back with `reference` (its own message ID), `status` and our `token`."""
    params = request.POST if request.method == "POST" else request.GET
    if not _has_token(params, settings.SMS_DLR_TOKEN):
        return HttpResponseForbidden("bad token")
    status = params.get("status", "").strip().upper()
    updated = services.record_delivery(
        gateway_reference=params.get("reference", ""), delivered=status in DELIVERED_CODES
    )
    return HttpResponse(f"ok {updated}", content_type="text/plain")


@csrf_exempt
def incoming_sms(request):
    """The gateway forwards an SMS a phone sent to our number (a reply such as STOP) with its
    own message `id`, the sender's number `from`, the `text` and our `token`. The same `id`
    sent again is answered alike and changes nothing."""
    params = request.POST if request.method == "POST" else request.GET
    if not _has_token(params, settings.SMS_INBOUND_TOKEN):
        return HttpResponseForbidden("bad token")
    gateway_id, sender = params.get("id", "").strip(), params.get("from", "").strip()
    if not gateway_id or not sender:
        return HttpResponseBadRequest("id and from are required")
    _message, created = services.record_incoming_sms(
        gateway_id=gateway_id, sender=sender, text=params.get("text", "")
    )
    return HttpResponse("ok" if created else "ok again", content_type="text/plain")
