"""A dashboard table as a CSV or Excel file."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from apps.dashboards.tables import Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheets read Hindi and Bengali names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.header())
    writer.writerows(table.records())
    return buffer.getvalue().encode("utf-8-sig")


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
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {"csv": (as_csv, CSV_TYPE), "xlsx": (as_xlsx, XLSX_TYPE)}
