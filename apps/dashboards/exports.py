"""A dashboard table as a CSV or Excel file."""

from openpyxl import Workbook
from openpyxl.styles import Font

from apps.core.spreadsheets import csv_bytes, xlsx_bytes
from apps.dashboards.tables import Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit


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
    sheet.column_dimensions["A"].width = max([12, *(len(str(row[0])) for row in table.records())])
    sheet.freeze_panes = "B2"
    return xlsx_bytes(workbook)


FORMATS = {"csv": (as_csv, CSV_TYPE), "xlsx": (as_xlsx, XLSX_TYPE)}
