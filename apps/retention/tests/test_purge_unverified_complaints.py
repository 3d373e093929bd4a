"""A citizen starts a complaint and never confirms the mobile: after a week it is deleted, with
its photo; confirmed complaints and recent unconfirmed ones stay."""

from apps.citizens.models import CitizenReport, MobileVerification
from apps.retention import rules, services
from apps.retention.models import RuleOutcome


def test_an_old_unconfirmed_complaint_goes_with_its_photo_and_codes(
    settings, complaint, django_capture_on_commit_callbacks
):
    settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS = 7
    abandoned = complaint(days=8)
    storage = abandoned.photo.storage
    files = [abandoned.photo.name, abandoned.thumbnail.name]
    assert all(storage.exists(name) for name in files)
    recent = complaint(days=6)
    confirmed = complaint(days=400, verified=True)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.apply_retention(started_by="test")

    assert set(CitizenReport.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert not MobileVerification.objects.filter(citizen_report_id=abandoned.pk).exists()
    assert not any(storage.exists(name) for name in files)
    assert storage.exists(recent.photo.name)
    outcome = run.outcomes.get(rule=rules.UNVERIFIED_COMPLAINTS)
    assert outcome.removed == 1


def test_the_period_is_a_setting(settings, complaint):
    settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS = 30
    kept = complaint(days=8)

    services.apply_retention(started_by="test")

    assert CitizenReport.objects.filter(pk=kept.pk).exists()
    assert RuleOutcome.objects.get(rule=rules.UNVERIFIED_COMPLAINTS).removed == 0


def test_many_complaints_go_batch_by_batch_and_are_all_counted(settings, complaint):
    settings.RETENTION_BATCH_SIZE = 2
    for _ in range(5):
        complaint(days=30)

    run = services.apply_retention(started_by="test")

    assert not CitizenReport.objects.exists()
    assert run.outcomes.get(rule=rules.UNVERIFIED_COMPLAINTS).removed == 5
