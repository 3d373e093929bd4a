"""Who may upload which kind of spreadsheet, and whose uploads they see.

Police stations (and railway police, SJPU) upload missing and found reports for their own unit;
Child Care Institutions upload the children in their care. Everyone else is refused. An upload
is seen by its unit and by the officials who oversee that unit.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.shortcuts import get_object_or_404

from apps.accounts.jurisdiction import official_unit, scope_to_jurisdiction
from apps.bulk.kinds import CARE, KIND_CHOICES
from apps.bulk.models import Upload, UploadStatus
from apps.reports.selectors import MISSING_FILING_UNITS


def can_upload(user, kind: str) -> bool:
    unit = official_unit(user)
    if unit is None:
        return False
    if kind == CARE:
        return unit.is_cci
    return unit.unit_type in MISSING_FILING_UNITS


def upload_kinds_for(user) -> list[tuple[str, str]]:
    """The kinds of spreadsheet the user may upload, as (kind, label) choices."""
    return [(kind, label) for kind, label in KIND_CHOICES if can_upload(user, kind)]


def can_bulk_upload(user) -> bool:
    return bool(upload_kinds_for(user))


def require_upload(user, kind: str) -> None:
    if not can_upload(user, kind):
        raise PermissionDenied


def uploads_for(user):
    return scope_to_jurisdiction(Upload.objects.all(), user, unit_path="unit")


def upload_for(user, pk: int) -> Upload:
    if official_unit(user) is None:
        raise PermissionDenied
    return get_object_or_404(uploads_for(user), pk=pk)


def earlier_upload_of(unit, kind: str, sha256: str) -> Upload | None:
    """The unit's earlier upload of this file, a processed one first; one that could not be read
    does not count."""
    return (
        Upload.objects.filter(unit=unit, kind=kind, sha256=sha256)
        .exclude(status=UploadStatus.FAILED)
        .order_by(Case(When(status=UploadStatus.DONE, then=0), default=1), "pk")
        .first()
    )
