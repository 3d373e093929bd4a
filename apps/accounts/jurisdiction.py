"""The one way to limit records to what an official may see: nation, state, district or own unit.

Every selector that reads non-public records passes its queryset through `scope_to_jurisdiction`,
naming the path from the model to the unit that owns each record.
"""

from dataclasses import dataclass, replace

from django.db.models import QuerySet

from apps.accounts.models import Level
from apps.directory.models import Unit, UnitType

# Units that watch over every unit of their district, whatever their officials' own level.
DISTRICT_WATCH_UNITS = frozenset({UnitType.DCPU, UnitType.CWC})


def official_unit(user):
    """The unit of a signed-in official who holds a role; None for anyone else."""
    if not user.is_authenticated or user.unit_id is None or user.level is None:
        return None
    return user.unit


@dataclass(frozen=True)
class Jurisdiction:
    level: Level | None
    state_id: int | None = None
    district_id: int | None = None
    unit_id: int | None = None

    @classmethod
    def of(cls, user) -> "Jurisdiction":
        unit = official_unit(user)
        if unit is None:
            return cls(level=None)
        return cls(
            level=user.level,
            state_id=unit.state_id,
            district_id=unit.district_id,
            unit_id=unit.pk,
        )

    @classmethod
    def watching(cls, user, watchers: frozenset = DISTRICT_WATCH_UNITS) -> "Jurisdiction":
        """As `of`, but an official of a unit in `watchers` sees their whole district."""
        scope = cls.of(user)
        if scope.level == Level.UNIT and user.unit.unit_type in watchers:
            return replace(scope, level=Level.DISTRICT)
        return scope

    def lookups(self, unit_path: str) -> dict | None:
        """Filter arguments that keep records owned inside this jurisdiction; None keeps nothing."""
        prefix = f"{unit_path}__" if unit_path else ""
        if self.level is None:
            return None
        if self.level == Level.NATION:
            return {}
        if self.level == Level.STATE:
            return {f"{prefix}state_id": self.state_id}
        if self.level == Level.DISTRICT:
            return {f"{prefix}district_id": self.district_id}
        return {f"{prefix}pk": self.unit_id}

    def unit_ids(self) -> list[int] | None:
        """The ids of the units inside this jurisdiction, for filtering records that carry their
        owning unit's id; None when that is every unit (the nation)."""
        lookups = self.lookups("")
        if lookups == {}:
            return None
        if lookups is None:
            return []
        return list(Unit.objects.filter(**lookups).values_list("pk", flat=True))

    def covers_state(self, state) -> bool:
        """Whether the whole State/UT lies inside this jurisdiction."""
        return {Level.NATION: True, Level.STATE: state.pk == self.state_id}.get(self.level, False)

    def covers_district(self, district) -> bool:
        """Whether the whole district lies in this jurisdiction (a unit's never does)."""
        return {
            None: False,
            Level.NATION: True,
            Level.STATE: district.state_id == self.state_id,
            Level.DISTRICT: district.pk == self.district_id,
            Level.UNIT: False,
        }[self.level]

    def covers_unit(self, unit) -> bool:
        if self.level is None:
            return False
        return {
            Level.NATION: True,
            Level.STATE: unit.state_id == self.state_id,
            Level.DISTRICT: unit.district_id == self.district_id,
            Level.UNIT: unit.pk == self.unit_id,
        }[self.level]


def scope_to_jurisdiction(queryset: QuerySet, user, *, unit_path: str) -> QuerySet:
    """Keep only the records of `queryset` whose owning unit (reached by `unit_path`) the user
    oversees. `unit_path` is "" when the queryset is of units themselves."""
    lookups = Jurisdiction.of(user).lookups(unit_path)
    if lookups is None:
        return queryset.none()
    return queryset.filter(**lookups)
