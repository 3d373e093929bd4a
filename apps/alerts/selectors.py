"""Who may read a district's monthly digests: those who oversee the district, and its DM's and
SP's offices, whose heads receive the digest."""

from django.core.exceptions import PermissionDenied

from apps.accounts.jurisdiction import DISTRICT_WATCH_UNITS, Jurisdiction, official_unit
from apps.alerts.models import DistrictDigest
from apps.directory.models import District, UnitType

DIGEST_READERS = DISTRICT_WATCH_UNITS | {UnitType.DISTRICT_COLLECTORATE, UnitType.DISTRICT_POLICE}


def can_read_digests_of(user, district: District) -> bool:
    return Jurisdiction.watching(user, DIGEST_READERS).covers_district(district)


def own_digest_district(user) -> District | None:
    """The district whose digests an official of a district unit reads from the menu."""
    unit = official_unit(user)
    if unit is None or unit.district is None or not can_read_digests_of(user, unit.district):
        return None
    return unit.district


def digests_of(user, lgd_code: int) -> tuple[District, list[DistrictDigest]]:
    """The district and its digests, newest first; refused alike when not allowed or unknown."""
    district = District.objects.select_related("state").filter(lgd_code=lgd_code).first()
    if district is None or not can_read_digests_of(user, district):
        raise PermissionDenied
    return district, list(DistrictDigest.objects.filter(district=district)[:24])


def latest_digest_of(district: District) -> DistrictDigest | None:
    return DistrictDigest.objects.filter(district=district).first()
