"""Rina, from Nepal, waits for each step of her repatriation: when a step is not done by its
date (REPATRIATION_STEP_DAYS after the step before), it appears in the Overdue work of the unit
answering for her, linked to her repatriation page, until it is recorded. The daily computation
is run as of later moments, as if the nightly job ran then."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from apps.care.models import ChildInCare
from apps.compliance.models import OverdueItem
from apps.compliance.services import recompute_compliance
from apps.repatriation.models import RepatriationStep

pytestmark = pytest.mark.django_db


def day_after(due_day, *, days_later: int = 0):
    """Noon of the day after `due_day` (plus `days_later`), in India: past the step's date."""
    moment = datetime.combine(due_day + timedelta(days=1 + days_later), time(12))
    return timezone.make_aware(moment)


def open_items():
    return OverdueItem.objects.filter(event="repatriation", resolved_at__isnull=True)


def record(case, step, done_on, by):
    return RepatriationStep.objects.create(**case, step=step, done_on=done_on, recorded_by=by)


def test_a_verification_not_done_in_90_days_is_overdue_for_the_police_station(
    client, officer, rina_found
):
    filed_on = timezone.localdate(rina_found.created_at)
    due_on = filed_on + timedelta(days=90)

    recompute_compliance(now=timezone.make_aware(datetime.combine(due_on, time(23))))
    assert not open_items().exists()
    recompute_compliance(now=day_after(due_on))

    item = open_items().get()
    assert (item.report, item.responsible_unit, item.label) == (
        rina_found,
        officer.unit,
        rina_found.case_number,
    )
    client.force_login(officer)
    queue = client.get("/compliance/").content.decode()
    assert "Repatriation step of a child of another country done" in queue
    assert f"/repatriation/found/{rina_found.pk}/" in queue


def test_each_step_is_due_after_the_one_before_and_the_handover_ends_it(officer, rina_found):
    filed_on = timezone.localdate(rina_found.created_at)
    later = day_after(filed_on + timedelta(days=90))
    recompute_compliance(now=later)
    case = {"report": rina_found}

    record(case, "verification", filed_on + timedelta(days=80), officer)
    recompute_compliance(now=later)

    # The verification item is resolved; the CWC order is due 30 days after the verification.
    assert OverdueItem.objects.filter(resolved_at__isnull=False).count() == 1
    assert not open_items().exists()
    order_due = filed_on + timedelta(days=110)
    recompute_compliance(now=day_after(order_due))
    assert open_items().get().due_at == day_after(order_due) - timedelta(hours=12)

    record(case, "cwc_order", order_due, officer)
    record(case, "handover", order_due + timedelta(days=3), officer)
    recompute_compliance(now=day_after(order_due, days_later=365))
    assert not open_items().exists()


def test_the_days_of_each_step_are_set_in_settings(settings, officer, rina_found):
    settings.REPATRIATION_STEP_DAYS = {"verification": 10, "cwc_order": 5, "handover": 5}
    filed_on = timezone.localdate(rina_found.created_at)

    recompute_compliance(now=day_after(filed_on + timedelta(days=10)))

    assert open_items().count() == 1


def test_once_in_care_the_home_answers_and_the_police_no_longer_see_it(
    client, officer, home_staff, rina_found
):
    child = ChildInCare.objects.create(
        report=rina_found,
        institution=home_staff.unit,
        category="cncp",
        route="produced",
        arrived_at=rina_found.created_at,
        nationality="NP",
        admitted_by=home_staff,
        order_number="CWC/KHD/2026/311",
    )
    arrived_on = timezone.localdate(child.arrived_at)

    recompute_compliance(now=day_after(arrived_on + timedelta(days=90)))

    item = open_items().get()
    assert (item.child, item.report, item.responsible_unit) == (child, None, home_staff.unit)
    client.force_login(home_staff)
    assert f"/repatriation/care/{child.pk}/" in client.get("/compliance/").content.decode()
    client.force_login(officer)
    assert f"/repatriation/care/{child.pk}/" not in client.get("/compliance/").content.decode()


def test_an_indian_child_has_no_repatriation_step_to_do(file_found, officer):
    report = file_found(officer, nationality="IN")

    recompute_compliance(now=day_after(timezone.localdate(report.created_at), days_later=400))

    assert not open_items().exists()
