"""Munna, found on a platform and in the children's home at Bhubaneswar, is the boy Capital PS
was looking for. When either side records that he is back with his family, the other report and
his stay in care end with it: at once when the official may change them, otherwise the home (or
the report's owners) find it in their queue and end it with one click. A home elsewhere, in
Odisha or in another State/UT, is never changed by someone else's click."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from apps.care import services
from apps.care.models import CareOrder, DischargeRequest, Transfer
from apps.care.tests.test_restore_child import restoration_data
from apps.reports import services as report_services
from apps.reports.models import OutcomeRequest
from apps.reports.signals import report_saved
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def munna_missing(officer, file_missing, munna_in_care, confirm_match):
    """Capital PS's missing report of Munna, confirmed as the boy in the home."""
    missing = file_missing(officer, full_name="Munna", sex="M", age="9", publication_consent=None)
    confirm_match(missing, munna_in_care.report, decider=officer)
    return missing


def police_restore(client, official, report):
    return client.post(
        f"/reports/{report.pk}/status/", {"status": "restored", "note": "Handed to his father"}
    )


def state_of(*records):
    for record in records:
        record.refresh_from_db()
    return tuple(record.status for record in records)


def test_the_police_restore_and_the_cwc_then_the_home_follow_with_one_click(
    client, officer, cwc_member, munna_missing, munna_in_care
):
    found = munna_in_care.report
    client.force_login(officer)
    police_restore(client, officer, munna_missing)

    # The found report is the CWC's, the stay the home's: the police change neither.
    assert state_of(munna_missing, found, munna_in_care) == ("restored", "matched", "in_care")
    waiting = OutcomeRequest.objects.get(report=found)

    client.force_login(cwc_member)
    assert client.post(f"/reports/outcomes/{waiting.pk}/").status_code == 302

    # The CWC manages stays in its district: the stay ends with the found report.
    assert state_of(found, munna_in_care) == ("restored", "restored")
    assert found.case_number in munna_in_care.leaving_note
    assert munna_in_care.history.first().history_user == cwc_member
    assert not DischargeRequest.objects.exists()


def test_the_district_moves_both_reports_and_the_home_ends_the_stay_with_one_click(
    client, dcpu_officer, home_staff, munna_missing, munna_in_care
):
    sign_in_verified(client, dcpu_officer)
    police_restore(client, dcpu_officer, munna_missing)

    found = munna_in_care.report
    assert state_of(munna_missing, found, munna_in_care) == ("restored", "restored", "in_care")
    waiting = DischargeRequest.objects.get()
    assert (waiting.child, waiting.because_of, waiting.requested_by) == (
        munna_in_care,
        found,
        dcpu_officer,
    )
    page = client.get(f"/care/{munna_in_care.pk}/").text
    assert "case has ended: report" in page
    assert "End the stay</button>" not in page  # the DCPU does not manage the stay

    client.force_login(home_staff)
    assert "End the stay" in client.get("/care/").text
    response = client.post(f"/care/discharges/{waiting.pk}/")

    assert response.status_code == 302
    assert state_of(munna_in_care) == ("restored",)
    assert munna_in_care.history.first().history_user == home_staff
    waiting.refresh_from_db()
    assert waiting.done_by == home_staff
    assert client.post(f"/care/discharges/{waiting.pk}/").status_code == 404  # done once


def test_a_home_in_another_state_is_asked_never_changed(
    client, dcpu_officer, home_staff, patna_home_staff, munna_missing, munna_in_care
):
    transfer = services.request_transfer(
        transfer=Transfer(
            to_institution=patna_home_staff.unit,
            order_number="CWC/KHD/2026/350",
            order_date="2026-11-30",
            reason="Nearer his mother's village",
        ),
        child=munna_in_care,
        requested_by=home_staff,
    )
    services.accept_transfer(transfer=transfer, accepted_by=patna_home_staff)

    sign_in_verified(client, dcpu_officer)
    police_restore(client, dcpu_officer, munna_missing)

    assert state_of(munna_in_care) == ("in_care",)
    waiting = DischargeRequest.objects.get()
    client.force_login(home_staff)  # the home he left
    assert client.post(f"/care/discharges/{waiting.pk}/").status_code == 404
    assert state_of(munna_in_care) == ("in_care",)

    client.force_login(patna_home_staff)
    client.post(f"/care/discharges/{waiting.pk}/")

    assert state_of(munna_in_care) == ("restored",)


