"""Public reads of the directory: anyone may look a unit up."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from apps.directory.models import (
    POLICE_UNIT_TYPES,
    District,
    NodalOfficer,
    State,
    Unit,
    UnitType,
)

STATION_TYPES = (UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE)
# The national child helpline: the last number anyone is given, as it always answers.
CHILD_HELPLINE_PHONE = "1098"


def states_with_counts():
    return State.objects.annotate(
        district_count=Count("districts", filter=Q(districts__retired_on__isnull=True)),
        unit_count=Count("units", filter=Q(units__is_active=True), distinct=True),
    )


def directory_size() -> dict[str, int]:
    """How many States/UTs, current districts and active units the directory lists."""
    return {
        "state_count": State.objects.count(),
        "district_count": District.objects.current().count(),
        "unit_count": Unit.objects.filter(is_active=True).count(),
    }


def search_units(*, query="", state=None, district=None, unit_type=""):
    units = Unit.objects.filter(is_active=True).select_related("state", "district")
    if query:
        units = units.filter(
            Q(name__icontains=query) | Q(address__icontains=query) | Q(pin_code=query)
        )
    if state is not None:
        units = units.filter(state=state)
    if district is not None:
        units = units.filter(district=district)
    if unit_type:
        units = units.filter(unit_type=unit_type)
    return units.order_by("state__name_en", "district__name_en", "name")


def nodal_officers_of_state(state):
    return NodalOfficer.objects.filter(
        scope=NodalOfficer.Scope.STATE, unit__state=state
    ).select_related("unit")


def nodal_officers_of_district(district):
    return NodalOfficer.objects.filter(
        scope=NodalOfficer.Scope.DISTRICT, unit__district=district
    ).select_related("unit")


def districts_of(state):
    return District.objects.filter(state=state).annotate(
        unit_count=Count("units", filter=Q(units__is_active=True))
    )


def police_stations_in(district):
    return Unit.objects.filter(
        unit_type__in=STATION_TYPES, district=district, is_active=True
    ).order_by("name")


def default_station(district) -> Unit | None:
    """When whoever reports a child does not know the station: the district police office,
    which forwards it, or else the first station of the district."""
    office = Unit.objects.filter(
        unit_type=UnitType.DISTRICT_POLICE, district=district, is_active=True
    ).first()
    return office or police_stations_in(district).first()


def child_protection_units_of(district_id: int):
    """The district's DCPU (normally one), which watches over every child of the district."""
    return Unit.objects.filter(
        unit_type=UnitType.DCPU, district_id=district_id, is_active=True
    ).order_by("pk")


def public_contact_for(unit: Unit, *, where) -> Unit | None:
    """Whom a member of the public is sent to about a child this unit reported (`where`: the
    district it happened in): a police unit itself; for any other unit (a children's home, a
    CWC, an NGO, a State office) its district's DCPU, or else the district's police office, so
    that no one learns from the portal where a child is sheltered."""
    if unit.unit_type in POLICE_UNIT_TYPES:
        return unit
    district = unit.district or where
    if district is None:
        return None
    return child_protection_units_of(district.pk).first() or default_station(district)


@dataclass(frozen=True)
class PublicPhone:
    """A number the public may call, and whose it is: `unit` is None for the child helpline."""

    unit: Unit | None
    phone: str

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else str(_("Child helpline"))

    def __str__(self):
        return self.phone


def public_phone_for(unit: Unit) -> PublicPhone:
    """The number a family or citizen is given for `unit`: its own; else its district's
    Superintendent of Police's office; else the district's DCPU; else the child helpline 1098,
    so no public page or SMS is ever left without a number to call."""
    if unit.phone:
        return PublicPhone(unit, unit.phone)
    if unit.district_id is not None:
        for unit_type in (UnitType.DISTRICT_POLICE, UnitType.DCPU):
            fallback = (
                Unit.objects.filter(unit_type=unit_type, district_id=unit.district_id)
                .filter(is_active=True)
                .exclude(phone="")
                .order_by("pk")
                .first()
            )
            if fallback is not None:
                return PublicPhone(fallback, fallback.phone)
    return PublicPhone(None, CHILD_HELPLINE_PHONE)
