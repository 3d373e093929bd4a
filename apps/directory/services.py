"""Writes to the national directory."""

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from apps.directory.models import District, RailwayRoute, RailwayRouteStop, State
from trackchild.languages import SCHEDULED_LANGUAGES

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LgdLoadReport:
    states_created: int = 0
    states_updated: int = 0
    districts_created: int = 0
    districts_updated: int = 0
    districts_retired: list[str] = field(default_factory=list)
    districts_restored: int = 0
    name_languages: int = 0  # how many languages the States/UTs' names were given in

    @property
    def changed(self) -> bool:
        return any(
            [
                self.states_created,
                self.states_updated,
                self.districts_created,
                self.districts_updated,
                self.districts_retired,
                self.districts_restored,
            ]
        )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _census_code(value: str) -> int | None:
    # LGD gives 0 for States/UTs formed after the census.
    return (int(value) or None) if value else None


def _names_in_languages(row: dict[str, str]) -> dict[str, str]:
    """The name_<code> columns of a scheduled language that a row of state_names.csv fills;
    an empty cell leaves the name to fall back to English."""
    columns = (f"name_{language.code}" for language in SCHEDULED_LANGUAGES)
    return {column: row[column].strip() for column in columns if (row.get(column) or "").strip()}


def _save_if_changed(instance, values: dict) -> bool:
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in changed.items():
        setattr(instance, name, value)
    if changed:
        instance.save(update_fields=list(changed))
    return bool(changed)


@transaction.atomic
def load_lgd_snapshot(
    *,
    state_rows: list[dict[str, str]],
    district_rows: list[dict[str, str]],
    state_name_rows: list[dict[str, str]],
    snapshot_date: datetime.date,
) -> LgdLoadReport:
    """Bring States/UTs and districts in line with one LGD snapshot; safe to run again.

    Districts missing from the snapshot are retired on its date, never deleted, because reports
    and units keep pointing at them; a district that comes back is restored. The States/UTs'
    names in the scheduled languages come from `state_name_rows` (data/state_names.csv).
    """
    report = LgdLoadReport()
    local_names = {int(row["state_code"]): _names_in_languages(row) for row in state_name_rows}
    report.name_languages = len({column for names in local_names.values() for column in names})
    states = {state.lgd_code: state for state in State.objects.all()}
    for row in state_rows:
        code = int(row["state_code"])
        values = {
            "name_en": row["state_name"].strip(),
            "kind": row["state_or_ut"].strip(),
            "census_2011_code": _census_code(row.get("census_2011_code", "")),
        }
        values.update(local_names.get(code, {}))
        if code not in states:
            states[code] = State.objects.create(lgd_code=code, **values)
            report.states_created += 1
        elif _save_if_changed(states[code], values):
            report.states_updated += 1

    districts = {district.lgd_code: district for district in District.objects.all()}
    in_snapshot = set()
    for row in district_rows:
        code = int(row["district_code"])
        in_snapshot.add(code)
        values = {
            "name_en": row["district_name"].strip(),
            "state_id": states[int(row["state_code"])].pk,
        }
        district = districts.get(code)
        if district is None:
            District.objects.create(lgd_code=code, **values)
            report.districts_created += 1
            continue
        if district.retired_on is not None:
            values["retired_on"] = None
            _save_if_changed(district, values)
            report.districts_restored += 1
        elif _save_if_changed(district, values):
            report.districts_updated += 1

    for code, district in districts.items():
        if code not in in_snapshot and district.retired_on is None:
            _save_if_changed(district, {"retired_on": snapshot_date})
            report.districts_retired.append(district.name_en)
    return report


@dataclass
class NeighbourLoadReport:
    pairs_added: int = 0
    unknown_codes: set[int] = field(default_factory=set)


@transaction.atomic
def load_district_neighbours(*, rows: list[dict[str, str]]) -> NeighbourLoadReport:
    """Record which districts border each other (both ways). Codes the directory does not hold
    are reported rather than guessed; pairs already known are left alone."""
    report = NeighbourLoadReport()
    pairs = [(int(row["district_code"]), int(row["neighbour_code"])) for row in rows]
    districts = District.objects.in_bulk(
        {code for pair in pairs for code in pair}, field_name="lgd_code"
    )
    through = District.neighbours.through
    known = {
        frozenset(pair)
        for pair in through.objects.values_list("from_district_id", "to_district_id")
    }
    added = []
    for district_code, neighbour_code in pairs:
        missing = {district_code, neighbour_code} - districts.keys()
        if missing:
            report.unknown_codes |= missing
            continue
        pair = frozenset((districts[district_code].pk, districts[neighbour_code].pk))
        if len(pair) == 2 and pair not in known:
            known.add(pair)
            added.append(pair)
    # Symmetrical: both directions are stored, as District.neighbours.add would.
    through.objects.bulk_create(
        through(from_district_id=a, to_district_id=b) for x, y in added for a, b in ((x, y), (y, x))
    )
    report.pairs_added = len(added)
    return report


@transaction.atomic
def load_state_neighbours(*, rows: list[dict[str, str]]) -> NeighbourLoadReport:
    """Record which States/UTs share a border (both ways); unknown codes are reported."""
    report = NeighbourLoadReport()
    pairs = [(int(row["state_code"]), int(row["neighbour_code"])) for row in rows]
    states = State.objects.in_bulk({code for pair in pairs for code in pair}, field_name="lgd_code")
    through = State.neighbours.through
    known = {
        frozenset(pair) for pair in through.objects.values_list("from_state_id", "to_state_id")
    }
    added = []
    for state_code, neighbour_code in pairs:
        missing = {state_code, neighbour_code} - states.keys()
        if missing:
            report.unknown_codes |= missing
            continue
        pair = frozenset((states[state_code].pk, states[neighbour_code].pk))
        if len(pair) == 2 and pair not in known:
            known.add(pair)
            added.append(pair)
    through.objects.bulk_create(
        through(from_state_id=a, to_state_id=b) for x, y in added for a, b in ((x, y), (y, x))
    )
    report.pairs_added = len(added)
    return report


@dataclass
class RouteLoadReport:
    routes: int = 0
    stops: int = 0
    unknown_codes: set[int] = field(default_factory=set)


@transaction.atomic
def replace_railway_routes(*, rows: list[dict[str, str]]) -> RouteLoadReport:
    """Make the routes exactly those of `rows` (columns route, district_codes: LGD codes in order,
    separated by spaces). A code the directory does not hold is reported and left out of its
    route; the rest of the route stands."""
    report = RouteLoadReport()
    routes = {
        row["route"].strip(): [int(code) for code in row["district_codes"].split()] for row in rows
    }
    districts = District.objects.in_bulk(
        {code for codes in routes.values() for code in codes}, field_name="lgd_code"
    )
    RailwayRoute.objects.all().delete()
    for name, codes in routes.items():
        report.unknown_codes |= set(codes) - districts.keys()
        known = [districts[code] for code in codes if code in districts]
        if len(known) < 2:
            continue
        route = RailwayRoute.objects.create(name=name)
        RailwayRouteStop.objects.bulk_create(
            RailwayRouteStop(route=route, district=district, position=position)
            for position, district in enumerate(known)
        )
        report.routes += 1
        report.stops += len(known)
    return report
