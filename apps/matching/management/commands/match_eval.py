"""Rank the missing reports of one CSV file for each found report of another, offline.

    python manage.py match_eval --missing M.csv --found F.csv --out pairs.csv [--top 10]
                                [--no-photos]

Runs the matching engine on the two files without touching the database, and writes
found_id,missing_id,rank,score (rank 1 = best) for each found report's top candidates. The
input columns are described in apps/matching/engine/csvfiles.py and docs/matching.md. A photo
without a face, with several faces or that is not an image is named on stderr by file and line,
and the run goes on; a bad value or a photo path that cannot be read stops it.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.matching.engine import RecordFileError, default_photo_encoder, match_csv_files


class Command(BaseCommand):
    help = "Rank a CSV of missing reports for each report in a CSV of found reports (no DB)."
    # Offline evaluation: no system checks, so no database connection is opened either.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--missing", required=True, type=Path, help="CSV of missing reports")
        parser.add_argument("--found", required=True, type=Path, help="CSV of found reports")
        parser.add_argument("--out", required=True, type=Path, help="CSV file to write")
        parser.add_argument(
            "--top", type=int, default=10, help="candidates per found report (default 10)"
        )
        parser.add_argument(
            "--no-photos",
            action="store_true",
            help="ignore the photo column even when faces can be encoded",
        )

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        for name in ("missing", "found"):
            if not options[name].is_file():
                raise CommandError(f"--{name}: no such file: {options[name]}")
        encode_photo = None if options["no_photos"] else default_photo_encoder()
        started = time.perf_counter()
        try:
            rows = match_csv_files(
                options["missing"],
                options["found"],
                options["out"],
                top=options["top"],
                encode_photo=encode_photo,
                warn=self.warn,
            )
        except RecordFileError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{options['out']}: cannot be written ({error})") from error
        photos = "with faces from photos" if encode_photo else "without photos"
        self.stdout.write(
            f"Wrote {rows} rows to {options['out']} ({photos}) in "
            f"{time.perf_counter() - started:.1f} s."
        )

    def warn(self, message: str) -> None:
        """A photo that gave no single face: said on stderr, and the run goes on."""
        self.stderr.write(message, style_func=self.style.WARNING)
