"""Who is calling and what they may do: API keys, scopes and each client's rate limit, as DRF
authentication, permission and throttle classes. Any API view (PFIF's too) names them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from apps.api import selectors
from apps.api.models import ApiClient

KEYWORD = "Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>`. The request's user is the client's account and
    `request.auth` the ApiClient."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Api-Key <your key>."))
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This API key is not valid.")) from None
        client = selectors.client_for_key(key)
        if client is None:
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        # The call log (apps.api.middleware) reads this from the Django request.
        request._request.api_client = client
        if client.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        return client.account, client

    def authenticate_header(self, request):
        return KEYWORD


class HasScope(BasePermission):
    """The view's `required_scopes` maps each HTTP method to the scope it needs."""

    message = _("This API key does not have the scope this call needs.")

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        needed = view.required_scopes.get(request.method)
        return needed is not None and needed in client.scopes


class ClientRateThrottle(SimpleRateThrottle):
    """Each client's own number of calls per minute (set in admin), counted in Django's cache:
    while Redis is down that cache counts in this process's memory (apps.core.cache)."""

    scope = "api_client"

    def get_rate(self):
        return None  # set per client in allow_request

    def allow_request(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.rate = f"{client.calls_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"api-throttle-{request.auth.pk}"


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`: keys are issued by administrators in Django admin.",
        }
