"""Every refusal as one machine-readable JSON shape: {"code", "detail", "fields"}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler

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
        return None
    response.data = error_body(exc)
    return response


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
