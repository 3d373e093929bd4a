"""Serving a stored document to the one official a view has let through."""

from django.http import FileResponse


def private_download(file, *, content_type: str, filename: str) -> FileResponse:
    """The file as an attachment that no cache keeps and no browser runs."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, content_type=content_type, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    # Saved, never shown in the portal's origin: even a file that slipped through the checks
    # cannot run script there, nor be taken for HTML.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
