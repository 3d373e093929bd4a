"""The home uploads Munna's scanned CWC order and medical report; only his carers can open them,
as downloads. A PDF that would run script or carry other files is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from apps.audit.models import AccessLog
from apps.care.models import CareDocument
from apps.care.tests.fixtures import care_records, refused_everything
from apps.reports.tests.fixtures import photo_upload

pytestmark = pytest.mark.django_db


def pdf(*, open_action_script: str = "", attachment: bytes = b"") -> bytes:
    """A one-page PDF, as a scanner makes it; with a script run as soon as it is opened, or
    another file inside it."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if attachment:
        writer.add_attachment("invoice.exe", attachment)
    if open_action_script:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(open_action_script),
            }
        )
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


PDF = pdf()


def upload(client, child, file, kind="order", title="CWC interim order"):
    return client.post(
        f"/care/{child.pk}/add/document/", {"kind": kind, "title": title, "upload": file}
    )


def test_a_pdf_is_kept_and_served_only_through_the_record(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    response = upload(client, munna_in_care, SimpleUploadedFile("order.pdf", PDF))

    assert response.status_code == 302
    document = CareDocument.objects.get()
    assert document.content_type == "application/pdf"
    download = client.get(f"/care/documents/{document.public_id}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in download["Content-Security-Policy"].split(";")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert AccessLog.objects.filter(detail__startswith="document:").exists()


def test_a_scanned_picture_loses_its_camera_metadata(client, home_staff, munna_in_care):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    client.force_login(home_staff)

    upload(client, munna_in_care, photo_upload("report.jpg", exif=exif), kind="medical")

    stored = CareDocument.objects.get()
    with Image.open(stored.file.open("rb")) as picture:
        assert not picture.getexif()
    assert stored.content_type == "image/jpeg"
    download = client.get(f"/care/documents/{stored.public_id}/")
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text", "Choose a PDF file or a JPEG, PNG or WebP picture"),
        (PDF[:20], "The file is damaged"),
        # A page that a browser would render as HTML, dressed up as a PDF.
        (b"%PDF-1.7\n<html><script>fetch('/care/')</script></html>\n%%EOF\n", "is damaged"),
        (pdf(open_action_script="app.launchURL('https://evil.example/')"), "contains scripts"),
        (pdf(attachment=b"MZ\x90\x00"), "contains scripts, actions, attached files"),
    ],
    ids=["text", "cut short", "html", "javascript", "attached file"],
)
def test_a_file_that_is_not_a_document_is_refused_with_a_reason(
    client, home_staff, munna_in_care, content, message
):
    client.force_login(home_staff)

    response = upload(client, munna_in_care, SimpleUploadedFile("x.pdf", content))

    assert message in response.content.decode()
    assert "Choose the file again." in response.content.decode()
    assert not CareDocument.objects.exists()


@pytest.mark.parametrize("who", ["officer", "other_home_staff"])
def test_police_and_other_homes_cannot_download_or_upload(
    client, request, who, home_staff, munna_in_care
):
    client.force_login(home_staff)
    upload(client, munna_in_care, SimpleUploadedFile("order.pdf", PDF))
    document = CareDocument.objects.get()
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/care/documents/{document.public_id}/").status_code == 403
    refused = upload(client, munna_in_care, SimpleUploadedFile("o.pdf", PDF))
    assert refused.status_code == 403
    assert CareDocument.objects.count() == 1


@pytest.mark.refused_side("care:document", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("care:add_entry", "another_unit", "another_district", "another_state")
def test_other_institutions_neither_download_nor_upload(
    client, home_staff, outsiders, munna_in_care
):
    client.force_login(home_staff)
    upload(client, munna_in_care, SimpleUploadedFile("order.pdf", PDF))
    document = CareDocument.objects.get()
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        assert refused_everything(client, f"/care/documents/{document.public_id}/"), outsider
        assert upload(client, munna_in_care, SimpleUploadedFile("o.pdf", PDF)).status_code in (
            403,
            404,
        )
    assert care_records() == before
