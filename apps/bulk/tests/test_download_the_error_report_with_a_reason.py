"""An officer downloads the error report of an upload: its values are children's particulars,
so the portal asks why, refuses without a reason, logs the download with the reason and the
number of rows, and stamps the file (first row, and the XLSX document's properties)."""

import csv
import io

from openpyxl import load_workbook

from apps.audit.models import AccessAction, AccessLog
from apps.bulk.models import Upload
from apps.bulk.tests.conftest import missing_row, sheet_csv

REASON = "Correcting the rows of our upload"


def _failed_upload(upload, officer) -> Upload:
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(1, age="19")]))
    return Upload.objects.get()


def test_the_link_asks_for_a_reason_and_without_one_nothing_is_downloaded(
    client, upload, officer, khordha
):
    stored = _failed_upload(upload, officer)

    page = client.get(f"/bulk/{stored.pk}/errors.csv")
    refused = client.post(f"/bulk/{stored.pk}/errors.csv", {"reason": ""})

    assert page.status_code == 200
    assert 'name="reason"' in page.text
    assert refused.status_code == 400
    assert "without a reason nothing is exported" in refused.text
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_files_carry_the_stamp_and_the_log_the_reason(client, upload, officer, khordha):
    stored = _failed_upload(upload, officer)
    name = officer.get_full_name() or officer.username
    expected_start = f"Exported by {name} ({officer.unit.name}) on "

    text = client.post(f"/bulk/{stored.pk}/errors.csv", {"reason": REASON}).content
    xlsx = client.post(f"/bulk/{stored.pk}/errors.xlsx", {"reason": REASON}).content

    [stamp] = next(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert stamp.startswith(expected_start)
    assert stamp.endswith(f"for: {REASON} — confidential")
    workbook = load_workbook(io.BytesIO(xlsx))
    assert workbook.active["A1"].value.startswith(expected_start)
    assert workbook.properties.description == workbook.active["A1"].value
    entries = AccessLog.objects.filter(action=AccessAction.EXPORT)
    assert entries.count() == 2
    for entry in entries:
        assert (entry.user, entry.owner_unit) == (officer, officer.unit)
        assert entry.detail == f"1 rows; reason: {REASON}; error report of upload {stored.pk}"
