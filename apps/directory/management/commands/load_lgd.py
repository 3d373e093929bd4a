import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.directory.services import DATA_DIR, load_lgd_snapshot, read_csv


class Command(BaseCommand):
    help = (
        "Load States/UTs and districts from an LGD snapshot (the bundled one by default). "
        "Safe to run again; districts missing from a newer snapshot are retired, not deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--states", type=Path, default=DATA_DIR / "lgd_states.csv")
        parser.add_argument("--districts", type=Path, default=DATA_DIR / "lgd_districts.csv")
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date of the snapshot (YYYY-MM-DD, default today); retired districts get it.",
        )

    def handle(self, *args, states, districts, date, **options):
        for path in (states, districts):
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        try:
            report = load_lgd_snapshot(
                state_rows=read_csv(states),
                district_rows=read_csv(districts),
                local_name_rows=read_csv(DATA_DIR / "state_names_local.csv"),
                snapshot_date=date or timezone.localdate(),
            )
        except (KeyError, ValueError) as error:
            raise CommandError(f"The snapshot is not in the LGD format: {error}") from error
        self.stdout.write(
            f"States/UTs: {report.states_created} created, {report.states_updated} updated. "
            f"Districts: {report.districts_created} created, {report.districts_updated} updated, "
            f"{report.districts_restored} restored, {len(report.districts_retired)} retired."
        )
        for name in report.districts_retired:
            self.stdout.write(f"  retired: {name}")
