"""Someone uploads a file made to exhaust the portal's memory: it is refused with a message, or
read within bounds, and never read further than the row limit or wider than the template."""

import io

from apps.bulk.models import Upload, UploadStatus
from apps.bulk.sheets import MAX_ROWS, columns_for
from apps.bulk.tests.conftest import missing_row, sheet_xlsx
from apps.bulk.tests.hostile_files import (
    DATA_SHEET_XML,
    declaring,
    edit_part,
    far_to_the_right,
    zip_bomb,
)
from apps.reports.models import Report


def uploaded(name: str, content: bytes) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def failure(response) -> str:
    stored = Upload.objects.get()
    assert stored.status == UploadStatus.FAILED
    assert Report.objects.count() == 0
    [[_row, _column, _value, message]] = stored.errors
    assert message in response.content.decode()
    return message


def test_a_sheet_claiming_every_cell_of_excel_is_refused(upload, officer, khordha):
    workbook = sheet_xlsx(officer, "missing", [missing_row(1), missing_row(2)]).read()
    bomb = declaring(far_to_the_right(workbook))

    response = upload(officer, "missing", uploaded("bomb.xlsx", bomb))

    assert "says it is A1:XFD1048576 cells large" in failure(response)


def test_cells_beyond_the_templates_columns_are_ignored(upload, officer, khordha):
    workbook = sheet_xlsx(officer, "missing", [missing_row(1), missing_row(2)]).read()

    upload(officer, "missing", uploaded("wide.xlsx", far_to_the_right(workbook)))

    stored = Upload.objects.get()
    assert (stored.status, stored.rows_imported, stored.errors) == (UploadStatus.DONE, 2, [])


def test_a_workbook_that_unzips_to_gigabytes_is_refused_before_unzipping(upload, officer, khordha):
    workbook = sheet_xlsx(officer, "missing", [missing_row(1)]).read()

    response = upload(officer, "missing", uploaded("bomb.xlsx", zip_bomb(workbook)))

    assert "unpacks to far more data than a filled template" in failure(response)


def test_reading_stops_at_the_first_row_over_the_limit(upload, officer, khordha):
    header = ",".join(column.header for column in columns_for("missing", official=officer))
    rows = "".join(f"REG-{number}\n" for number in range(MAX_ROWS + 2000))
    # Were it read, this would fail the file as not UTF-8 instead.
    content = f"{header}\n{rows}".encode() + b"\xff\xfe broken\n"

    response = upload(officer, "missing", uploaded("long.csv", content))

    assert failure(response) == f"The file has more than {MAX_ROWS} rows."


def test_reading_a_workbook_stops_at_the_first_row_over_the_limit(upload, officer, khordha):
    rows = [{"reference": f"REG-{number}"} for number in range(MAX_ROWS + 1)]
    workbook = sheet_xlsx(officer, "missing", rows).read()
    # Were it read, this row would fail the file as unreadable instead.
    broken = edit_part(
        workbook,
        DATA_SHEET_XML,
        lambda xml: xml.replace(b"</sheetData>", b'<row r="x"/></sheetData>'),
    )

    response = upload(officer, "missing", uploaded("long.xlsx", broken))

    assert failure(response) == f"The file has more than {MAX_ROWS} rows."


def test_a_csv_row_longer_than_any_templates_is_refused(upload, officer, khordha):
    header = ",".join(column.header for column in columns_for("missing", official=officer))
    content = f"{header}\nREG-1{',ab' * 200_000}\n".encode()

    response = upload(officer, "missing", uploaded("wide.csv", content))

    assert "far longer than a row of the template" in failure(response)
