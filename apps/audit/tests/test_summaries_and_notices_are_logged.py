"""Every tracing summary an official opens of a child their unit does not hold, and every notice
of a missing child, is written in the access log: a police officer anywhere in India opening a
report of Odisha (also a found child now in care, through the found report), a children's home
reading the found report it admits from or the child it is asked to take in, a citizen opening
the public notice. Reads refused are not logged: nothing was shown."""

import pytest
from django.utils import timezone

from apps.audit.models import AccessAction, AccessLog
from apps.care import services as care_services
from apps.care.models import Transfer

pytestmark = pytest.mark.django_db


def entries(action):
    return AccessLog.objects.filter(action=action)


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def test_an_officer_in_another_state_opens_the_tracing_summary_and_it_is_marked_outside(
    client, patna_officer, priya
):
    client.force_login(patna_officer)

    response = client.get(f"/reports/{priya.pk}/", REMOTE_ADDR="10.7.7.7")

    assert "98610 55555" not in response.text  # the summary, not the full record
    entry = AccessLog.objects.get()
    assert entry.action == AccessAction.VIEW_SUMMARY
    assert (entry.user, entry.user_unit, entry.record_id, entry.owner_unit) == (
        patna_officer,
        patna_officer.unit,
        priya.pk,
        priya.owning_unit,
    )
    assert (entry.outside_jurisdiction, entry.ip_address) == (True, "10.7.7.7")


def test_the_owning_officer_opens_the_full_record_not_a_summary(client, officer, priya):
    client.force_login(officer)

    client.get(f"/reports/{priya.pk}/")

    entry = AccessLog.objects.get()
    assert (entry.action, entry.outside_jurisdiction) == (AccessAction.VIEW_RECORD, False)


def test_police_open_the_summary_of_a_child_in_care_through_the_found_report(
    client, patna_officer, munna_in_care
):
    client.force_login(patna_officer)

    client.get(f"/reports/{munna_in_care.report.pk}/")

    entry = entries(AccessAction.VIEW_SUMMARY).get()
    assert (entry.record_id, entry.owner_unit, entry.outside_jurisdiction) == (
        munna_in_care.report.pk,
        munna_in_care.report.owning_unit,
        True,
    )


def test_the_public_is_refused_a_report_and_nothing_is_logged(client, priya):
    assert client.get(f"/reports/{priya.pk}/").status_code == 302
    assert client.get("/reports/999999/").status_code == 302

    assert not AccessLog.objects.exists()


def test_an_official_refused_an_unknown_report_leaves_no_entry(client, patna_officer):
    client.force_login(patna_officer)

    assert client.get("/reports/999999/").status_code == 404

    assert not AccessLog.objects.exists()


def test_a_home_reads_the_found_report_it_admits_from(client, home_staff, munna_found):
    client.force_login(home_staff)

    assert client.get(f"/care/admit/{munna_found.pk}/").status_code == 200

    entry = entries(AccessAction.VIEW_SUMMARY).get()
    assert (entry.user, entry.record_id, entry.owner_unit) == (
        home_staff,
        munna_found.pk,
        munna_found.owning_unit,
    )


def test_a_home_in_another_state_is_refused_the_admission_and_nothing_is_logged(
    client, patna_home_staff, munna_found
):
    client.force_login(patna_home_staff)

    assert client.get(f"/care/admit/{munna_found.pk}/").status_code == 403

    assert not AccessLog.objects.exists()


@pytest.fixture
def transfer_to_patna(home_staff, munna_in_care, patna_home_staff):
    transfer = Transfer(
        to_institution=patna_home_staff.unit,
        order_number="CWC/KHD/2026/377",
        order_date=timezone.localdate(),
        reason="Family traced in Patna",
    )
    return care_services.request_transfer(
        transfer=transfer, child=munna_in_care, requested_by=home_staff
    )


def test_the_home_asked_to_take_the_child_reads_the_summary_from_outside(
    client, patna_home_staff, transfer_to_patna, munna_in_care, childrens_home
):
    client.force_login(patna_home_staff)

    assert client.get(f"/care/transfers/{transfer_to_patna.pk}/").status_code == 200

    entry = entries(AccessAction.VIEW_SUMMARY).get()
    assert (entry.user, entry.record_type, entry.record_id, entry.owner_unit) == (
        patna_home_staff,
        "care.childincare",
        munna_in_care.pk,
        childrens_home,
    )
    assert entry.outside_jurisdiction is True


def test_another_home_cannot_open_the_transfer_and_nothing_is_logged(
    client, cuttack_home_staff, transfer_to_patna
):
    client.force_login(cuttack_home_staff)

    assert client.get(f"/care/transfers/{transfer_to_patna.pk}/").status_code == 404

    assert not AccessLog.objects.exists()


def test_a_citizen_opens_the_public_notice_without_an_account(client, priya):
    response = client.get(f"/reports/{priya.pk}/notice/", REMOTE_ADDR="10.3.3.3")

    assert "Missing child" in response.text
    entry = entries(AccessAction.VIEW_NOTICE).get()
    assert (entry.user, entry.username, entry.record_id, entry.owner_unit) == (
        None,
        "",
        priya.pk,
        priya.owning_unit,
    )
    assert (entry.outside_jurisdiction, entry.ip_address) == (False, "10.3.3.3")


def test_an_officer_elsewhere_opens_the_police_notice_of_an_unpublished_child(
    client, patna_officer, officer, file_missing
):
    private = file_missing(officer, publication_consent=None)
    client.force_login(patna_officer)

    assert "For police use only" in client.get(f"/reports/{private.pk}/notice/").text

    entry = entries(AccessAction.VIEW_NOTICE).get()
    assert (entry.user, entry.record_id, entry.outside_jurisdiction) == (
        patna_officer,
        private.pk,
        True,
    )


def test_the_public_is_refused_an_unpublished_notice_and_nothing_is_logged(
    client, officer, file_missing
):
    private = file_missing(officer, publication_consent=None)

    assert client.get(f"/reports/{private.pk}/notice/").status_code == 404

    assert not AccessLog.objects.exists()
