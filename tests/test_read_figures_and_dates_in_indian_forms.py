"""Whatever language an official or a family reads in, figures are grouped in lakhs and crores,
dates come day first, and months are spelled as the language spells them (not as Django's own
Hindi catalogue does)."""

import datetime
import importlib
import io

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, number_format
from openpyxl import load_workbook

from apps.alerts.wording import month_name
from apps.dashboards.exports import as_xlsx
from apps.dashboards.tables import Row, Table
from trackchild.languages import SCHEDULED_LANGUAGES

# Django reads a language's formats only once it has a catalogue: the languages offered now.
OFFERED = [code for code, _name in settings.LANGUAGES]
NOVEMBER = datetime.date(2026, 11, 23)


@pytest.mark.parametrize("language", OFFERED)
def test_a_dashboard_figure_is_grouped_in_lakhs_and_crores(language):
    with translation.override(language):
        shown = render_to_string("dashboards/_value.html", {"value": 12345678})
        plain = number_format(1234567, force_grouping=True)

    assert shown.strip() == "1,23,45,678"
    assert plain == "12,34,567"


@pytest.mark.parametrize("language", OFFERED)
def test_dates_come_day_first(language):
    with translation.override(language):
        assert date_format(NOVEMBER, "SHORT_DATE_FORMAT") == "23/11/2026"
        assert date_format(NOVEMBER) == "23/11/2026"


@pytest.mark.parametrize("language", [language.code for language in SCHEDULED_LANGUAGES])
def test_every_scheduled_language_is_ready_with_the_indian_forms(language):
    formats = importlib.import_module(f"trackchild.formats.{language}.formats")

    assert formats.NUMBER_GROUPING == (3, 2, 0)
    assert formats.THOUSAND_SEPARATOR == ","
    assert formats.SHORT_DATE_FORMAT == formats.DATE_FORMAT == "d/m/Y"


@pytest.mark.parametrize(
    ("language", "november"), [("en", "November 2026"), ("hi", "नवंबर 2026"), ("bn", "নভেম্বর 2026")]
)
def test_the_month_of_a_digest_is_spelled_as_the_language_spells_it(language, november):
    with translation.override(language):
        assert date_format(NOVEMBER, "F Y") == november
        assert str(month_name(NOVEMBER)) == november  # as the SMS digest words it


def test_hindi_months_in_every_form_a_date_format_uses():
    with translation.override("hi"):
        assert date_format(NOVEMBER, "E") == "नवंबर"  # long dates
        assert date_format(NOVEMBER, "N") != "Nov."  # abbreviated, AP style
        assert date_format(datetime.date(2026, 2, 1), "F") == "फ़रवरी"


def test_an_excel_download_shows_lakhs_and_crores_and_keeps_numbers():
    table = Table(
        name="by_area",
        title="By district",
        label_heading="District",
        headings=("Missing reported", "Median days"),
        rows=(Row("Khordha", (1234567, 2.5)),),
    )

    sheet = load_workbook(io.BytesIO(as_xlsx(table))).active

    count, median = sheet["B2"], sheet["C2"]
    assert count.value == 1234567
    assert count.number_format.startswith("[>=10000000]##\\,##\\,##\\,##0;")
    assert median.value == 2.5
    assert "##\\,##\\,##0.0" in median.number_format
