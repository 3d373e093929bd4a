"""Reading an uploaded spreadsheet without trusting it.

A workbook is a zip of XML parts and can be made to claim anything: a sheet declaring itself
16,384 columns by a million rows (openpyxl then pads every row to that width), a few kilobytes
that unzip to gigabytes, one row of millions of cells. So the zip's declared sizes are checked
before anything is unzipped (zipfile never reads past a part's declared size), only the parts
needed are parsed, and the data sheet is streamed cell by cell, each cell dropped once read and
only the first MAX_COLUMNS columns kept. A CSV is decoded and split as it is read, a line or a
row at a time. Memory stays bounded whatever the file holds (benchmarks/bench_upload_memory.py).
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 256  # the template's columns must be among the first ones of a row
# A sheet saying it is larger is refused: blank rows are allowed, a million are not.
MAX_DECLARED_ROWS = 100_000
MAX_PARTS = 200
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 20 * 1024 * 1024
# Workbook, styles, relations...: small in any real workbook, and parsed whole by openpyxl.
MAX_OTHER_PART_BYTES = 1024 * 1024
WORKSHEETS = "xl/worksheets/"
SHARED_STRINGS_NAME = "sharedstrings.xml"
# No tag or cell text of a real sheet is this long (Excel's cells hold 32,767 characters).
MAX_XML_RUN = 256 * 1024
MAX_ELEMENTS_IN_CELL = 1000  # rich-text runs of one cell
MAX_CSV_ROW_CHARS = 256 * 1024
DIMENSION_TAG = f"{{{SHEET_MAIN_NS}}}dimension"
DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
ROW_TAG = f"{{{SHEET_MAIN_NS}}}row"
CELL_TAG = f"{{{SHEET_MAIN_NS}}}c"
STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the official."""


def too_large() -> SheetError:
    return SheetError(_("The file is too large: a spreadsheet may be at most 10 MB."))


def unreadable_xlsx() -> SheetError:
    return SheetError(_("The file is not a readable XLSX workbook."))


# --- XLSX ---


def xlsx_rows(data: bytes, sheet_name: str):
    """(row number, [the row's first MAX_COLUMNS values]) of each row the sheet stores."""
    archive = _checked_archive(data)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        targets = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()}
        target = targets.get(sheet_name) or next(iter(targets.values()))
        shared_strings = _shared_strings(archive, reader.package.find(SHARED_STRINGS))
        parser = WorkSheetParser(
            None,
            shared_strings,
            data_only=True,
            epoch=reader.wb.epoch,
            date_formats=reader.wb._date_formats,
            timedelta_formats=reader.wb._timedelta_formats,
        )
        with archive.open(target) as source:
            yield from _sheet_rows(source, parser)
    except SheetError:
        raise
    except Exception as error:  # openpyxl and the XML parser raise many kinds for a bad file
        raise unreadable_xlsx() from error


def _checked_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise unreadable_xlsx() from error
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNZIPPED_BYTES:
        raise _unzips_too_large()
    for part in parts:
        if part.filename.startswith(WORKSHEETS) and part.filename.endswith(".xml"):
            continue  # streamed
        shared = part.filename.casefold().endswith(SHARED_STRINGS_NAME)
        if part.file_size > (MAX_SHARED_STRINGS_BYTES if shared else MAX_OTHER_PART_BYTES):
            raise _unzips_too_large()
    return archive


def _unzips_too_large() -> SheetError:
    return SheetError(
        _(
            "The workbook unpacks to far more data than a filled template holds. Copy your "
            "rows into a fresh template, or save the sheet as CSV UTF-8, and upload it again."
        )
    )


def _shared_strings(archive: zipfile.ZipFile, part) -> list[str]:
    """The workbook's shared strings, read as openpyxl does but holding one at a time."""
    if part is None:
        return []
    with archive.open(part.PartName.removeprefix("/")) as source:
        return [
            Text.from_tree(element).content.replace("x005F_", "")  # as openpyxl reads them
            for event, element in _pruned(source, whole=STRING_TAG)
            if event == "end" and element.tag == STRING_TAG
        ]


