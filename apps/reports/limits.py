"""Limits of reports that forms, exports, the API and deployment checks share."""

MAX_PHOTOS_PER_REPORT = 6

# Rows in one export from a page (the reports' search CSV, the PFIF file): the whole file is
# built within one request.
MAX_EXPORT_ROWS = 5000
