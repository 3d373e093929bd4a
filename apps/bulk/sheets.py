"""The spreadsheet shapes of the three bulk uploads, made from the web forms themselves.

Each kind's columns are the fields of the form an official fills on the web (the found report
form and the admission form for a child in care), so the template, the checks on every row and
the web form never drift apart. A header cell reads "Label * [machine_key]": the label is in the
official's language, the key lets the portal read the column whatever the language or order.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apps.bulk.files import MAX_FILE_BYTES, SheetError, csv_rows, too_large, xlsx_rows
from apps.bulk.kinds import CARE, FOUND, MISSING
from apps.care.forms import AdmissionForm
from apps.care.models import ChildInCare
from apps.core.spreadsheets import csv_bytes, xlsx_bytes
from apps.reports.forms import DistrictField, FoundReportForm, MissingReportForm
from apps.reports.models import Report

REFERENCE = "reference"
# Filled in by the web form's own page or by the portal, never typed in a sheet.
NOT_IN_SHEETS = frozenset({"photos", "remove_photos", "reason"})
# A child in care is placed in the uploading institution.
PLACED_HERE = frozenset({"placement", "placed_at", "handed_over_to"})
KEY_IN_HEADER = re.compile(r"\[([a-z0-9_]+)\]\s*$")
XLSX_MAGIC = b"PK\x03\x04"
DATA_SHEET = "Data"
LISTS_SHEET = "Lists"
DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_FORMAT = "%d/%m/%Y"


@dataclass(frozen=True)
class Column:
    key: str
    field: forms.Field | None  # None for the row's own reference

    @property
    def label(self) -> str:
        if self.field is None:
            return _("Your reference")
        return str(self.field.label)

    @property
    def required(self) -> bool:
        return self.field is None or self.field.required

    @property
    def header(self) -> str:
        return f"{self.label}{' *' if self.required else ''} [{self.key}]"


def row_forms(kind: str, data, *, official) -> list[forms.Form]:
    """The bound web forms that check one row (and, valid, make the report and admission)."""
    if kind == MISSING:
        return [MissingReportForm(data, instance=Report(kind=MISSING), official=official)]
    report_data = data
    if kind == CARE and data is not None:
        report_data = {**data, "placement": "cci", "placed_at": official.unit_id}
    found = FoundReportForm(report_data, instance=Report(kind=FOUND), official=official)
    if kind == FOUND:
        return [found]
    return [found, AdmissionForm(data, instance=ChildInCare(), institution=official.unit)]


def columns_for(kind: str, *, official) -> list[Column]:
    """One column per field; a field both forms of a row have (the special drive of a child
    found and admitted) is one column, its cell given to both."""
    columns = [Column(REFERENCE, None)]
    for form in row_forms(kind, None, official=official):
        ordered = [name for _title, names in getattr(form, "fieldsets", []) for name in names]
        names = dict.fromkeys([*ordered, *form.fields])
        hidden = NOT_IN_SHEETS | (PLACED_HERE if kind == CARE else frozenset())
        hidden |= {column.key for column in columns}
        columns += [
            Column(name, form.fields[name])
            for name in names
            if name in form.fields and name not in hidden
        ]
    return columns


# --- Templates ---


def csv_template(columns: list[Column]) -> bytes:
    return csv_bytes([[column.header for column in columns]])


def xlsx_template(columns: list[Column]) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    data.append([column.header for column in columns])
    data.freeze_panes = "A2"
    for cell in data[1]:
        cell.font = Font(bold=True)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_number = 0
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        data.column_dimensions[letter].width = max(14, min(40, len(column.header)))
        options = choice_labels(column.field)
        if not options:
            continue
        list_number += 1
        list_letter = get_column_letter(list_number)
        for row, option in enumerate(options, start=1):
            lists.cell(row=row, column=list_number, value=option)
        validation = DataValidation(
            type="list",
            formula1=f"={LISTS_SHEET}!${list_letter}$1:${list_letter}${len(options)}",
            allow_blank=True,
            # Several languages go into one cell, so the list only suggests for them.
            showErrorMessage=not isinstance(column.field, forms.MultipleChoiceField),
        )
        data.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}5001")
    _write_instructions(workbook.create_sheet(_("Instructions"), 0), columns)
    return xlsx_bytes(workbook)


def choice_labels(field) -> list[str]:
    if field is None:
        return []
    if isinstance(field, forms.BooleanField):
        return [_("Yes"), _("No")]
    if isinstance(field, forms.ModelChoiceField):
        if isinstance(field, DistrictField):
            return sorted({district.name for district in field.queryset})
        return [str(option) for option in field.queryset]
    if isinstance(field, forms.ChoiceField):
        return [str(label) for value, label in field.choices if value != ""]
    return []


def _write_instructions(sheet, columns: list[Column]) -> None:
    lines = [
        _("How to fill this template"),
        _("Fill one row of the sheet named Data for each child. Keep the header row."),
        _("Columns marked * are required. Choose from the list where a cell offers one."),
        _("Dates: day/month/year, for example 05/03/2026; with the time: 05/03/2026 14:30."),
        _("Several languages: separate them with commas. Publication consent: Yes or No."),
        _(
            "Your reference is your own register number for the child, unique in your unit: "
            "a row whose reference was already uploaded is skipped, so uploading the same file "
            "again, or the file with new rows added, imports nothing twice."
        ),
        _("At most %(rows)d rows per file.") % {"rows": MAX_ROWS},
        "",
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Column"), _("Required"), _("Help")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in columns:
        help_text = str(column.field.help_text) if column.field is not None else ""
        sheet.append([column.header, _("Yes") if column.required else "", help_text])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["C"].width = 80


# --- Reading a filled sheet ---

MAX_ROWS = 5000


def read_rows(data: bytes, columns: list[Column]) -> list[tuple[int, dict]]:
    """(row number in the sheet, {column key: cell value}) of every row that is not empty.

    Reading stops at the first row over the limit, and only the template's columns are kept.
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_large()
    rows = xlsx_rows(data, DATA_SHEET) if data.startswith(XLSX_MAGIC) else csv_rows(data)
    _number, header = next(rows, (None, []))
    keys = _header_keys(header, columns)
    result = []
    for number, row in rows:
        values = {key: row[i] for i, key in keys.items() if i < len(row)}
        if any(cell_text(value) for value in values.values()):
            result.append((number, values))
        if len(result) > MAX_ROWS:
            raise SheetError(_("The file has more than %(rows)d rows.") % {"rows": MAX_ROWS})
    return result


def _header_keys(header, columns: list[Column]) -> dict[int, str]:
    known = {column.key: column for column in columns}
    by_label = {column.label.casefold(): column.key for column in columns}
    keys = {}
    for position, cell in enumerate(header):
        text = cell_text(cell)
        match = KEY_IN_HEADER.search(text)
        key = match.group(1) if match else by_label.get(text.rstrip(" *").casefold(), text)
        if key in known:
            keys[position] = key
    if REFERENCE not in keys.values():
        raise SheetError(
            _(
                "The first row of the file must be the template's header row; the column "
                "%(column)s was not found. Download the template and copy your rows into it."
            )
            % {"column": Column(REFERENCE, None).header}
        )
    return keys


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATE_TIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
