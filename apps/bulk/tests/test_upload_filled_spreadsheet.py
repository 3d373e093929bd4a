"""A police station uploads a filled sheet: good rows become reports exactly as through the web
form, bad rows come back in an error report naming the row, the column and the problem."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from apps.bulk.models import Upload, UploadStatus
from apps.bulk.tests.conftest import care_row, missing_row, sheet_csv, sheet_xlsx
from apps.bulk.tests.hostile_files import with_shared_strings
from apps.care.models import ChildInCare
from apps.core.tests.formulas import HOSTILE, csv_cells, quoted, xlsx_cells
from apps.reports.models import Report
from conftest import OUTSIDER_KINDS


def test_good_rows_are_imported_and_bad_rows_reported(upload, officer, khordha):
    rows = [
        missing_row(1),
        missing_row(2, age="19"),
        missing_row(3),
        missing_row(4, event_district="Atlantis"),
        missing_row(5, sex=""),
    ]

    response = upload(officer, "missing", sheet_csv(officer, "missing", rows))

    stored = Upload.objects.get()
    assert response.request["PATH_INFO"] == f"/bulk/{stored.pk}/"
    assert stored.status == UploadStatus.DONE
    assert (stored.rows_total, stored.rows_imported, stored.rows_failed) == (5, 2, 3)
    assert [(row, column) for row, column, _value, _message in stored.errors] == [
        (3, "Age when missing (years)"),
        (5, "Place: district"),
        (6, "Sex"),
    ]
    assert stored.errors[0][2] == "19"
    assert "under 18" in stored.errors[0][3]
    assert "Child Number 3" in response.content.decode() or "Atlantis" in response.content.decode()


def test_imported_rows_are_reports_like_any_other(upload, officer, khordha):
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1)]))

    report = Report.objects.get()
    assert report.case_number.startswith("M-")
    assert report.owning_unit == officer.unit
    assert report.languages == ["or", "hi"]
    assert report.publication_consent is True
    assert report.name_keys  # derived search keys, as filed through the web
    assert report.history.count() == 1


def test_a_workbook_with_real_date_cells_is_read(upload, officer, khordha):
    seen = timezone.localtime() - timedelta(days=2)
    row = missing_row(
        1,
        event_at=datetime(seen.year, seen.month, seen.day, 9, 30),
        fir_registered_at=datetime(seen.year, seen.month, seen.day, 11, 0),
        age=11,
    )

    upload(officer, "missing", sheet_xlsx(officer, "missing", [row]))

    report = Report.objects.get()
    assert timezone.localtime(report.event_at).strftime("%H:%M") == "09:30"


def test_a_workbook_saved_by_excel_with_shared_text_is_read(upload, officer, khordha):
    workbook = with_shared_strings(sheet_xlsx(officer, "missing", [missing_row(1)]).read())
    file = io.BytesIO(workbook)
    file.name = "excel.xlsx"

    upload(officer, "missing", file)

    assert Report.objects.get().full_name == "Child Number 1"


REASON = {"reason": "Correcting the rows of our upload"}


def test_the_error_report_downloads_as_xlsx_and_csv(client, upload, officer, khordha):
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1, age="19")]))
    stored = Upload.objects.get()

    xlsx = client.post(f"/bulk/{stored.pk}/errors.xlsx", REASON).content
    text = client.post(f"/bulk/{stored.pk}/errors.csv", REASON).content.decode("utf-8-sig")

    # After the first row's stamp (who downloaded it, when and why).
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(xlsx)).active]
    assert rows[1] == ["Row", "Column", "Value", "Problem"]
    assert rows[2][:3] == [2, "Age when missing (years)", "19"]
    assert list(csv.reader(io.StringIO(text)))[2][:3] == ["2", "Age when missing (years)", "19"]


def test_a_bad_value_typed_as_a_formula_comes_back_as_text(client, upload, officer, khordha):
    rows = [missing_row(number, age=typed) for number, typed in enumerate(HOSTILE, start=1)]
    upload(officer, "missing", sheet_csv(officer, "missing", rows))
    stored = Upload.objects.get()

    values = xlsx_cells(client.post(f"/bulk/{stored.pk}/errors.xlsx", REASON).content)
    cells = csv_cells(client.post(f"/bulk/{stored.pk}/errors.csv", REASON).content)

    assert set(HOSTILE) <= set(values)
    assert {quoted(typed) for typed in HOSTILE} <= set(cells)


def test_errors_are_written_in_the_uploaders_language(upload, officer, khordha):
    file = sheet_csv(officer, "missing", [missing_row(1, sex="")])

    upload(officer, "missing", file, HTTP_ACCEPT_LANGUAGE="hi")

    [[_row, column, _value, message]] = Upload.objects.get().errors
    assert column == "लिंग"
    assert message != "This field is required."


def test_a_file_that_is_not_a_template_fails_with_a_clear_message(upload, officer):
    file = io.BytesIO(b"name,age\nPriya,11\n")
    file.name = "mine.csv"

    response = upload(officer, "missing", file)

    stored = Upload.objects.get()
    assert stored.status == UploadStatus.FAILED
    assert "header row" in response.content.decode()


def test_an_institution_uploads_its_children_in_care(upload, cci_staff, childrens_home, khordha):
    rows = [care_row(1), care_row(2), care_row(3, category="")]

    upload(cci_staff, "care", sheet_csv(cci_staff, "care", rows))

    stored = Upload.objects.get()
    assert (stored.rows_imported, stored.rows_failed) == (2, 1)
    children = ChildInCare.objects.all()
    assert {child.institution for child in children} == {childrens_home}
    assert {child.report.placed_at for child in children} == {childrens_home}
    assert {child.report.kind for child in children} == {"found"}


def test_a_police_station_cannot_upload_children_in_care(upload, officer, cci_staff, khordha):
    response = upload(officer, "care", sheet_csv(cci_staff, "care", [care_row(1)]))

    assert "not one of the available choices" in response.content.decode()
    assert not Upload.objects.exists()


def test_an_institution_cannot_upload_missing_reports(upload, cci_staff, officer, khordha):
    upload(cci_staff, "missing", sheet_csv(officer, "missing", [missing_row(1)]))

    assert not Upload.objects.exists()
    assert not Report.objects.exists()


@pytest.mark.refused_side("bulk:status", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("bulk:errors", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_uploading_unit_cannot_read_the_upload(
    client, upload, officer, sign_in_outsider, khordha, kind
):
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1, age="19")]))
    stored = Upload.objects.get()
    sign_in_outsider(kind, officer.unit)

    assert client.get(f"/bulk/{stored.pk}/").status_code == 404
    assert client.get(f"/bulk/{stored.pk}/errors.csv").status_code == 404
    assert client.get(f"/bulk/{stored.pk}/errors.xlsx").status_code == 404
    assert client.post(f"/bulk/{stored.pk}/errors.csv", REASON).status_code == 404
