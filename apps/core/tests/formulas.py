"""What an official's spreadsheet program would make of a downloaded file."""

import csv
import io
import zipfile

from openpyxl import load_workbook

# Text an attacker types where the portal keeps it (a name, a place, a cell of an upload).
HOSTILE = ('=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)")
RUN_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content: bytes) -> list[str]:
    """Every cell of the CSV; fails if one would be run as a formula."""
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if runs(cell)]
    return cells


def runs(cell: str) -> bool:
    """A spreadsheet runs a CSV cell starting so as a formula, unless it is just a number."""
    if not cell.lstrip(" ").startswith(RUN_AS_FORMULA):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def xlsx_cells(content: bytes) -> list:
    """Every cell value of every sheet; fails if one is stored as a formula."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            xml = archive.read(name)
            assert b"<f>" not in xml, name
            assert b"<f " not in xml, name
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    return [cell.value for cell in cells]


def quoted(text: str) -> str:
    """The text as a CSV keeps it: behind a quote, which spreadsheets show but do not run."""
    return f"'{text}"
