"""Access log entries are kept for their legal period (RETENTION_ACCESS_LOG_DAYS), then
deleted by date; entries inside the period stay."""

from apps.audit.models import AccessLog
from apps.retention import rules, services


def test_entries_past_the_legal_period_go(settings, access_entry):
    settings.RETENTION_ACCESS_LOG_DAYS = 365
    old = [access_entry(days=366), access_entry(days=800)]
    kept = access_entry(days=364)

    run = services.apply_retention(started_by="test")

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AccessLog.objects.filter(pk__in=[entry.pk for entry in old]).exists()
    assert run.outcomes.get(rule=rules.ACCESS_LOG).removed == 2
