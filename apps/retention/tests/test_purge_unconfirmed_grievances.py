"""A grievance written on Khoya-Paya whose SMS code was never typed reached nobody: it is deleted
after the period of unconfirmed complaints. Lodged grievances, answered or not, stay."""

from django.utils import timezone

from apps.grievances.models import Grievance
from apps.retention import rules, services
from apps.retention.tests.conftest import aged


def grievance(unit, *, lodged: bool) -> Grievance:
    return Grievance.objects.create(
        subject="portal",
        text="The page is slow",
        mobile="9437012345",
        unit=unit,
        answering_unit=unit,
        lodged_at=timezone.now() if lodged else None,
    )


def test_old_unconfirmed_grievances_go_and_lodged_or_recent_ones_stay(settings, ministry):
    settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS = 7
    forgotten = grievance(ministry, lodged=False)
    aged(Grievance, forgotten, 8, "created_at")
    lodged = grievance(ministry, lodged=True)
    aged(Grievance, lodged, 30, "created_at")
    just_written = grievance(ministry, lodged=False)

    run = services.apply_retention(started_by="test")

    assert set(Grievance.objects.values_list("pk", flat=True)) == {lodged.pk, just_written.pk}
    assert run.outcomes.get(rule=rules.UNCONFIRMED_GRIEVANCES).removed == 1
    again = services.apply_retention(started_by="test")
    assert again.outcomes.get(rule=rules.UNCONFIRMED_GRIEVANCES).removed == 0
