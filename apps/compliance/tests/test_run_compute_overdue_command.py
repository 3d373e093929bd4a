"""Operators run the daily computation by hand with `manage.py compute_overdue`; the beat
schedule runs the same thing every night."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.compliance import tasks
from apps.compliance.models import OverdueItem, UnitCompliance
from apps.compliance.tests.helpers import HOUR, NOT_PRODUCED
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_found_two_days_ago(officer, file_found, start):
    report = file_found(officer, **NOT_PRODUCED)
    Report.objects.filter(pk=report.pk).update(event_at=start - 48 * HOUR)
    return report


def test_the_command_computes_and_reports_what_it_did(child_found_two_days_ago):
    out = StringIO()

    call_command("compute_overdue", stdout=out)
    call_command("compute_overdue", stdout=out)

    first, second = out.getvalue().splitlines()
    assert first.startswith("1 new overdue items, 0 resolved, 1 open; figures of 2 units")
    assert second.startswith("0 new overdue items, 0 resolved, 1 open")
    assert OverdueItem.objects.count() == 1
    assert UnitCompliance.objects.count() == 2


def test_the_nightly_task_is_scheduled_and_runs(child_found_two_days_ago):
    entry = settings.CELERY_BEAT_SCHEDULE["compute-overdue-items"]
    assert entry["task"] == "apps.compliance.tasks.compute_overdue_items"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {15})

    assert tasks.compute_overdue_items.delay().get() == {"created": 1, "resolved": 0, "open": 1}
