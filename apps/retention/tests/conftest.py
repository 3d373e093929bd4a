"""Records of every age for the retention rules: old ones the rules remove, recent ones kept."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.audit.models import AccessAction, AccessLog
from apps.citizens.models import CitizenReport, CitizenReportStatus, MobileVerification


def aged(model, record, days: float, field: str) -> None:
    """Back-date an automatic timestamp, as if the record had been written `days` ago."""
    model.objects.filter(pk=record.pk).update(**{field: timezone.now() - timedelta(days=days)})


@pytest.fixture
def complaint(capital_ps, odisha, khordha):
    """A citizen's complaint sent `days` ago, confirmed by its mobile or not, with a photo."""

    def make(*, days: float, verified: bool = False) -> CitizenReport:
        report = CitizenReport(
            kind="missing",
            status=CitizenReportStatus.RECEIVED if verified else CitizenReportStatus.UNVERIFIED,
            reporter_name="Anil Das",
            reporter_mobile="9437012345",
            mobile_verified_at=timezone.now() if verified else None,
            sex="F",
            age=11,
            event_at=timezone.now() - timedelta(days=days + 1),
            event_state=odisha,
            event_district=khordha,
            event_locality="Bhubaneswar railway station",
            police_station=capital_ps,
        )
        report.photo.save("child.jpg", ContentFile(b"photo"), save=False)
        report.thumbnail.save("small.jpg", ContentFile(b"thumb"), save=False)
        report.save()
        MobileVerification.objects.create(
            citizen_report=report,
            mobile=report.reporter_mobile,
            code_hash="x",
            expires_at=timezone.now(),
        )
        aged(CitizenReport, report, days, "created_at")
        return report

    return make


@pytest.fixture
def access_entry(officer):
    def make(*, days: float) -> AccessLog:
        entry = AccessLog.objects.create(
            user=officer, username=officer.username, action=AccessAction.VIEW_RECORD
        )
        aged(AccessLog, entry, days, "at")
        return entry

    return make
