"""What the directory's CSV loading commands share: a file argument, its columns named in the
error when a row lacks one, and the LGD codes the directory does not know listed."""

from abc import ABC, abstractmethod
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.directory.services import read_csv


class CsvLoadCommand(BaseCommand, ABC):
    columns = ""  # named in the error when a row lacks one or holds no number

    @abstractmethod
    def load(self, rows):
        """Load the rows; returns a report with `unknown_codes`."""

    @abstractmethod
    def loaded(self, report) -> str:
        """The line that says what was loaded."""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = self.load(read_csv(path))
        except (KeyError, ValueError) as error:
            raise CommandError(f"Expected columns {self.columns}: {error}") from error
        self.stdout.write(self.loaded(report))
        if report.unknown_codes:
            codes = ", ".join(map(str, sorted(report.unknown_codes)))
            self.stdout.write(f"Not in the directory, skipped: {codes}")
