"""Checking scanned documents: a PDF is kept as it is, a picture is cleaned like a photo.

Plain Python and Pillow, no Django, so it can be tested on its own.
"""

from dataclasses import dataclass

from apps.core.images import UnusablePhotoError, clean_photo

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
# A PDF's trailer marker sits at its very end; a download cut short lacks it.
PDF_END_MARKER = b"%%EOF"


class UnusableDocumentError(ValueError):
    """`reason` is one of: too_large, not_a_document, damaged."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanDocument:
    content: bytes
    content_type: str


def clean_document(data: bytes) -> CleanDocument:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnusableDocumentError("too_large")
    if data.startswith(PDF_SIGNATURE):
        if PDF_END_MARKER not in data[-1024:]:
            raise UnusableDocumentError("damaged")
        return CleanDocument(data, "application/pdf")
    try:
        picture = clean_photo(data)
    except UnusablePhotoError as error:
        reason = "damaged" if error.problem.value == "corrupt" else "not_a_document"
        raise UnusableDocumentError(reason) from error
    # Re-encoded without EXIF, so no camera position leaves the server with a scan.
    return CleanDocument(picture.image, "image/jpeg")
