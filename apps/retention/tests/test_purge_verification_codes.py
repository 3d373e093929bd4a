"""The one-time codes sent to citizens' mobiles are deleted two days after they were sent, also
those of confirmed complaints (the complaint stays); today's codes stay, for the rate limits."""

from apps.citizens.models import CitizenReport, MobileVerification
from apps.retention import rules, services
from apps.retention.tests.conftest import aged


def test_old_codes_go_and_todays_stay(settings, complaint):
    settings.RETENTION_VERIFICATION_CODE_DAYS = 2
    confirmed = complaint(days=10, verified=True)
    aged(MobileVerification, confirmed.verifications.get(), 3, "sent_at")
    fresh = complaint(days=0, verified=True)

    run = services.apply_retention(started_by="test")

    assert not confirmed.verifications.exists()
    assert CitizenReport.objects.filter(pk=confirmed.pk).exists()
    assert fresh.verifications.count() == 1
    assert run.outcomes.get(rule=rules.VERIFICATION_CODES).removed == 1
