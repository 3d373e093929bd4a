from apps.directory.management.csv_command import CsvLoadCommand
from apps.directory.services import load_district_neighbours


class Command(CsvLoadCommand):
    help = (
        "Record which districts border each other, from a CSV of LGD district codes "
        "(columns district_code, neighbour_code). Safe to run again."
    )
    columns = "district_code, neighbour_code"

    def load(self, rows):
        return load_district_neighbours(rows=rows)

    def loaded(self, report) -> str:
        return f"{report.pairs_added} pairs of neighbouring districts added."
