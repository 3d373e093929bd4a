"""Every list an official chooses from (a State/UT, a language, a status) is written by the
portal's own select template as Django writes it: the same options, values, selection and
groups, with the attributes a widget adds to its options."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from apps.directory.widgets import StateSelect
from apps.reports.forms import ReportSearchForm

pytestmark = pytest.mark.django_db

GROUPED = [
    ("", "Any"),
    ("Eastern", [("od", "Odia <Oriya>"), ("bn", "Bengali")]),
    ("Western", [("mr", "Marathi"), ("gu", "Gujarati")]),
]


class ListsForm(forms.Form):
    language = forms.ChoiceField(choices=GROUPED, required=False)
    languages = forms.MultipleChoiceField(choices=GROUPED[1:], required=False)
    answered = forms.NullBooleanField(required=False)


def both_ways(form_class, data) -> list[tuple]:
    ours = form_class(data)
    django = form_class(data, renderer=DjangoTemplates())
    return [(str(ours[name]), str(django[name])) for name in ours.fields]


def test_grouped_single_and_multiple_lists_read_as_django_writes_them():
    data = {"language": "bn", "languages": ["od", "gu"], "answered": "true"}

    for ours, django in both_ways(ListsForm, data):
        assert parse_html(ours) == parse_html(django)
    assert "selected>Bengali</option>" in str(ListsForm(data)["language"])
    assert "Odia &lt;Oriya&gt;" in str(ListsForm(data)["language"])


def test_the_search_form_s_lists_with_the_state_codes_read_as_django_writes_them(odisha, khordha):
    data = {"state": odisha.pk, "district": khordha.pk, "status": "open", "language": "or"}

    for ours, django in both_ways(ReportSearchForm, data):
        assert parse_html(ours) == parse_html(django)
    state = str(ReportSearchForm(data)["state"])
    assert f'data-lgd-code="{odisha.lgd_code}"' in state
    assert isinstance(ReportSearchForm.base_fields["state"].widget, StateSelect)