def _sheet_rows(source, parser: WorkSheetParser):
    values = None
    for event, element in _pruned(source, whole=CELL_TAG):
        tag = element.tag
        if event == "start" and tag == ROW_TAG:
            number = element.get("r")
            parser.row_counter = int(number) if number else parser.row_counter + 1
            parser.col_counter = 0
            values = [None] * MAX_COLUMNS
        elif event == "end" and tag == CELL_TAG and values is not None:
            cell = parser.parse_cell(element)
            if cell["column"] <= MAX_COLUMNS:
                values[cell["column"] - 1] = cell["value"]
        elif event == "end" and tag == ROW_TAG and values is not None:
            yield parser.row_counter, values
            values = None
        elif event == "end" and tag == DIMENSION_TAG:
            _check_dimension(element.get("ref", "A1"))
        elif event == "end" and tag == DATA_TAG:
            return


def _check_dimension(ref: str) -> None:
    _min_column, _min_row, columns, rows = range_boundaries(ref.split(":")[-1])
    if columns > MAX_COLUMNS or rows > MAX_DECLARED_ROWS:
        raise SheetError(
            _(
                "The sheet says it is %(size)s cells large, far larger than a filled template. "
                "Copy your rows into a fresh template, or save the sheet as CSV UTF-8, and "
                "upload it again."
            )
            % {"size": ref}
        )


def _pruned(source, *, whole: str):
    """("start", element) as each element opens (its attributes read, not its content) and
    ("end", element) as it closes; elements of tag `whole` come complete at their end. Each
    element is dropped from the tree once closed, so the tree never holds more than the open
    elements and one `whole` element, which may itself hold few."""
    open_elements = []
    inside_whole = 0  # elements open from the current `whole` element down
    elements_in_whole = 0
    for event, element in iterparse(_LimitedRuns(source), events=("start", "end")):
        if event == "start":
            open_elements.append(element)
            if inside_whole or element.tag == whole:
                inside_whole += 1
                elements_in_whole += 1
                if elements_in_whole > MAX_ELEMENTS_IN_CELL:
                    raise unreadable_xlsx()
                if inside_whole > 1:
                    continue
            yield event, element
            continue
        open_elements.pop()
        if inside_whole:
            inside_whole -= 1
            if inside_whole:
                continue
            elements_in_whole = 0
        yield event, element
        if open_elements:
            open_elements[-1].remove(element)


class _LimitedRuns:
    """The XML source, refused when it runs on without a ">" for longer than any tag or cell
    of a real sheet: one enormous tag (millions of attributes) would be parsed whole."""

    def __init__(self, source):
        self.source = source
        self.run = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        end = chunk.rfind(b">")
        self.run = self.run + len(chunk) if end < 0 else len(chunk) - end - 1
        if self.run > MAX_XML_RUN:
            raise unreadable_xlsx()
        return chunk


# --- CSV ---


def csv_rows(data: bytes):
    """(row number, [the row's first MAX_COLUMNS values]) of each row, read as decoded."""
    lines = _LimitedLines(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    try:
        for number, row in enumerate(csv.reader(lines), start=1):
            lines.row_chars = 0
            yield number, row[:MAX_COLUMNS]
    except UnicodeDecodeError as error:
        raise SheetError(
            _('The CSV file is not in UTF-8: save it as "CSV UTF-8" and upload it again.')
        ) from error
    except csv.Error as error:
        raise _csv_row_too_long() from error


class _LimitedLines:
    """The text's lines, refused when one row of the CSV (which may span lines inside
    quotes) grows longer than any filled template's row."""

    def __init__(self, text):
        self.text = text
        self.row_chars = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.text.readline(MAX_CSV_ROW_CHARS + 1)
        if not line:
            raise StopIteration
        self.row_chars += len(line)
        if self.row_chars > MAX_CSV_ROW_CHARS:
            raise _csv_row_too_long()
        return line


def _csv_row_too_long() -> SheetError:
    return SheetError(
        _("A row of the CSV file is far longer than a row of the template: check the file.")
    )
