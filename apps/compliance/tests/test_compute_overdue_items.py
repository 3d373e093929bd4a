"""The daily job finds every record that missed a deadline, puts it in the queue of the unit that
must act, and takes it out again once the record is brought up to date. Running it twice changes
nothing."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from apps.compliance.models import DeadlineRule, OverdueItem
from apps.compliance.tests.helpers import (
    DAY,
    HOUR,
    NOT_PRODUCED,
    file_progress,
    record_order,
    write_plan,
)
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


def open_items():
    return list(
        OverdueItem.objects.filter(resolved_at__isnull=True).values_list(
            "event", "responsible_unit__name", "label"
        )
    )


def test_the_defaults_are_seeded_and_editable():
    rules = dict(DeadlineRule.objects.values_list("event", "allowed_hours"))

    assert rules == {
        "production": 24,
        "admission": 24,
        "care_plan": 720,
        "progress": 2160,
        "plan_review": 24,
        "order": 168,
        "found_filing": 24,
        "missing_filing": 24,
        "complaint": 48,
        # A day's grace after each repatriation step's own date (REPATRIATION_STEP_DAYS).
        "repatriation": 24,
    }


def test_a_found_child_not_produced_within_24_hours_is_overdue_for_the_police_station(
    officer, file_found, admit, home_staff, start, compute
):
    report = file_found(officer, **NOT_PRODUCED)  # found 5 hours ago

    compute(at=start + 18 * HOUR)
    assert open_items() == []

    compute(at=start + 20 * HOUR)
    item = OverdueItem.objects.get()
    assert open_items() == [("production", "Capital PS", f"F-{report.pk:07d}")]
    assert item.due_at == report.event_at + 24 * HOUR
    assert (item.district, item.state) == (officer.unit.district, officer.unit.state)
    assert item.get_subject_url() == f"/reports/{report.pk}/"

    admit(report, home_staff, arrived_at=start + 21 * HOUR, order_number="CWC/KHD/1")
    result = compute(at=start + 22 * HOUR)

    assert result.resolved == 1
    item.refresh_from_db()
    assert item.resolved_at == start + 22 * HOUR
    assert open_items() == []


def test_a_child_placed_in_a_home_but_not_admitted_is_overdue_for_the_home(
    cwc_member, file_found, admit, home_staff, start, compute
):
    # Filed by the CWC with its order reference: produced, but the home has not admitted Munna.
    report = file_found(cwc_member)

    compute(at=start + 25 * HOUR)

    assert open_items() == [("admission", "Children's Home Bhubaneswar", f"F-{report.pk:07d}")]
    admission = OverdueItem.objects.get()
    assert admission.due_at == report.created_at + 24 * HOUR
    assert admission.district == home_staff.unit.district

    admit(report, home_staff, arrived_at=start + 25 * HOUR, order_number="CWC/KHD/2")
    compute(at=start + 26 * HOUR)

    assert open_items() == []
    assert OverdueItem.objects.filter(resolved_at__isnull=False).count() == 1


def test_a_child_admitted_without_production_stays_overdue_until_the_cwc_makes_an_order(
    officer, file_found, admit, home_staff, cwc_member, start, compute
):
    report = file_found(officer, cwc_order_reference=None)  # placed in the home, not produced
    child = admit(report, home_staff, arrived_at=start, produced=False)

    compute(at=start + 2 * DAY)
    assert open_items() == [("production", "Capital PS", f"F-{report.pk:07d}")]

    record_order(child, cwc_member, on=timezone.localdate(start + 2 * DAY))
    compute(at=start + 3 * DAY)

    assert open_items() == []


def test_a_child_without_a_care_plan_after_30_days_is_overdue_for_the_home(
    child_in_care, home_staff, start, compute
):
    compute(at=start + 29 * DAY)
    assert open_items() == []

    compute(at=start + 31 * DAY)
    assert open_items() == [
        ("care_plan", "Children's Home Bhubaneswar", f"C-{child_in_care.pk:07d}")
    ]
    assert OverdueItem.objects.get().get_subject_url() == f"/care/{child_in_care.pk}/"

    write_plan(child_in_care, home_staff, review_on=(start + 60 * DAY).date())
    compute(at=start + 32 * DAY)

    assert open_items() == []


def test_a_care_plan_past_its_review_date_is_overdue_until_a_new_version_is_written(
    child_in_care, home_staff, start, compute
):
    review_on = timezone.localdate(start) + 60 * DAY
    write_plan(child_in_care, home_staff, review_on=review_on)

    compute(at=start + 60 * DAY)  # on the review date itself: not yet
    assert open_items() == []

    compute(at=start + 62 * DAY)
    item = OverdueItem.objects.get()
    assert open_items() == [
        ("plan_review", "Children's Home Bhubaneswar", f"C-{child_in_care.pk:07d}")
    ]
    assert timezone.localtime(item.due_at).date() == review_on + DAY

    write_plan(child_in_care, home_staff, review_on=review_on + 90 * DAY)
    compute(at=start + 63 * DAY)

    assert open_items() == []


def test_progress_is_due_every_90_days_from_arrival_then_from_the_last_report(
    child_in_care, home_staff, start, compute
):
    write_plan(child_in_care, home_staff, review_on=(start + 365 * DAY).date())

    compute(at=start + 89 * DAY)
    assert open_items() == []

    compute(at=start + 91 * DAY)
    assert open_items() == [
        ("progress", "Children's Home Bhubaneswar", f"C-{child_in_care.pk:07d}")
    ]
    first = OverdueItem.objects.get()
    assert first.due_at == child_in_care.arrived_at + 90 * DAY

    period_end = timezone.localdate(start) + 91 * DAY
    file_progress(child_in_care, home_staff, period_end=period_end)
    compute(at=start + 92 * DAY)
    assert open_items() == []

    compute(at=start + 183 * DAY)

    assert len(open_items()) == 1
    second = OverdueItem.objects.get(resolved_at__isnull=True)
    assert timezone.localtime(second.due_at).date() == period_end + 90 * DAY
    first.refresh_from_db()
    assert first.resolved_at == start + 92 * DAY


def test_a_childs_own_progress_interval_overrides_the_default(
    child_in_care, home_staff, start, compute
):
    write_plan(child_in_care, home_staff, review_on=(start + 365 * DAY).date())
    child_in_care.progress_interval_days = 30
    child_in_care.save()

    compute(at=start + 31 * DAY)

    item = OverdueItem.objects.get()
    assert (item.event, item.due_at) == ("progress", child_in_care.arrived_at + 30 * DAY)


def test_a_child_without_an_order_after_7_days_is_overdue_for_the_districts_cwc(
    officer, file_found, admit, home_staff, cwc_member, start, compute
):
    report = file_found(officer)
    child = admit(report, home_staff, arrived_at=start)  # no admission order number

    compute(at=start + 6 * DAY)
    assert open_items() == []

    compute(at=start + 8 * DAY)
    assert open_items() == [("order", "CWC Khordha", f"C-{child.pk:07d}")]

    record_order(child, cwc_member, on=timezone.localdate(start + 8 * DAY))
    compute(at=start + 9 * DAY)

    assert open_items() == []


def test_an_order_is_owed_by_the_childs_own_deciding_body_when_named(
    officer, file_found, admit, home_staff, make_unit, khordha, cwc_member, start, compute
):
    second_cwc = make_unit("cwc", district=khordha, name="CWC Khordha II")
    child = admit(file_found(officer), home_staff, arrived_at=start, deciding_body=second_cwc)

    compute(at=start + 8 * DAY)

    assert open_items() == [("order", "CWC Khordha II", f"C-{child.pk:07d}")]


def test_with_no_cwc_in_the_district_the_home_itself_owes_the_order(
    officer, file_found, admit, cuttack_staff, cuttack_home, start, compute
):
    report = file_found(officer, placed_at=cuttack_home.pk)
    child = admit(report, cuttack_staff, arrived_at=start)

    compute(at=start + 8 * DAY)

    assert open_items() == [("order", "Children's Home Cuttack", f"C-{child.pk:07d}")]


def test_a_late_found_report_is_counted_not_queued(officer, file_found, start, compute):
    report = file_found(officer, **NOT_PRODUCED)
    Report.objects.filter(pk=report.pk).update(event_at=start - 30 * HOUR)

    compute(at=start + HOUR)

    assert not OverdueItem.objects.filter(event="found_filing").exists()
    assert officer.unit.compliance.late_filings == 1


def test_running_twice_changes_nothing(child_in_care, officer, file_found, start, compute):
    file_found(officer, **NOT_PRODUCED)
    first = compute(at=start + 31 * DAY)
    rows = list(OverdueItem.objects.values())

    again = compute(at=start + 31 * DAY)
    later = compute(at=start + 31 * DAY + HOUR)

    assert (first.created, first.open) == (2, 2)
    assert (again.created, again.resolved, again.open) == (0, 0, 2)
    assert (later.created, later.resolved, later.open) == (0, 0, 2)
    assert list(OverdueItem.objects.values()) == rows


def test_the_database_refuses_a_second_open_item_for_the_same_deadline(
    child_in_care, start, compute
):
    compute(at=start + 31 * DAY)
    item = OverdueItem.objects.get()

    item.pk = None
    with pytest.raises(IntegrityError):
        item.save()


def test_switching_a_rule_off_resolves_its_items(child_in_care, start, compute):
    compute(at=start + 31 * DAY)
    DeadlineRule.objects.filter(event="care_plan").update(is_active=False)

    result = compute(at=start + 32 * DAY)

    assert (result.resolved, result.open) == (1, 0)


def test_a_longer_deadline_set_in_admin_moves_the_item(child_in_care, start, compute):
    compute(at=start + 31 * DAY)
    DeadlineRule.objects.filter(event="care_plan").update(allowed_hours=45 * 24)

    compute(at=start + 32 * DAY)
    assert open_items() == []

    compute(at=start + 46 * DAY)
    assert OverdueItem.objects.get(resolved_at__isnull=True).due_at == (
        child_in_care.arrived_at + 45 * DAY
    )


def test_each_unit_gets_its_compliance_figures(
    child_in_care, officer, file_found, cuttack_home, home_staff, start, compute
):
    file_found(officer, **NOT_PRODUCED)

    compute(at=start + 31 * DAY)

    home = home_staff.unit.compliance
    assert (home.is_registered, home.open_items, home.records, home.records_overdue) == (
        True,
        1,
        1,
        1,
    )
    assert home.last_upload_at == child_in_care.created_at
    assert home.share_current == 0
    station = officer.unit.compliance
    # Two found reports filed, Munna's still open: one overdue (not produced), one current.
    assert (station.open_items, station.records, station.records_overdue) == (1, 2, 1)
    assert station.share_current == 0.5
    cuttack = cuttack_home.compliance
    assert (cuttack.is_registered, cuttack.last_upload_at, cuttack.share_current) == (
        False,
        None,
        None,
    )
