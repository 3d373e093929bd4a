from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.directory.services import read_csv, replace_railway_routes


class Command(BaseCommand):
    help = (
        "Replace the railway routes with those of a CSV (columns route, district_codes: the LGD "
        "codes of the districts the line runs through, in order, separated by spaces)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = replace_railway_routes(rows=read_csv(path))
        except (KeyError, ValueError) as error:
            raise CommandError(f"Expected columns route, district_codes: {error}") from error
        self.stdout.write(f"{report.routes} railway routes ({report.stops} districts) loaded.")
        if report.unknown_codes:
            codes = ", ".join(map(str, sorted(report.unknown_codes)))
            self.stdout.write(f"Not in the directory, skipped: {codes}")
