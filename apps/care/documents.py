"""Checking scanned documents: a PDF is kept as it is if it holds nothing that acts (scripts,
actions, embedded files or forms), a picture is cleaned like a photo.

Plain Python, Pillow and pypdf, no Django, so it can be tested on its own.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from apps.core.images import PhotoProblem, UnusablePhotoError, clean_photo

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
# A PDF's trailer marker sits at its very end; a download cut short lacks it.
PDF_END_MARKER = b"%%EOF"
# Names of PDF features that run code, open other files or carry files of their own: a scan
# never needs them, and a viewer might act on them.
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
    }
)


class UnusableDocumentError(ValueError):
    """`reason` is one of: too_large, too_many_pixels, not_a_document, damaged, active_content."""

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
        _check_pdf(data)
        return CleanDocument(data, "application/pdf")
    try:
        picture = clean_photo(data)
    except UnusablePhotoError as error:
        raise UnusableDocumentError(_PHOTO_REASONS.get(error.problem, "not_a_document")) from error
    # Re-encoded without EXIF, so no camera position leaves the server with a scan.
    return CleanDocument(picture.image, "image/jpeg")


_PHOTO_REASONS = {
    PhotoProblem.CORRUPT: "damaged",
    PhotoProblem.TOO_LARGE: "too_large",
    PhotoProblem.TOO_MANY_PIXELS: "too_many_pixels",
}


def _check_pdf(data: bytes) -> None:
    """A real PDF (anything else after a PDF header, such as HTML, is refused) without any
    active content in any of its objects."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if not reader.pages:
            raise UnusableDocumentError("damaged")
        names = set(_names_in(reader))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UnusableDocumentError("damaged") from error
    if names & ACTIVE_NAMES:
        raise UnusableDocumentError("active_content")


def _names_in(reader: PdfReader) -> Iterator[str]:
    """Every name used as a key or a value in every object of the document, reachable from its
    trailer or merely listed in its cross-reference table."""
    pending: list[PdfObject] = [reader.trailer, *_listed_objects(reader)]
    seen: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, NameObject):
            yield str(item)
        elif isinstance(item, DictionaryObject):
            yield from item.keys()
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _listed_objects(reader: PdfReader) -> Iterator[IndirectObject]:
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)
