"""A police station uploads a spreadsheet while Redis (the task broker) is down, and sends it
again when nothing seems to happen: the first upload is kept, not refused as already uploaded,
and processed once the sweeper runs after Redis is back. A national administrator can have a
stuck upload (say, one left queued before background work was recorded) processed again in
admin."""

import pytest
from django.test import TestCase
from django.utils import timezone

from apps.bulk.models import Upload, UploadStatus
from apps.bulk.tests.conftest import missing_row, sheet_csv
from apps.outbox import services
from apps.outbox.models import OutboxState, OutboxTask
from apps.reports.models import Report
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

ROWS = [missing_row(1), missing_row(2)]


def send(client, official, file):
    client.force_login(official)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/bulk/upload/", {"kind": "missing", "file": file})
    return client.get(response["Location"]) if response.status_code == 302 else response


def sweep_a_few_minutes_later() -> int:
    """The sweeper, with what the tasks it runs commit (the new reports' matching and alerts)."""
    OutboxTask.objects.update(next_attempt_at=timezone.now())
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.sweep()


def test_a_file_sent_twice_while_redis_is_down_is_imported_once_it_is_back(
    client, officer, khordha, dead_redis_url, publish_to
):
    publish_to(dead_redis_url)
    first = send(client, officer, sheet_csv(officer, "missing", ROWS))
    again = send(client, officer, sheet_csv(officer, "missing", ROWS))

    stored = Upload.objects.get()
    assert first.request["PATH_INFO"] == again.request["PATH_INFO"] == f"/bulk/{stored.pk}/"
    assert "already uploaded" not in again.content.decode()
    assert stored.status == UploadStatus.QUEUED
    assert OutboxTask.objects.get().state == OutboxState.PENDING

    publish_to(None)  # Redis is back
    assert sweep_a_few_minutes_later() == 1

    stored.refresh_from_db()
    assert stored.status == UploadStatus.DONE
    assert Report.objects.count() == 2
    assert sweep_a_few_minutes_later() == 0
    assert (
        "already uploaded"
        in send(client, officer, sheet_csv(officer, "missing", ROWS)).content.decode()
    )


def test_the_administrator_has_a_stuck_upload_processed_again(
    client, officer, khordha, national_admin, dead_redis_url, publish_to
):
    publish_to(dead_redis_url)
    send(client, officer, sheet_csv(officer, "missing", ROWS))
    stuck = Upload.objects.get()
    OutboxTask.objects.all().delete()  # queued before background work was recorded
    publish_to(None)
    sign_in_verified(client, national_admin)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/admin/bulk/upload/",
            {"action": "process_again", "_selected_action": [stuck.pk]},
            follow=True,
        )

    stuck.refresh_from_db()
    assert "1 upload queued again." in response.content.decode()
    assert stuck.status == UploadStatus.DONE
    assert Report.objects.count() == 2
