"""A PFIF file over 20 MB is refused before it is read into memory: while its part of the form
streams in, and by the size of the request before its body is read at all."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.pfif import services
from apps.pfif.format import MAX_DOCUMENT_BYTES
from apps.pfif.models import ReceivedFile

pytestmark = pytest.mark.django_db

TOO_LARGE = "The file is too large"
UPLOAD_TOO_LARGE = "The files sent are too large"


@pytest.fixture
def import_never_runs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the oversized file reached the import")

    monkeypatch.setattr(services, "receive_pfif", refuse)


def test_an_upload_over_the_limit_is_refused_by_its_size(exchanging_client, import_never_runs):
    oversized = SimpleUploadedFile("partner.xml", b" " * (MAX_DOCUMENT_BYTES + 1))

    response = exchanging_client.post(
        "/pfif/import/", {"source_name": "Nepal Police", "file": oversized}
    )

    assert response.status_code == 413
    assert UPLOAD_TOO_LARGE in response.content.decode()
    assert not ReceivedFile.objects.exists()


def test_a_request_declaring_more_than_the_limit_is_refused_unread(
    exchanging_client, import_never_runs
):
    # The body is tiny; the test client fails if the view reads past it.
    response = exchanging_client.post(
        "/pfif/import/",
        {"source_name": "Nepal Police", "file": SimpleUploadedFile("p.xml", b"<pfif/>")},
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert UPLOAD_TOO_LARGE in response.content.decode()
    assert not ReceivedFile.objects.exists()


def test_the_import_still_needs_the_form_s_csrf_token(exchanging_client, pfif_sample):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = exchanging_client.cookies

    response = browser.post(
        "/pfif/import/",
        {
            "source_name": "Nepal Police",
            "file": SimpleUploadedFile("p.xml", pfif_sample("test.pfif-1.4.xml")),
        },
    )

    assert response.status_code == 403
    assert not ReceivedFile.objects.exists()


class EndlessUpload:
    """An upload that does not say its size, read in chunks until the reader stops."""

    name = "partner.xml"
    size = None

    def __init__(self):
        self.chunks_read = 0

    def chunks(self):
        while True:
            self.chunks_read += 1
            yield b" " * 512


def test_an_upload_of_unknown_size_is_given_up_once_past_the_limit(district_official, monkeypatch):
    monkeypatch.setattr(services, "MAX_DOCUMENT_BYTES", 1000)
    upload = EndlessUpload()

    with pytest.raises(ValidationError, match=TOO_LARGE):
        services.receive_pfif(upload, received_by=district_official, source_name="PF")

    assert upload.chunks_read == 2
