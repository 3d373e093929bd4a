"""Around every API call: log it. Bodies that are too large are refused inside this, by
apps.core.uploads.RequestSizeMiddleware, so those refusals are logged too."""

import time

from apps.api import services
from apps.audit.services import client_address
from apps.core.uploads import API_PREFIX


class ApiCallMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        services.log_call(
            client=getattr(request, "api_client", None),
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.monotonic() - started) * 1000),
            ip_address=client_address(request),
        )
        return response
