import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from apps.operations.metrics import exposition


@never_cache
@require_GET
def metrics(request):
    if not _may_scrape(request):
        return HttpResponseForbidden()
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def _may_scrape(request) -> bool:
    """A scraper shows METRICS_TOKEN as a bearer token, or calls from METRICS_ALLOWED_IPS
    directly: a request that came through the proxy (X-Forwarded-For) always needs the token,
    because its address is the proxy's. With neither set, nobody may."""
    token = settings.METRICS_TOKEN
    if token:
        scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(presented.encode(), token.encode()):
            return True
    if "X-Forwarded-For" in request.headers:
        return False
    return _address_allowed(request.META.get("REMOTE_ADDR", ""))


def _address_allowed(address: str) -> bool:
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        client in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_IPS
    )
