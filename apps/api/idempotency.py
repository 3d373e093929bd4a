"""`Idempotency-Key` on POSTs: a client that did not get an answer (a timeout, a dropped line)
sends the same request with the same key again and gets the first answer, never a second write.

The first request with a key claims it (a row, unique per client and key) before it runs; the
answer is stored when it succeeds, and the claim dropped when it fails, so a retry runs again.
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.response import Response

from apps.api.errors import ErrorSerializer
from apps.api.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
KEPT_FOR = timedelta(hours=24)

PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "Optional, up to 200 characters, unique per request (a UUID). The same request sent "
        "again with the same key within 24 hours gets the first answer and writes nothing."
    ),
)
REFUSALS = {
    409: OpenApiResponse(
        ErrorSerializer, "`retry`: a request with this key is still running; send it again soon."
    ),
    422: OpenApiResponse(ErrorSerializer, "`key_reused`: this key was sent with another request."),
}


class StillRunning(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("A request with this Idempotency-Key is still running; send it again soon.")
    default_code = "retry"
    wait = 1  # seconds, sent as Retry-After


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was already sent with another request.")
    default_code = "key_reused"


def idempotent(post):
    """Wraps an API view's post: runs once per (client, Idempotency-Key)."""

    @wraps(post)
    def answer(view, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return post(view, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise exceptions.ValidationError({HEADER: [_("Send a key of at most 200 characters.")]})
        claim = _claim(request.auth, key, _fingerprint(request))
        if claim.status is not None:
            return Response(claim.body, status=claim.status)
        try:
            response = post(view, request, *args, **kwargs)
        except BaseException:
            claim.delete()
            raise
        claim.status, claim.body = response.status_code, response.data
        claim.save(update_fields=["status", "body"])
        return response

    return answer


def _fingerprint(request) -> str:
    data = request.data
    body = data if isinstance(data, bytes) else json.dumps(data, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(body if isinstance(body, bytes) else body.encode())
    return digest.hexdigest()


def _claim(client, key: str, fingerprint: str) -> IdempotentRequest:
    """This request's claim on the key (status empty), or the earlier request's answered one."""
    # The client's keys older than a day are forgotten, so the table stays small.
    IdempotentRequest.objects.filter(
        client=client, created_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(client=client, key=key, fingerprint=fingerprint)
    except IntegrityError:
        earlier = IdempotentRequest.objects.filter(client=client, key=key).first()
    if earlier is None:  # the other request failed and let go of the key meanwhile
        raise StillRunning
    if earlier.fingerprint != fingerprint:
        raise KeyReused
    if earlier.status is None:
        raise StillRunning
    return earlier
