"""Someone sends far more than any form takes, signed in or not: the portal answers 413 without
reading the body (or stops reading a file part at its limit) and saves nothing. A small photo
declaring a huge picture is refused with the reason, before it is decoded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from apps.care.models import CareDocument
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import place, sighting_data
from apps.core.uploads import RequestSizeMiddleware
from apps.messaging.backends.locmem import outbox

MiB = 1024 * 1024


def junk(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\0" * size, content_type="image/jpeg")


@pytest.mark.django_db
def test_an_anonymous_report_larger_than_any_form_is_refused_unread(client, settings, khordha):
    settings.UPLOAD_MAX_REQUEST_BYTES = 1 * MiB
    data = sighting_data(photo_upload=junk("platform.jpg", 2 * MiB))

    response = client.post(f"/khoya-paya/report/sighting/{place(khordha)}", data)

    assert response.status_code == 413
    assert "The files sent are too large" in response.content.decode()
    assert not CitizenReport.objects.exists()
    assert not outbox  # no verification code either


@pytest.mark.django_db
def test_a_file_part_over_the_limit_is_refused_and_nothing_is_saved(
    client, settings, home_staff, munna_in_care
):
    settings.UPLOAD_MAX_FILE_BYTES = 1 * MiB
    client.force_login(home_staff)

    response = client.post(
        f"/care/{munna_in_care.pk}/add/document/",
        {"kind": "order", "title": "CWC order", "upload": junk("order.pdf", 3 * MiB)},
    )

    assert response.status_code == 413
    assert not CareDocument.objects.exists()


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_photo_is_refused_with_the_reason(client, khordha):
    bomb = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(bomb, format="PNG")  # 50 MP in a few kilobytes
    photo = SimpleUploadedFile("platform.png", bomb.getvalue(), content_type="image/png")

    response = client.post(
        f"/khoya-paya/report/sighting/{place(khordha)}", sighting_data(photo_upload=photo)
    )

    assert response.status_code == 200
    assert (
        "platform.png has too many pixels: a photo may be at most 24 megapixels."
        in response.content.decode()
    )
    assert not CitizenReport.objects.exists()
    assert not outbox


class CountingInput(io.BytesIO):
    """The network: counts what the portal reads of the body."""

    def __init__(self, body: bytes):
        super().__init__(body)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def sent(body: bytes, *, declared: int) -> tuple[WSGIRequest, CountingInput]:
    network = CountingInput(body)
    environ = RequestFactory()._base_environ(
        PATH_INFO="/khoya-paya/report/sighting/",
        REQUEST_METHOD="POST",
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": network},
    )
    return WSGIRequest(environ), network


def answer(request: WSGIRequest) -> HttpResponse:
    def view(request):
        pytest.fail("the view was reached")

    return RequestSizeMiddleware(view)(request)


def test_a_declared_100_mb_body_is_not_read_at_all(settings):
    request, network = sent(b"", declared=100 * MiB)

    assert answer(request).status_code == 413
    assert network.bytes_read == 0


def test_a_large_file_part_is_read_only_up_to_the_limit(settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 100 * MiB
    settings.UPLOAD_MAX_FILE_BYTES = 1 * MiB
    body = encode_multipart(BOUNDARY, {"photo_upload": junk("big.jpg", 20 * MiB)})
    request, network = sent(body, declared=len(body))

    assert answer(request).status_code == 413
    assert network.bytes_read < 2 * MiB
