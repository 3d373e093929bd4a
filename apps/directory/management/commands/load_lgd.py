import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.directory.services import (
    DATA_DIR,
    load_district_neighbours,
    load_lgd_snapshot,
    load_state_neighbours,
    read_csv,
    replace_railway_routes,
)


class Command(BaseCommand):
    help = (
        "Load States/UTs and districts from an LGD snapshot (the bundled one by default), "
        "then which States/UTs and districts border each other and the main railway routes. "
        "Safe to run again; districts missing from a newer snapshot are retired, not deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--states", type=Path, default=DATA_DIR / "lgd_states.csv")
        parser.add_argument("--districts", type=Path, default=DATA_DIR / "lgd_districts.csv")
        parser.add_argument(
            "--state-names",
            type=Path,
            default=DATA_DIR / "state_names.csv",
            help="The States/UTs' names in the scheduled languages (columns state_code, name_hi…).",
        )
        parser.add_argument(
            "--state-neighbours", type=Path, default=DATA_DIR / "state_neighbours.csv"
        )
        parser.add_argument(
            "--district-neighbours", type=Path, default=DATA_DIR / "district_neighbours.csv"
        )
        parser.add_argument("--railway-routes", type=Path, default=DATA_DIR / "railway_routes.csv")
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date of the snapshot (YYYY-MM-DD, default today); retired districts get it.",
        )

    def handle(self, *args, states, districts, state_names, date, **options):
        paths = [states, districts, state_names] + [
            options[name] for name in ("state_neighbours", "district_neighbours", "railway_routes")
        ]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        try:
            report = load_lgd_snapshot(
                state_rows=read_csv(states),
                district_rows=read_csv(districts),
                state_name_rows=read_csv(state_names),
                snapshot_date=date or timezone.localdate(),
            )
        except (KeyError, ValueError) as error:
            raise CommandError(f"The snapshot is not in the LGD format: {error}") from error
        self.stdout.write(
            f"States/UTs: {report.states_created} created, {report.states_updated} updated. "
            f"Districts: {report.districts_created} created, {report.districts_updated} updated, "
            f"{report.districts_restored} restored, {len(report.districts_retired)} retired. "
            f"Names of States/UTs in {report.name_languages} languages besides English."
        )
        for name in report.districts_retired:
            self.stdout.write(f"  retired: {name}")
        self._load_geography(options)

    def _load_geography(self, options):
        try:
            states = load_state_neighbours(rows=read_csv(options["state_neighbours"]))
            districts = load_district_neighbours(rows=read_csv(options["district_neighbours"]))
            routes = replace_railway_routes(rows=read_csv(options["railway_routes"]))
        except (KeyError, ValueError) as error:
            raise CommandError(
                f"A neighbours or routes file is not as expected: {error}"
            ) from error
        self.stdout.write(
            f"Neighbouring States/UTs: {states.pairs_added} pairs added. "
            f"Neighbouring districts: {districts.pairs_added} pairs added. "
            f"Railway routes: {routes.routes} loaded ({routes.stops} districts along them)."
        )
        unknown = states.unknown_codes | districts.unknown_codes | routes.unknown_codes
        if unknown:
            codes = ", ".join(map(str, sorted(unknown)))
            self.stdout.write(f"Not in the directory, skipped: {codes}")
