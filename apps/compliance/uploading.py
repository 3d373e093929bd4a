"""Who is expected to upload, and how far back "recently" looks: read by compliance, the
dashboards and the monthly digest."""

from datetime import timedelta

from apps.directory.models import UnitType
from apps.reports.selectors import FOUND_FILING_UNITS

# The units expected to upload: those that file found reports, and the Juvenile Justice Boards.
UPLOADING_UNIT_TYPES = frozenset(FOUND_FILING_UNITS | {UnitType.JJB})
# "Uploaded recently" and "filed late recently" look back this far.
RECENT = timedelta(days=30)