@pytest.mark.refused_side(
    "care:act_on_discharge", "another_unit", "another_district", "another_state"
)
def test_other_homes_and_the_police_cannot_end_the_stay(
    client, officer, dcpu_officer, outsiders, munna_missing, munna_in_care
):
    sign_in_verified(client, dcpu_officer)
    police_restore(client, dcpu_officer, munna_missing)
    waiting = DischargeRequest.objects.get()

    for kind in OUTSIDER_KINDS:
        client.force_login(outsiders[kind])
        assert client.post(f"/care/discharges/{waiting.pk}/").status_code == 404, kind
        assert "End the stay" not in client.get("/care/").text
    client.force_login(officer)
    assert client.post(f"/care/discharges/{waiting.pk}/").status_code in (403, 404)

    assert state_of(munna_in_care) == ("in_care",)
    waiting.refresh_from_db()
    assert waiting.done_at is None


def test_the_home_restoring_the_child_asks_the_police_to_close_their_report(
    client, officer, home_staff, munna_missing, munna_in_care
):
    client.force_login(home_staff)
    client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data())

    assert state_of(munna_in_care, munna_in_care.report) == ("restored", "restored")
    assert state_of(munna_missing) == ("matched",)
    waiting = OutcomeRequest.objects.get(report=munna_missing)

    client.force_login(officer)
    assert munna_missing.case_number in client.get("/reports/outcomes/").text
    client.post(f"/reports/outcomes/{waiting.pk}/")

    assert state_of(munna_missing) == ("restored",)


def test_a_child_who_died_in_care_closes_the_missing_report_the_same_way(
    client, officer, home_staff, munna_missing, munna_in_care
):
    client.force_login(home_staff)
    client.post(
        f"/care/{munna_in_care.pk}/leave/",
        {"left_on": "2026-12-01", "reason": "deceased", "note": "Dengue", "aftercare_details": ""},
    )

    assert state_of(munna_in_care) == ("left_care",)
    waiting = OutcomeRequest.objects.get(report=munna_missing)
    assert (waiting.status, waiting.closure_reason) == ("closed", "deceased")


@pytest.mark.django_db(transaction=True)
def test_the_district_and_the_home_restoring_him_at_the_same_moment_both_succeed_once(
    dcpu_officer, home_staff, munna_missing, munna_in_care
):
    """The DCPU restores the missing report (which moves the found report and then reaches the
    stay) while the home, at that moment, records the CWC's restoration order (the stay, then
    the found report). Both take the child's reports before the stay, so the home waits for
    the district and then ends the stay it finds still open: no deadlock, nothing lost."""
    district_saved, home_started = threading.Event(), threading.Event()
    errors = []

    def pause_the_district(sender, report_id, **kwargs):
        # Between saving the missing report and reaching the stay: the moment the home starts.
        if threading.current_thread().name == "district" and report_id == munna_missing.pk:
            district_saved.set()
            home_started.wait(timeout=30)
            time.sleep(0.5)  # the home's restoration is under way meanwhile

    def district():
        try:
            report_services.change_status(
                report=munna_missing,
                changed_by=dcpu_officer,
                status="restored",
                closure_reason="",
                note="Handed to his father",
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def home():
        try:
            district_saved.wait(timeout=30)
            home_started.set()
            services.restore_to_family(
                child=munna_in_care,
                restored_by=home_staff,
                order=CareOrder(number="CWC/KHD/2026/402", order_date=timezone.localdate()),
                restored_on=timezone.localdate(),
                note="Father came with Aadhaar",
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    report_saved.connect(pause_the_district, dispatch_uid="test.pause_the_district")
    try:
        threads = [
            threading.Thread(target=district, name="district"),
            threading.Thread(target=home),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        report_saved.disconnect(dispatch_uid="test.pause_the_district")

    assert errors == []
    assert state_of(munna_missing, munna_in_care.report, munna_in_care) == (
        "restored",
        "restored",
        "restored",
    )
    assert CareOrder.objects.get().kind == "restoration"
    assert DischargeRequest.objects.get().done_by == home_staff
    assert not OutcomeRequest.objects.filter(done_at__isnull=True).exists()
