"""Cells as the web form's fields expect them: names of places and units as their ids, choice
labels as their codes, Yes/No as a checkbox. Anything not recognised is passed on as typed, so
the form itself refuses it with its usual message."""

import re
from datetime import datetime

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from apps.bulk.sheets import DATE_FORMAT, Column, cell_text
from apps.reports.forms import DistrictField

LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
YES = frozenset({"yes", "y", "true", "1", "हाँ", "হ্যাঁ"})


class RowValues:
    """Turns one sheet row into form data; built once per file so lookups are read once."""

    def __init__(self, columns: list[Column]):
        self.columns = [column for column in columns if column.field is not None]
        self.lookups = {column.key: _lookup(column.field) for column in self.columns}
        self.yes = YES | {_("Yes").casefold()}

    def form_data(self, row: dict) -> dict:
        data = {}
        for column in self.columns:
            value = row.get(column.key)
            if isinstance(column.field, DistrictField):
                continue  # needs its State/UT first
            data[column.key] = self._convert(column, value)
        for column in self.columns:
            if isinstance(column.field, DistrictField):
                state_key = column.field.widget.attrs["data-state-field"].removeprefix("id_")
                data[column.key] = self._district(column, row.get(column.key), data.get(state_key))
        return {key: value for key, value in data.items() if value not in ("", None, [])}

    def _convert(self, column: Column, value):
        field, lookup = column.field, self.lookups[column.key]
        if isinstance(field, forms.BooleanField):
            return "on" if cell_text(value).casefold() in self.yes else ""
        if isinstance(field, forms.DateField) and isinstance(value, datetime):
            return value.strftime(DATE_FORMAT)
        text = cell_text(value)
        if isinstance(field, forms.MultipleChoiceField):
            return [
                lookup.get(part.casefold(), part) for part in LIST_SEPARATOR.split(text) if part
            ]
        if lookup:
            return lookup.get(text.casefold(), text)
        return text

    def _district(self, column: Column, value, state_id):
        text = cell_text(value).casefold()
        if not text:
            return ""
        by_state = self.lookups[column.key]
        chosen = by_state.get((state_id, text)) or by_state.get((None, text))
        return chosen or cell_text(value)


def _lookup(field) -> dict:
    """Typed text (case-insensitive) → the value the field takes."""
    if isinstance(field, DistrictField):
        lookup, seen = {}, {}
        for district in field.queryset:
            name = district.name_en.casefold()
            lookup[(str(district.state_id), name)] = str(district.pk)
            seen.setdefault(name, []).append(str(district.pk))
        # A district name alone is enough when no other State/UT has one of that name.
        lookup.update({(None, name): pks[0] for name, pks in seen.items() if len(pks) == 1})
        return lookup
    if isinstance(field, forms.ModelChoiceField):
        lookup = {}
        for option in field.queryset:
            pk = str(getattr(option, field.to_field_name or "pk"))  # a drive goes by its code
            lookup |= {str(option).casefold(): pk, pk: pk}
            for name in ("name_en", "lgd_code"):
                if getattr(option, name, None) is not None:
                    lookup[str(getattr(option, name)).casefold()] = pk
        return lookup
    if isinstance(field, forms.ChoiceField):
        # Labels in the official's language and in English: a sheet may be shared.
        with translation.override("en"):
            english = {str(value): str(label) for value, label in field.choices}
        return {
            text.casefold(): str(value)
            for value, label in field.choices
            if value != ""
            for text in (str(value), str(label), english[str(value)])
        }
    return {}
