from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.directory.services import load_district_neighbours, read_csv


class Command(BaseCommand):
    help = (
        "Record which districts border each other, from a CSV of LGD district codes "
        "(columns district_code, neighbour_code). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = load_district_neighbours(rows=read_csv(path))
        except (KeyError, ValueError) as error:
            message = f"Expected columns district_code, neighbour_code: {error}"
            raise CommandError(message) from error
        self.stdout.write(f"{report.pairs_added} pairs of neighbouring districts added.")
        if report.unknown_codes:
            codes = ", ".join(map(str, sorted(report.unknown_codes)))
            self.stdout.write(f"Not in the directory, skipped: {codes}")
