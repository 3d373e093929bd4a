"""An official downloads a dashboard table as CSV or Excel and opens it in a spreadsheet."""

import csv
import io

import pytest
from openpyxl import load_workbook

from apps.core.tests.formulas import HOSTILE, csv_cells, quoted, xlsx_cells
from apps.dashboards.exports import as_csv, as_xlsx
from apps.dashboards.tables import Row, Table
from apps.directory.models import District
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, state_official, hand_counted):
    sign_in_verified(client, state_official)
    return client


def test_the_districts_table_as_csv(signed_in):
    response = signed_in.get("/dashboards/states/21/?download=by_area&as=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert "odisha-by_area-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "District",
            "Missing reported",
            "Found / recovered",
            "Matched on the portal",
            "Restored to family",
            "Still open",
            "Children in care now",
            "Care plans overdue now",
        ],
        ["Cuttack", "1", "2", "0", "1", "2", "1", "0"],
        ["Khordha", "3", "1", "0", "1", "3", "1", "1"],
    ]


def test_the_headline_figures_as_excel(signed_in):
    response = signed_in.get("/dashboards/states/21/?download=headline&as=xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet["A1"].value == "Figure"
    assert rows["Missing children reported"] == 4
    assert rows["Children in care now"] == 2
    assert rows["Median days from report to confirmed match"] is None


def test_a_download_keeps_the_filters_of_the_page(signed_in):
    page = signed_in.get("/dashboards/states/21/?sex=M")
    response = signed_in.get("/dashboards/states/21/?sex=M&download=by_sex&as=csv")

    assert "?sex=M&amp;download=by_sex&amp;as=csv" in page.content.decode()
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_sex = {row[0]: row[1:] for row in rows[1:]}
    # missing M2, M4; found F1, F4; none matched; M2 restored; F1 and F4 in care
    assert by_sex["Boy"] == ["2", "2", "0", "1", "2"]
    assert by_sex["Girl"] == ["0", "0", "0", "0", "0"]


def test_every_table_on_the_page_can_be_downloaded(signed_in):
    page = signed_in.get("/dashboards/states/21/")
    dashboard = page.context["dashboard"]

    for table in (dashboard.headline, *dashboard.tables):
        for file_format in ("csv", "xlsx"):
            link = f"download={table.name}&amp;as={file_format}"
            assert link in page.content.decode(), link
            response = signed_in.get(
                f"/dashboards/states/21/?download={table.name}&as={file_format}"
            )
            assert response.status_code == 200


def test_an_unknown_table_or_format_is_not_found(signed_in):
    assert signed_in.get("/dashboards/states/21/?download=salaries&as=csv").status_code == 404
    assert signed_in.get("/dashboards/states/21/?download=trend&as=pdf").status_code == 404


def test_a_place_named_like_a_formula_downloads_as_text(signed_in):
    District.objects.filter(name="Cuttack").update(name=HOSTILE[0])
    District.objects.filter(name="Khordha").update(name=HOSTILE[2])
    page = "/dashboards/states/21/?download=by_area&as="

    cells = csv_cells(signed_in.get(page + "csv").content)
    values = xlsx_cells(signed_in.get(page + "xlsx").content)

    assert {quoted(HOSTILE[0]), quoted(HOSTILE[2])} <= set(cells)
    assert {HOSTILE[0], HOSTILE[2]} <= set(values)
    assert 3 in values  # figures stay numbers


def test_text_is_neutralised_and_negative_figures_stay_numbers():
    table = Table(
        name="changes",
        title="Changes",
        label_heading="Area",
        headings=("Change",),
        rows=tuple(Row(text, (-2.5,)) for text in HOSTILE),
    )

    cells = csv_cells(as_csv(table))
    values = xlsx_cells(as_xlsx(table))

    assert cells[2:] == [cell for text in HOSTILE for cell in (quoted(text), "-2.5")]
    assert values[2:] == [value for text in HOSTILE for value in (text, -2.5)]
