from apps.directory.management.csv_command import CsvLoadCommand
from apps.directory.services import replace_railway_routes


class Command(CsvLoadCommand):
    help = (
        "Replace the railway routes with those of a CSV (columns route, district_codes: the LGD "
        "codes of the districts the line runs through, in order, separated by spaces)."
    )
    columns = "route, district_codes"

    def load(self, rows):
        return replace_railway_routes(rows=rows)

    def loaded(self, report) -> str:
        return f"{report.routes} railway routes ({report.stops} districts) loaded."
