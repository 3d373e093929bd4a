"""Demo children in care: found boys admitted to the Bhubaneswar children's home, some with a care
plan and progress reports, some overdue, so every care page has something to show."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.care import services
from apps.care.choices import AdmissionRoute, CareStatus, Category
from apps.care.models import CarePlan, ChildInCare, ProgressReport
from apps.reports.choices import ReportKind, Sex, Status
from apps.reports.models import Report

DEMO_HOME_STAFF = "cci_bhubaneswar"
DEMO_CHILDREN = 24


@transaction.atomic
def seed_children_in_care(count: int = DEMO_CHILDREN) -> int:
    """Admit up to `count` open found boys to the demo home; does nothing when it holds any."""
    staff = User.objects.select_related("unit").get(username=DEMO_HOME_STAFF)
    if ChildInCare.objects.filter(institution=staff.unit).exists():
        return 0
    found_boys = Report.objects.filter(
        kind=ReportKind.FOUND, status=Status.OPEN, sex=Sex.MALE, care_stays__isnull=True
    ).order_by("event_at")[:count]
    admitted = 0
    for position, report in enumerate(found_boys):
        child = _admit(report, staff)
        if position % 3:  # every third child still waits for a care plan: an overdue item
            _write_plan_and_progress(child, staff)
        admitted += 1
    return admitted


def _admit(report: Report, staff) -> ChildInCare:
    arrived_at = min(report.event_at + timedelta(days=1), timezone.now())
    cwc = staff.unit.district.units.filter(unit_type="cwc").first()
    child = ChildInCare(
        report=report,
        category=Category.CARE_AND_PROTECTION,
        route=AdmissionRoute.PRODUCED if cwc else AdmissionRoute.FOUND_REPORT,
        arrived_at=arrived_at,
        deciding_body=cwc,
        produced_at=arrived_at - timedelta(hours=6) if cwc else None,
        order_number=f"CWC/KHD/{arrived_at.year}/{report.pk}" if cwc else "",
        order_date=arrived_at.date() if cwc else None,
        status=CareStatus.IN_CARE,
    )
    return services.admit_child(child=child, admitted_by=staff)


def _write_plan_and_progress(child: ChildInCare, staff) -> None:
    today = timezone.localdate()
    plan = CarePlan(
        care_options=["family", "foster", "institution"],
        health_nutrition="Health check done; deworming; balanced diet",
        education_training="Enrolled at the nearby government school",
        emotional_support="Fortnightly counselling",
        recreation="Games every evening",
        protection="Supervised outings only",
        family_contact="The DCPU traces the family from the places he names",
        goals="Trace and assess the family",
        next_review_on=today + timedelta(days=60),
    )
    services.write_care_plan(plan=plan, child=child, written_by=staff)
    services.file_progress_report(
        progress=ProgressReport(
            period_start=max(child.arrived_at.date(), today - timedelta(days=90)),
            period_end=today,
            health="Good",
            education="Attending school regularly",
            behaviour="Settled",
            family_contact="No contact yet",
            counselling="Sessions continue",
        ),
        child=child,
        written_by=staff,
    )
