"""Care entries written through the care services, as the institution or the CWC would."""

from datetime import date, timedelta

from apps.care import services as care
from apps.care.models import CareOrder, CarePlan, ProgressReport

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
# A found child not placed anywhere and never produced before the CWC (no order reference).
NOT_PRODUCED = {"placement": "not_placed", "placed_at": None, "cwc_order_reference": None}


def write_plan(child, staff, *, review_on: date):
    plan = CarePlan(
        care_options=["family", "institution"],
        health_nutrition="Regular meals, dental check-up",
        education_training="Class 4 at the local school",
        emotional_support="Weekly counselling",
        protection="Safe dormitory",
        family_contact="Tracing through the railway police",
        goals="Restore to family",
        next_review_on=review_on,
    )
    return care.write_care_plan(plan=plan, child=child, written_by=staff)


def file_progress(child, staff, *, period_end: date):
    progress = ProgressReport(
        period_start=period_end - timedelta(days=90),
        period_end=period_end,
        health="Good",
        education="Attends school",
        behaviour="Settled",
    )
    return care.file_progress_report(progress=progress, child=child, written_by=staff)


def record_order(child, cwc_member, *, on: date):
    order = CareOrder(kind="interim", number="CWC/KHD/2026/400", order_date=on)
    return care.record_order(order=order, child=child, recorded_by=cwc_member)
