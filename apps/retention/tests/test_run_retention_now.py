"""An operator runs the retention rules by hand (`manage.py apply_retention`), first with
--dry-run to see what would go; the nightly job does the same on beat's schedule. Each run is
recorded with what each rule removed, and a second run finds nothing more."""

from io import StringIO

from django.conf import settings as project_settings
from django.core.management import call_command

from apps.audit.models import AccessLog
from apps.citizens.models import CitizenReport, MobileVerification
from apps.retention import rules
from apps.retention.models import RetentionRun
from apps.retention.tasks import apply_retention_rules


def _old_records(complaint, access_entry):
    complaint(days=30)  # an unverified complaint, with its code
    access_entry(days=5000)


def _table_sizes():
    return (
        CitizenReport.objects.count(),
        MobileVerification.objects.count(),
        AccessLog.objects.count(),
    )


def test_a_dry_run_counts_and_changes_nothing(complaint, access_entry):
    _old_records(complaint, access_entry)
    before = _table_sizes()
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert _table_sizes() == before
    assert not RetentionRun.objects.exists()
    text = out.getvalue()
    assert "1 would go: Citizens' complaints never confirmed" in text
    assert "1 would go: Access log entries" in text


def test_the_command_removes_records_and_a_rerun_removes_nothing_more(complaint, access_entry):
    _old_records(complaint, access_entry)
    out = StringIO()

    call_command("apply_retention", stdout=out)
    call_command("apply_retention", stdout=out)

    assert _table_sizes() == (0, 0, 0)
    first, second = RetentionRun.objects.order_by("pk")
    assert first.started_by.startswith("command")
    assert first.finished_at is not None
    assert dict(first.outcomes.values_list("rule", "removed")) == {
        rules.UNVERIFIED_COMPLAINTS: 1,
        # The complaint's code went with it.
        rules.VERIFICATION_CODES: 0,
        rules.UNCONFIRMED_DATA_REQUESTS: 0,
        rules.UNCONFIRMED_GRIEVANCES: 0,
        rules.CLOSED_CASES: 0,
        rules.ACCESS_LOG: 1,
    }
    assert set(second.outcomes.values_list("removed", flat=True)) == {0}


def test_the_nightly_job_runs_the_rules_on_beats_schedule(complaint, access_entry):
    entry = project_settings.CELERY_BEAT_SCHEDULE["apply-retention-rules"]
    assert entry["task"] == apply_retention_rules.name
    _old_records(complaint, access_entry)

    run = RetentionRun.objects.get(pk=apply_retention_rules.delay().get())

    assert run.started_by == "beat"
    assert run.outcomes.get(rule=rules.ACCESS_LOG).removed == 1


def test_the_national_admin_reads_the_runs_in_the_admin(client, national_admin, complaint):
    from conftest import sign_in_verified

    complaint(days=30)
    call_command("apply_retention", stdout=StringIO())
    run = RetentionRun.objects.get()
    sign_in_verified(client, national_admin)

    page = client.get(f"/admin/retention/retentionrun/{run.pk}/change/")

    assert page.status_code == 200
    assert "Citizens&#x27; complaints never confirmed by their mobile: deleted" in page.text
