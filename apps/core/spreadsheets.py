"""Every CSV and XLSX file the portal writes goes through here, so that no text typed by anyone
(a child's name, a unit's name, a cell of an uploaded sheet) can run as a formula in the
spreadsheet program of the official who opens the file (OWASP "CSV injection").

Only text is neutralised: numbers, dates and empty cells are written as they are, so a negative
figure stays a number.
"""

import csv
import io

from openpyxl import Workbook

# A spreadsheet program reads a cell starting with one of these as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"  # lets spreadsheet programs read Indian scripts as UTF-8


def starts_formula(value) -> bool:
    # Leading spaces too: some programs trim them before deciding.
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS)


def csv_text(value):
    """The value for a CSV cell: text that would start a formula gets a leading quote, which
    spreadsheet programs show as text and do not evaluate."""
    return f"'{value}" if starts_formula(value) else value


class CsvWriter:
    """csv.writer whose text cells cannot start a formula."""

    def __init__(self, output):
        self._writer = csv.writer(output)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_text(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def csv_bytes(rows) -> bytes:
    """A whole CSV file, UTF-8 with a byte-order mark."""
    output = io.StringIO()
    output.write(BYTE_ORDER_MARK)
    CsvWriter(output).writerows(rows)
    return output.getvalue().encode("utf-8")


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The saved workbook, every text cell stored as text.

    openpyxl stores any text starting with "=" as a live formula; such cells become plain text
    marked with the quote prefix, as when an official types a leading quote in Excel, so the
    text is kept exactly and stays text even when the cell is edited.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if starts_formula(cell.value) or cell.data_type == "f":
                    cell.data_type = "s"
                    cell.quotePrefix = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
