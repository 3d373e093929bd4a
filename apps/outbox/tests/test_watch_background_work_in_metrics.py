"""Operations watch background work on /metrics: what waits, and what the sweeper should have
handed over long ago (beat or Redis down), which an alert rule can page on."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from apps.alerts.tasks import alert_new_report
from apps.operations.tests.test_scrape_metrics import TOKEN, sample, scrape
from apps.outbox import services
from apps.outbox.models import OutboxState, OutboxTask

pytestmark = pytest.mark.django_db


def test_waiting_and_overdue_work_is_on_metrics(client, settings):
    settings.METRICS_TOKEN = TOKEN
    with TestCase.captureOnCommitCallbacks(execute=False):  # Redis down: never handed over
        for report_id in (1, 2, 3):
            services.enqueue(alert_new_report, report_id)
    OutboxTask.objects.filter(args=[3]).update(state=OutboxState.HANDED)
    OutboxTask.objects.filter(args=[1]).update(next_attempt_at=timezone.now() - timedelta(hours=1))

    samples = scrape(client)

    assert sample(samples, "trackchild_background_tasks_waiting", state="pending") == 2
    assert sample(samples, "trackchild_background_tasks_waiting", state="handed") == 1
    assert sample(samples, "trackchild_background_tasks_overdue") == 1
