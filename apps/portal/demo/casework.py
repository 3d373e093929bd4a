"""Demo casework beyond reports and care: a special drive running across India, grievances
(one waiting for its answer, one answered) and a girl of another country on her way home, so
the drives, grievances and repatriation pages have something to show. Each goes through the
services officials use, as the demo officials who would do it; each is made once."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.drives.models import Drive
from apps.drives.services import declare_drive
from apps.grievances import services as grievances
from apps.grievances.models import Grievance, Subject
from apps.repatriation.choices import Step
from apps.repatriation.models import RepatriationStep
from apps.repatriation.selectors import Case
from apps.repatriation.services import record_step
from apps.reports.choices import ReportKind, Sex, Status
from apps.reports.models import Report
from apps.reports.services import record_change

DEMO_DRIVE_CODE = "muskaan-demo"
NEPAL = "NP"


@dataclass(frozen=True)
class Casework:
    drive: Drive
    grievances: int
    repatriation: Report | None


@transaction.atomic
def seed_casework() -> Casework:
    """The demo drive, grievances and repatriation; what exists already is left as it is."""
    return Casework(_drive(), _grievances(), _repatriation())


def _official(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def _drive() -> Drive:
    existing = Drive.objects.filter(code=DEMO_DRIVE_CODE).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    drive = Drive(
        name="Operation Muskaan (demo)",
        code=DEMO_DRIVE_CODE,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=20),
        all_india=True,
    )
    return declare_drive(drive=drive, states=[], declared_by=_official("national"))


def _grievances() -> int:
    if Grievance.objects.exists():
        return Grievance.objects.count()
    district = _official("district_khordha")
    case = (
        Report.objects.filter(
            kind=ReportKind.MISSING,
            status=Status.OPEN,
            owning_unit__district_id=district.unit.district_id,
        )
        .order_by("event_at")
        .first()
    )
    if case is not None:
        grievances.lodge_as_official(
            official=district,
            about=grievances.About(Subject.CASE, report=case),
            text="The family says nobody has called them since the FIR was registered; "
            "please tell them what has been done.",
        )
    about_portal = grievances.lodge_as_official(
        official=_official("state_odisha"),
        about=grievances.About(Subject.PORTAL),
        text="The monthly SMS to District Magistrates arrived in English, not in Odia.",
    )
    grievances.answer(
        grievance=about_portal,
        official=_official("national"),
        text="Each head of office's language is set in the directory; Odisha's are now Odia.",
    )
    return Grievance.objects.count()


def _repatriation() -> Report | None:
    """A girl found in Khordha who told the CWC she is from Nepal: her home country has been
    asked to verify her, and the CWC's order is still to come."""
    started = RepatriationStep.objects.select_related("report").filter(report__isnull=False)
    if started.exists():
        return started.first().report
    cwc = _official("cwc_khordha")
    girl = (
        Report.objects.filter(
            kind=ReportKind.FOUND,
            status=Status.OPEN,
            sex=Sex.FEMALE,
            owning_unit__district_id=cwc.unit.district_id,
        )
        .order_by("event_at")
        .first()
    )
    if girl is None:
        return None
    girl.nationality = NEPAL
    record_change(report=girl, changed_by=cwc, reason="She told the CWC she is from Nepal.")
    record_step(
        case=Case(girl),
        step=Step.VERIFICATION,
        done_on=timezone.localdate(),
        reference="MEA/NP/2026/118",
        note="Sent to the Embassy of Nepal with her photo and what she told the CWC.",
        recorded_by=cwc,
    )
    return girl
