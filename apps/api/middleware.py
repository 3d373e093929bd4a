"""Around every API call: refuse a body that is too large before reading it, and log the call."""

import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from apps.api import services

API_PREFIX = "/api/"


class ApiCallMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        response = _too_large(request) or self.get_response(request)
        services.log_call(
            client=getattr(request, "api_client", None),
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.monotonic() - started) * 1000),
            ip_address=request.META.get("REMOTE_ADDR") or None,
        )
        return response


def _too_large(request) -> JsonResponse | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= settings.API_MAX_REQUEST_BYTES:
        return None
    limit_mb = settings.API_MAX_REQUEST_BYTES // (1024 * 1024)
    return JsonResponse(
        {
            "code": "payload_too_large",
            "detail": _("A request may be at most %(size)d MB.") % {"size": limit_mb},
        },
        status=413,
    )
