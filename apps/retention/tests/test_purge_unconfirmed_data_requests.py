"""A family's request to see, correct or erase their data that was never confirmed by the SMS
code reached nobody: it is deleted after the period of unconfirmed complaints. Confirmed
requests, answered or not, stay with the case."""

from datetime import timedelta

from django.utils import timezone

from apps.citizens.models import DataRightsRequest
from apps.retention import rules, services
from apps.retention.tests.conftest import aged


def data_request(report, *, confirmed: bool) -> DataRightsRequest:
    return DataRightsRequest.objects.create(
        report=report,
        kind="see",
        mobile="9437012345",
        code_hash="not-a-real-hash",
        code_expires_at=timezone.now() + timedelta(minutes=10),
        mobile_verified_at=timezone.now() if confirmed else None,
    )


def test_old_unconfirmed_requests_go_and_confirmed_or_recent_ones_stay(
    settings, officer, file_missing
):
    settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS = 7
    priya = file_missing(officer)
    forgotten = data_request(priya, confirmed=False)
    aged(DataRightsRequest, forgotten, 8, "created_at")
    confirmed = data_request(priya, confirmed=True)
    aged(DataRightsRequest, confirmed, 30, "created_at")
    just_asked = data_request(priya, confirmed=False)

    run = services.apply_retention(started_by="test")

    assert set(DataRightsRequest.objects.values_list("pk", flat=True)) == {
        confirmed.pk,
        just_asked.pk,
    }
    assert run.outcomes.get(rule=rules.UNCONFIRMED_DATA_REQUESTS).removed == 1
    again = services.apply_retention(started_by="test")
    assert again.outcomes.get(rule=rules.UNCONFIRMED_DATA_REQUESTS).removed == 0
