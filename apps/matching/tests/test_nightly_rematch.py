"""Each night open reports changed lately, and a thirtieth of the rest, are matched again, so a
lost task or a better engine still reaches every open case within a month."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.matching import tasks
from apps.matching.models import MatchCandidate
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


def test_over_a_month_every_open_report_is_rematched(officer, file_missing):
    reports = [file_missing(officer, fir_number=f"{n}/2026") for n in range(3)]
    Report.objects.update(updated_at=timezone.now() - timedelta(days=10))
    closed = reports.pop()
    Report.objects.filter(pk=closed.pk).update(status="closed", closure_reason="other")

    seen = set()
    for day in range(30):
        seen.update(tasks.services.reports_to_rematch(date(2026, 11, 1) + timedelta(days=day)))

    assert seen == {report.pk for report in reports}


def test_a_report_changed_today_is_rematched_tonight(officer, file_missing):
    report = file_missing(officer)

    assert report.pk in tasks.services.reports_to_rematch(timezone.localdate())


def test_the_nightly_task_queues_matching_for_each_report_due(
    officer, cwc_member, file_missing, file_found, django_capture_on_commit_callbacks
):
    file_missing(officer)
    file_found(cwc_member, full_name="Priya", sex="F", age_min="11", age_max="11")

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.rematch_open_reports() == 2
    assert MatchCandidate.objects.count() == 1
