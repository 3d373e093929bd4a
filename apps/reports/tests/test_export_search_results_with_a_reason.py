"""An officer exports a search to CSV: the portal asks why, refuses without a reason, writes
the reason and the number of rows in the access log, and stamps the file with who exported it,
from which unit, when and why."""

import csv
import io
import re

import pytest
from django.utils import timezone

from apps.audit.models import AccessAction, AccessLog


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_link_asks_for_a_reason_first(client, patna_officer, priya):
    client.force_login(patna_officer)

    page = client.get("/reports/export.csv?sex=F")

    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert 'name="reason"' in page.text
    assert 'action="/reports/export.csv?sex=F"' in page.text
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


def test_an_export_without_a_reason_is_refused(client, patna_officer, priya):
    client.force_login(patna_officer)

    for reason in ("", "   "):
        response = client.post("/reports/export.csv?sex=F", {"reason": reason})

        assert response.status_code == 400
        assert "without a reason nothing is exported" in response.text
        assert "Priya" not in response.text
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_file_says_who_exported_it_when_and_why_and_the_log_keeps_the_reason(
    client, patna_officer, priya
):
    patna_officer.first_name, patna_officer.last_name = "Rakesh", "Kumar"
    patna_officer.save()
    client.force_login(patna_officer)

    response = client.post("/reports/export.csv?sex=F", {"reason": "Weekly tracing review"})

    assert response.status_code == 200
    [stamp] = _rows(response)[0]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert re.fullmatch(
        rf"Exported by Rakesh Kumar \({re.escape(patna_officer.unit.name)}\) on {today} "
        r"\d\d:\d\d for: Weekly tracing review — confidential",
        stamp,
    )
    assert _rows(response)[2][0] == priya.case_number
    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.user == patna_officer
    assert entry.detail.startswith("1 rows; reason: Weekly tracing review; sex=F")
