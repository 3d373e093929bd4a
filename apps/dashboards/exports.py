"""A dashboard table as a CSV or Excel file."""

from openpyxl import Workbook
from openpyxl.styles import Font

from apps.core.spreadsheets import csv_bytes, xlsx_bytes
from apps.dashboards.tables import Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit
# Excel shows the figures grouped in lakhs and crores (12,34,567), whatever its own locale; the
# CSV keeps plain digits, which every program reads as numbers.
INDIAN_GROUPING = r"[>=10000000]##\,##\,##\,##0;[>=100000]##\,##\,##0;##,##0"
INDIAN_GROUPING_DECIMALS = r"[>=10000000]##\,##\,##\,##0.0;[>=100000]##\,##\,##0.0;##,##0.0"


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheets read Hindi and Bengali names correctly."""
    return csv_bytes([table.header(), *table.records()])


def as_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:SHEET_TITLE_LENGTH]
    sheet.append(table.header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in table.records():
        sheet.append(record)
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, int):
                cell.number_format = INDIAN_GROUPING
            elif isinstance(cell.value, float):
                cell.number_format = INDIAN_GROUPING_DECIMALS
    sheet.column_dimensions["A"].width = max([12, *(len(str(row[0])) for row in table.records())])
    sheet.freeze_panes = "B2"
    return xlsx_bytes(workbook)


FORMATS = {"csv": (as_csv, CSV_TYPE), "xlsx": (as_xlsx, XLSX_TYPE)}
