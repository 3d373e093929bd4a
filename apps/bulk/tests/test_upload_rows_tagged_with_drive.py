"""During Operation Smile (Odisha), Capital PS uploads the children its officers found, and the
Bhubaneswar children's home the children it admitted, each row naming the drive by its name or
code in one "Special drive" column. Rows naming a drive of another State/UT, a drive that ended
or a code no drive has are listed in the error report with why, and the other rows imported."""

import io

import pytest
from openpyxl import load_workbook

from apps.bulk.models import Upload
from apps.bulk.sheets import columns_for, xlsx_template
from apps.bulk.tests.conftest import care_row, sheet_csv
from apps.care.models import ChildInCare
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

CARE_ONLY = ("arrived_at", "category", "route")


@pytest.fixture
def drives(make_drive, odisha, bihar):
    return {
        "smile": make_drive("Operation Smile", odisha),
        "bihar": make_drive("Operation Bihar", bihar),
        "ended": make_drive("Operation Spring", odisha, days=(-60, -30)),
    }


def found_row(number: int, **overrides) -> dict:
    row = {key: value for key, value in care_row(number).items() if key not in CARE_ONLY}
    return row | {"reference": f"FD-{number}", "placement": "Not yet placed"} | overrides


def test_a_station_uploads_found_children_tagged_with_the_drive(upload, officer, khordha, drives):
    rows = [
        found_row(1, drive="operation-smile"),
        found_row(2, drive="Operation Smile"),
        found_row(3, drive="operation-bihar"),
        found_row(4, drive="operation-spring"),
        found_row(5, drive="operation-nowhere"),
        found_row(6),
    ]

    upload(officer, "found", sheet_csv(officer, "found", rows))

    stored = Upload.objects.get()
    assert (stored.rows_imported, stored.rows_failed) == (3, 3)
    tagged = dict(Report.objects.values_list("full_name", "drive__code"))
    assert tagged == {
        "Child Number 1": "operation-smile",
        "Child Number 2": "operation-smile",
        "Child Number 6": None,
    }
    assert [(row, column, value) for row, column, value, _message in stored.errors] == [
        (4, "Special drive", "operation-bihar"),
        (5, "Special drive", "operation-spring"),
        (6, "Special drive", "operation-nowhere"),
    ]
    messages = [message for *_cells, message in stored.errors]
    assert messages[0] == "Operation Bihar is not running in Odisha, where Capital PS is."
    assert messages[1].startswith("Operation Spring ended on")
    assert messages[2] == "No special drive has the code operation-nowhere."


def test_a_home_uploads_children_admitted_during_the_drive(
    upload, cci_staff, childrens_home, khordha, drives
):
    rows = [care_row(1, drive="operation-smile"), care_row(2, drive="operation-bihar")]

    upload(cci_staff, "care", sheet_csv(cci_staff, "care", rows))

    stored = Upload.objects.get()
    assert (stored.rows_imported, stored.rows_failed) == (1, 1)
    child = ChildInCare.objects.get()
    assert (child.drive, child.report.drive) == (drives["smile"], drives["smile"])
    assert {message for *_cells, message in stored.errors} == {
        "Operation Bihar is not running in Odisha, where Children's Home Bhubaneswar is."
    }


def test_the_template_has_one_drive_column_listing_the_running_drives(cci_staff, drives):
    columns = [column.key for column in columns_for("care", official=cci_staff)]
    workbook = load_workbook(io.BytesIO(xlsx_template(columns_for("care", official=cci_staff))))

    assert columns.count("drive") == 1
    lists = [cell.value for row in workbook["Lists"].iter_rows() for cell in row if cell.value]
    assert "Operation Smile" in lists
    assert "Operation Bihar" not in lists
