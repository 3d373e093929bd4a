"""Every refusal as one machine-readable JSON shape: {"code", "detail", "fields"}, including
the answers to failures: 503 with Retry-After while the database or Redis is unreachable, 500
for anything else unexpected."""

import logging
import sys

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler, set_rollback

from apps.core.outages import OUTAGE_ERRORS
from apps.core.uploads import API_PREFIX

logger = logging.getLogger(__name__)
# An outage of the database or Redis is usually over within this many seconds.
RETRY_AFTER_SECONDS = 30

# Django's errors carry the name of the form field; the API names it the same, except that
# errors about the whole record come under this key.
NON_FIELD_KEY = "non_field_errors"


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable: invalid, not_authenticated, ...")
    detail = serializers.CharField(help_text="What is wrong, in the language asked for.")
    fields = serializers.DictField(
        required=False,
        help_text="For code `invalid`: each wrong field with a list of {message, code}.",
    )


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        logger.error("API call failed", exc_info=exc)
        set_rollback()
        return failure_response(exc)
    response.data = error_body(exc)
    return response


def failure_response(exc: BaseException) -> JsonResponse:
    """503 and when to come back for an outage, 500 for anything else: JSON either way."""
    if isinstance(exc, OUTAGE_ERRORS):
        body = {
            "code": "unavailable",
            "detail": _("The service is briefly unavailable. Try again in a moment."),
        }
        response = JsonResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    body = {"code": "server_error", "detail": _("Something went wrong on the server.")}
    return JsonResponse(body, status=500)


def server_error(request, *args, **kwargs):
    """handler500: an API call that failed outside its view (in a middleware) answers JSON too;
    Django calls this while handling the exception, so sys.exc_info() names it."""
    if request.path.startswith(API_PREFIX):
        return failure_response(sys.exc_info()[1])
    return defaults.server_error(request, *args, **kwargs)


def bad_request(request, exception, *args, **kwargs):
    """handler400: a request Django refuses before any view (a Host header the portal does not
    serve) answers an API client in JSON too."""
    if request.path.startswith(API_PREFIX):
        body = {"code": "bad_request", "detail": _("The request is not well formed.")}
        return JsonResponse(body, status=400)
    return defaults.bad_request(request, exception, *args, **kwargs)


def error_body(exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        details = exc.get_full_details()
        fields = details if isinstance(details, dict) else {NON_FIELD_KEY: details}
        return {"code": "invalid", "detail": _("Some fields are not right."), "fields": fields}
    codes = exc.get_codes()
    return {
        "code": codes if isinstance(codes, str) else exc.default_code,
        "detail": str(exc.detail),
    }
