"""Demo children in care: found boys admitted to the Bhubaneswar children's home, some with a care
plan and progress reports, some overdue, so every care page has something to show."""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import User
from apps.care import services
from apps.care.choices import AdmissionRoute, CareOption, CareStatus, Category
from apps.care.models import CarePlan, ChildInCare, ProgressReport
from apps.core.countries import NOT_KNOWN
from apps.directory.models import CCI_UNIT_TYPES, Unit
from apps.reports.choices import Placement, ReportKind, Sex, Status
from apps.reports.models import Report

DEMO_HOME_STAFF = "cci_bhubaneswar"
DEMO_CHILDREN = 24


@transaction.atomic
def seed_children_in_care(count: int = DEMO_CHILDREN) -> int:
    """Admit up to `count` open found boys to the demo home; does nothing when it holds any."""
    staff = User.objects.select_related("unit").get(username=DEMO_HOME_STAFF)
    if ChildInCare.objects.filter(institution=staff.unit).exists():
        return 0
    # Only boys the home may admit (apps.care.selectors.may_admit): placed with it, or found
    # by a unit of its district.
    found_boys = (
        Report.objects.filter(
            kind=ReportKind.FOUND, status=Status.OPEN, sex=Sex.MALE, care_stays__isnull=True
        )
        .filter(
            Q(placement=Placement.CCI, placed_at=staff.unit)
            | Q(owning_unit__district_id=staff.unit.district_id)
        )
        .select_related("owning_unit")
        .order_by("event_at")[:count]
    )
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


# Found children still in the system (not restored or closed) are the ones a CCI can hold.
_HELD_STATUSES = (Status.OPEN, Status.MATCHED, Status.TRANSFERRED)
_PLAN_TEXT = "Recorded for the benchmark demo"


def seed_children_in_care_at_scale(count: int) -> int:
    """Admit up to `count` more found children to CCIs in one set-based statement, for
    benchmarks: each goes to the CCI the found report names, else to a CCI of the owning unit's
    district; two in three get a care plan (written three weeks after arrival, reviewed every
    six months, so some reviews are overdue). No change history is written. Returns how many."""
    tables = {
        "report": Report._meta.db_table,
        "child": ChildInCare._meta.db_table,
        "plan": CarePlan._meta.db_table,
        "unit": Unit._meta.db_table,
    }
    staff = User.objects.get(username=DEMO_HOME_STAFF)
    params = {
        "count": count,
        "found": ReportKind.FOUND,
        "held": list(_HELD_STATUSES),
        "in_care": CareStatus.IN_CARE,
        "ccis": list(CCI_UNIT_TYPES),
        "staff": staff.pk,
        "category": Category.CARE_AND_PROTECTION,
        "nationality": NOT_KNOWN,
        "route": AdmissionRoute.FOUND_REPORT,
        "cci": Placement.CCI,
        "options": [CareOption.FAMILY, CareOption.INSTITUTION],
        "text": _PLAN_TEXT,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH district_cci AS (
                SELECT district_id, MIN(id) AS cci_id FROM {tables["unit"]}
                WHERE unit_type = ANY(%(ccis)s) AND is_active GROUP BY district_id
            ), chosen AS (
                SELECT report.id, report.event_at,
                    COALESCE(report.placed_at_id, district_cci.cci_id) AS cci_id
                FROM {tables["report"]} AS report
                JOIN {tables["unit"]} AS owner ON owner.id = report.owning_unit_id
                LEFT JOIN district_cci ON district_cci.district_id = owner.district_id
                WHERE report.kind = %(found)s AND report.status = ANY(%(held)s)
                    AND NOT EXISTS (SELECT 1 FROM {tables["child"]} AS stay
                        WHERE stay.report_id = report.id AND stay.status = %(in_care)s)
                ORDER BY report.id DESC LIMIT %(count)s
            ), admitted AS (
                INSERT INTO {tables["child"]} (report_id, institution_id, category, route,
                    arrived_at, order_number, status, leaving_reason, leaving_note, aftercare,
                    aftercare_details, admitted_by_id, created_at, updated_at, nationality)
                SELECT id, cci_id, %(category)s, %(route)s,
                    LEAST(event_at + interval '1 day', now()), '', %(in_care)s, '', '', false,
                    '', %(staff)s, now(), now(), %(nationality)s
                FROM chosen WHERE cci_id IS NOT NULL
                RETURNING id, report_id, institution_id, arrived_at
            ), placed AS (
                UPDATE {tables["report"]} AS report
                SET placement = %(cci)s, placed_at_id = admitted.institution_id
                FROM admitted WHERE report.id = admitted.report_id
            ), planned AS (
            INSERT INTO {tables["plan"]} (child_id, version, care_options, health_nutrition,
                education_training, emotional_support, recreation, protection, family_contact,
                goals, next_review_on, follow_up_after_restoration, institution_id,
                written_by_id, written_at)
            SELECT id, 1, %(options)s, %(text)s, %(text)s, %(text)s, '', %(text)s, %(text)s,
                %(text)s, (planned_at + interval '180 days')::date, '', institution_id,
                %(staff)s, planned_at
            FROM (
                SELECT *, LEAST(arrived_at + interval '21 days', now()) AS planned_at
                FROM admitted WHERE id %% 3 <> 0
            ) AS planning
            )
            SELECT COUNT(*) FROM admitted
            """,  # noqa: S608 - table names are the models'
            params,
        )
        return cursor.fetchone()[0]
