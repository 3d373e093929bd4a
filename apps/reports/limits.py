"""Limits of a report that forms, the API and deployment checks share."""

MAX_PHOTOS_PER_REPORT = 6
