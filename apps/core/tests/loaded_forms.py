"""Reading an edit form's page the way a browser does, to send its hidden fields back later."""

import html
import re

from django import forms

from apps.core.versions import VALUES_FIELD, VERSION_FIELD


def loaded_state(response) -> dict:
    """The version and values the page's form was loaded with, as the browser sends them back."""
    state = {}
    for name in (VERSION_FIELD, VALUES_FIELD):
        found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', response.text)
        assert found, f"{name} is not in the form"
        state[name] = html.unescape(found.group(1))
    return state


def conflict_rows(response) -> list[tuple[str, str, str]]:
    """(field, as now saved, as the form showed it when loaded) for each change the page lists."""
    section = response.text.split('id="edit-conflict"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td>', section)
    return [tuple(html.unescape(cell) for cell in row) for row in rows]


def admin_change_data(page) -> dict:
    """What a Django admin change page sends back when saved untouched, inlines included."""
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _form_data(formset.management_form)
        for form in formset.forms:
            data |= _form_data(form)
    return data


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            data |= {
                f"{bound.html_name}_{n}": part for n, part in enumerate(parts) if part is not None
            }
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value is not None:
            data[bound.html_name] = value
    return data
