"""The error report of an upload, as CSV or XLSX, in the language of the one who reads it,
stamped with who exported it and why: its values are children's particulars."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from apps.audit.exports import stamp_workbook
from apps.core.spreadsheets import csv_bytes, xlsx_bytes


def _rows(upload) -> list[list]:
    header = [_("Row"), _("Column"), _("Value"), _("Problem")]
    return [
        header,
        *(
            [number or "", column, value, message]
            for number, column, value, message in upload.errors
        ),
    ]


def errors_csv(upload, stamp: str) -> bytes:
    return csv_bytes([[stamp], *_rows(upload)])


def errors_xlsx(upload, stamp: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Errors")
    for row in _rows(upload):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (8, 40, 30, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    stamp_workbook(workbook, stamp)
    return xlsx_bytes(workbook)
