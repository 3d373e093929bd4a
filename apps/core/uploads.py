"""Limits on what a request may send, applied before or while it streams in, so no one can make
the portal read (or keep in memory) more than the largest form it accepts.

A body declaring more than its limit is refused with 413 before a byte of it is read: the API's
(`API_MAX_REQUEST_BYTES`, answered in JSON) or any other (`UPLOAD_MAX_REQUEST_BYTES`). A form's
file part stops being read as soon as it passes `UPLOAD_MAX_FILE_BYTES`, and the whole form is
refused with 413 before any view sees it. Each form's own limit (8 MB a photo, 10 MB a document)
is then checked by the form, with a message.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
MiB = 1024 * 1024


class FileSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file part's bytes as they arrive and stops
    reading the request at the first one over the limit, marking the request refused."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_FILE_BYTES:
            self.request.file_part_too_large = True
            # connection_reset: the rest of the body is not even read to be thrown away.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class RequestSizeMiddleware:
    """Before anything reads the body (CSRF, forms, the API's parsers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            if declared_length(request) > settings.API_MAX_REQUEST_BYTES:
                return _api_refusal(settings.API_MAX_REQUEST_BYTES)
        elif declared_length(request) > settings.UPLOAD_MAX_REQUEST_BYTES or _file_part_too_large(
            request
        ):
            return _form_refusal()
        return self.get_response(request)


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _file_part_too_large(request) -> bool:
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return False
    # Parsed here, through FileSizeLimitHandler, so that no view ever acts on a form whose
    # files were cut short.
    request.POST  # noqa: B018
    return getattr(request, "file_part_too_large", False)


def _form_refusal() -> HttpResponse:
    # Without the request: its user is not known yet, so the site's menus cannot be drawn.
    page = render_to_string("core/too_large.html", {"size": settings.UPLOAD_MAX_FILE_BYTES // MiB})
    return HttpResponse(page, status=413)


def _api_refusal(limit: int) -> JsonResponse:
    return JsonResponse(
        {
            "code": "payload_too_large",
            "detail": _("A request may be at most %(size)d MB.") % {"size": limit // MiB},
        },
        status=413,
    )
