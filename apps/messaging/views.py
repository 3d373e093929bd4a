import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from apps.messaging import services

DELIVERED_CODES = frozenset({"DELIVRD", "DELIVERED", "SUCCESS"})


@csrf_exempt
def delivery_report(request):
    """The gateway calls back with `reference` (its own message ID), `status` and our `token`."""
    params = request.POST if request.method == "POST" else request.GET
    token = params.get("token", "")
    if not settings.SMS_DLR_TOKEN or not hmac.compare_digest(token, settings.SMS_DLR_TOKEN):
        return HttpResponseForbidden("bad token")
    status = params.get("status", "").strip().upper()
    updated = services.record_delivery(
        gateway_reference=params.get("reference", ""), delivered=status in DELIVERED_CODES
    )
    return HttpResponse(f"ok {updated}", content_type="text/plain")
