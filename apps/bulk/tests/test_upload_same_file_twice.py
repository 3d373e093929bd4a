"""A station on a poor connection uploads the same file again, or the file with rows added:
nothing is imported twice."""

from apps.bulk import services
from apps.bulk.models import Upload
from apps.bulk.tests.conftest import missing_row, sheet_csv
from apps.reports.models import Report


def test_the_same_file_again_is_refused_and_imports_nothing(upload, officer, khordha):
    rows = [missing_row(1), missing_row(2)]
    upload(officer, "missing", sheet_csv(officer, "missing", rows))

    response = upload(officer, "missing", sheet_csv(officer, "missing", rows))

    assert "already uploaded" in response.content.decode()
    assert Upload.objects.count() == 1
    assert Report.objects.count() == 2


def test_an_edited_file_adds_only_its_new_rows(upload, officer, khordha):
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1), missing_row(2)]))

    rows = [missing_row(1), missing_row(2), missing_row(3)]
    upload(officer, "missing", sheet_csv(officer, "missing", rows))

    latest = Upload.objects.first()
    assert (latest.rows_imported, latest.rows_skipped, latest.rows_failed) == (1, 2, 0)
    assert Report.objects.count() == 3


def test_a_corrected_row_is_imported_on_the_next_upload(upload, officer, khordha):
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1, age="19")]))

    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1)]))

    assert Report.objects.count() == 1


def test_processing_an_upload_twice_imports_nothing_twice(upload, officer, khordha):
    rows = [missing_row(1), missing_row(2, age="19")]
    upload(officer, "missing", sheet_csv(officer, "missing", rows))
    Upload.objects.update(status="processing")  # as if the worker died and the task ran again

    again = services.import_upload_rows(Upload.objects.get().pk)

    assert Report.objects.count() == 1
    assert (again.rows_imported, again.rows_skipped, again.rows_failed) == (0, 1, 1)
    assert len(again.errors) == 1
