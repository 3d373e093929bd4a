"""Public reads of the directory: anyone may look a unit up."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.kept import KeptInProcess
from apps.directory.models import (
    POLICE_UNIT_TYPES,
    District,
    NodalOfficer,
    RailwayRoute,
    RailwayRouteStop,
    State,
    Unit,
    UnitType,
)
from apps.names.places import PlaceNames

STATION_TYPES = (UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE)


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


def state_nodal_unit(state_id: int) -> Unit | None:
    """The unit that answers for a State/UT: its State nodal officer's, else its State Child
    Protection Society / Unit (SCPS); None when the directory names neither."""
    nodal = (
        NodalOfficer.objects.filter(
            scope=NodalOfficer.Scope.STATE, unit__state_id=state_id, unit__is_active=True
        )
        .select_related("unit")
        .order_by("pk")
        .first()
    )
    if nodal is not None:
        return nodal.unit
    return (
        Unit.objects.filter(unit_type=UnitType.SCPS, state_id=state_id, is_active=True)
        .order_by("pk")
        .first()
    )


def national_unit() -> Unit | None:
    """The ministry: where what no State/UT answers for goes."""
    return Unit.objects.filter(unit_type=UnitType.MINISTRY, is_active=True).order_by("pk").first()


def districts_of(state):
    return District.objects.filter(state=state).annotate(
        unit_count=Count("units", filter=Q(units__is_active=True))
    )


def current_districts_of(state):
    return District.objects.current().filter(state=state).order_by("name_en")


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


# The national child helpline (CHILDLINE 1098, now answered through ERSS 112 as well): the
# number every public page and notice can always give.
CHILD_HELPLINE_PHONE = "1098"


class PhoneSource(models.TextChoices):
    """Whose phone a public page gives, from the best to the last resort."""

    UNIT = "unit", _("the unit itself")
    SP_OFFICE = "sp_office", _("the district Superintendent of Police's office")
    DCPU = "dcpu", _("the District Child Protection Unit")
    HELPLINE = "helpline", _("the child helpline")


@dataclass(frozen=True)
class PublicContact:
    """A phone number the public may call, and whose it is (`name`, `source`)."""

    phone: str
    name: str
    source: str

    @property
    def is_fallback(self) -> bool:
        """The number is not the unit's own: the page says whose it is."""
        return self.source != PhoneSource.UNIT


def public_phone_for(unit: Unit | None) -> PublicContact:
    """The phone a public page or notice gives for `unit`: its own, else its district's
    Superintendent of Police's office, else its district's DCPU, else the child helpline 1098,
    so that no page a member of the public sees is without a number to call."""
    if unit is not None and unit.phone:
        return PublicContact(unit.phone, unit.name, PhoneSource.UNIT)
    district_id = unit.district_id if unit is not None else None
    office = district_office_phone(district_id) if district_id is not None else None
    return office or PublicContact(
        CHILD_HELPLINE_PHONE, str(_("Child helpline")), PhoneSource.HELPLINE
    )


# A list of results asks for the district offices' phones once a row: each process keeps them
# this long, and forgets them as soon as it saves or deletes a unit itself (apps.py).
OFFICE_PHONES_KEPT_SECONDS = 60
_office_phones: KeptInProcess[PublicContact | None] = KeptInProcess(OFFICE_PHONES_KEPT_SECONDS)


def district_office_phone(district_id: int) -> PublicContact | None:
    """The district Superintendent of Police's office's phone, else its DCPU's, else None."""
    return _office_phones.get(district_id, lambda: _read_office_phone(district_id))


def _read_office_phone(district_id: int) -> PublicContact | None:
    for unit_type, source in (
        (UnitType.DISTRICT_POLICE, PhoneSource.SP_OFFICE),
        (UnitType.DCPU, PhoneSource.DCPU),
    ):
        found = (
            Unit.objects.filter(unit_type=unit_type, district_id=district_id, is_active=True)
            .exclude(phone="")
            .order_by("pk")
            .only("phone", "name")
            .first()
        )
        if found is not None:
            return PublicContact(found.phone, found.name, source)
    return None


def forget_office_phones(**_signal) -> None:
    _office_phones.forget()


# Reading a child's account of home needs every district's name: each process keeps them this
# long, and forgets them as soon as it saves or deletes a district or State/UT itself (apps.py).
PLACE_NAMES_KEPT_SECONDS = 600
_place_names: KeptInProcess[PlaceNames] = KeptInProcess(PLACE_NAMES_KEPT_SECONDS)
# The evidence of a match names States/UTs in the reader's language: by language.
_state_names: KeptInProcess[dict[str, str]] = KeptInProcess(PLACE_NAMES_KEPT_SECONDS)


def place_names() -> PlaceNames:
    """Every district (retired ones too: old reports name them) and State/UT, by its names in
    English and in each scheduled language."""
    return _place_names.get("India", _read_place_names)


def _read_place_names() -> PlaceNames:
    name_columns = [f"name_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]
    return PlaceNames(
        District.objects.values_list("pk", "name_en", "state_id"),
        ((row[0], row[1:]) for row in State.objects.values_list("pk", *name_columns)),
    )


def forget_place_names(**_signal) -> None:
    _place_names.forget()
    _state_names.forget()


def railway_routes_through(district_id: int) -> tuple[list[str], set[int]]:
    """The railway routes through a district, and every other district along them."""
    routes = list(RailwayRoute.objects.filter(stops__district_id=district_id).distinct())
    along = RailwayRouteStop.objects.filter(route__in=routes).exclude(district_id=district_id)
    return [route.name for route in routes], set(along.values_list("district_id", flat=True))


def state_names_in_active_language(names_en) -> dict[str, str]:
    """The States/UTs of these English (LGD) names, each with its name in the active language
    (English where it has none)."""
    every_state = _state_names.get(get_language(), _read_state_names)
    return {name: every_state[name] for name in set(names_en) if name in every_state}


def _read_state_names() -> dict[str, str]:
    return {state.name_en: state.name for state in State.objects.only("name_en", "name")}


def neighbouring_states() -> dict[int, set[int]]:
    """Every State/UT's neighbours, by id, in one query."""
    neighbours: dict[int, set[int]] = {}
    pairs = State.neighbours.through.objects.values_list("from_state_id", "to_state_id")
    for state_id, neighbour_id in pairs:
        neighbours.setdefault(state_id, set()).add(neighbour_id)
    return neighbours
