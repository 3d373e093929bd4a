"""Priya, missing from Bhubaneswar, was confirmed as the girl found elsewhere. When her station
records her restored to the family (or closes the case), the found report ends the same way: at
once when the officer may change it, otherwise its owners find it in their queue ("Outcomes to
record") and record it with one click. Nobody else can."""

import pytest

from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.models import OutcomeRequest, Report
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


@pytest.fixture
def patna_cwc_member(make_official, make_unit, patna):
    return make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))


@pytest.fixture
def found_in_bihar(priya, file_found, patna_cwc_member, bihar, patna, officer, confirm_match):
    """The girl the CWC of Patna found, confirmed by Capital PS as Priya."""
    found = found_in_patna(file_found, patna_cwc_member, bihar, patna)
    confirm_match(priya, found, decider=officer)
    return found


def restore(client, official, report, **extra):
    client.force_login(official)
    data = {"status": "restored", "note": "Handed to her father"} | extra
    return client.post(f"/reports/{report.pk}/status/", data)


def status_of(report) -> tuple[str, str]:
    report.refresh_from_db()
    return report.status, report.closure_reason


def test_the_stations_own_found_report_is_restored_with_the_missing_one(
    client, officer, priya, file_found, confirm_match
):
    found = file_found(officer, placement="not_placed", placed_at="")
    confirm_match(priya, found, decider=officer)

    restore(client, officer, priya)

    assert status_of(priya) == ("restored", "")
    assert status_of(found) == ("restored", "")
    assert found.history.first().history_change_reason == (
        f"Follows {priya.case_number}: Restored to family"
    )
    assert found.history.first().history_user == officer
    assert not OutcomeRequest.objects.exists()


def test_another_states_found_report_waits_in_its_owners_queue_and_moves_with_one_click(
    client, officer, priya, found_in_bihar, patna_cwc_member
):
    restore(client, officer, priya)

    assert status_of(priya) == ("restored", "")
    assert status_of(found_in_bihar) == ("matched", "")  # not changed by Odisha's police
    waiting = OutcomeRequest.objects.get()
    assert (waiting.report, waiting.because_of, waiting.status) == (
        found_in_bihar,
        priya,
        "restored",
    )

    client.force_login(patna_cwc_member)
    queue = client.get("/reports/outcomes/").text
    assert found_in_bihar.case_number in queue
    assert priya.case_number in queue
    assert "Record: Restored to family" in client.get(f"/reports/{found_in_bihar.pk}/").text
    response = client.post(f"/reports/outcomes/{waiting.pk}/")

    assert response.status_code == 302
    assert status_of(found_in_bihar) == ("restored", "")
    assert found_in_bihar.history.first().history_user == patna_cwc_member
    waiting.refresh_from_db()
    assert (waiting.done_by, waiting.done_at is not None) == (patna_cwc_member, True)
    assert "Nothing to record." in client.get("/reports/outcomes/").text
    again = client.post(f"/reports/outcomes/{waiting.pk}/")
    assert again.status_code == 404  # answered: no longer in the queue


def test_the_owner_recording_its_own_outcome_empties_the_queue(
    client, officer, priya, found_in_bihar, patna_cwc_member
):
    restore(client, officer, priya)

    client.force_login(patna_cwc_member)
    client.post(
        f"/reports/{found_in_bihar.pk}/status/",
        {"status": "closed", "closure_reason": "other", "note": "Sent home by train"},
    )

    assert status_of(found_in_bihar) == ("closed", "other")
    assert OutcomeRequest.objects.get().done_by == patna_cwc_member
    assert "Nothing to record." in client.get("/reports/outcomes/").text


@pytest.mark.refused_side(
    "reports:act_on_outcome_request", "another_unit", "another_district", "another_state"
)
def test_officials_of_another_unit_district_or_state_cannot_move_the_found_report(
    client, officer, priya, found_in_bihar, sign_in_outsider
):
    restore(client, officer, priya)
    waiting = OutcomeRequest.objects.get()
    home = found_in_bihar.owning_unit

    for kind in OUTSIDER_KINDS:
        outsider = sign_in_outsider(kind, home)
        assert client.post(f"/reports/outcomes/{waiting.pk}/").status_code == 404, kind
        assert "Nothing to record." in client.get("/reports/outcomes/").text, outsider

    # Nor the officer who restored Priya: the found report is not the station's.
    client.force_login(officer)
    assert client.post(f"/reports/outcomes/{waiting.pk}/").status_code == 404
    assert status_of(found_in_bihar) == ("matched", "")
    assert OutcomeRequest.objects.get().done_at is None


def test_a_child_who_died_closes_both_reports_the_same_way(
    client, officer, priya, file_found, confirm_match
):
    found = file_found(officer, placement="not_placed", placed_at="")
    confirm_match(priya, found, decider=officer)

    restore(client, officer, priya, status="closed", closure_reason="deceased")

    assert status_of(found) == ("closed", "deceased")


def test_closing_as_a_duplicate_or_reopening_moves_nothing(
    client, officer, priya, file_found, file_missing, confirm_match
):
    found = file_found(officer, placement="not_placed", placed_at="")
    confirm_match(priya, found, decider=officer)
    client.force_login(officer)

    client.post(f"/reports/{priya.pk}/status/", {"status": "open", "note": "Wrong girl"})
    assert status_of(found) == ("matched", "")
    again = file_missing(officer, fir_number="113/2026")
    client.post(
        f"/reports/{priya.pk}/status/",
        {
            "status": "closed",
            "closure_reason": "duplicate",
            "duplicate_of": again.case_number,
            "note": "Filed twice",
        },
    )

    assert status_of(priya) == ("closed", "duplicate")
    assert status_of(found) == ("matched", "")
    assert not OutcomeRequest.objects.exists()


def test_a_found_report_that_has_its_own_outcome_keeps_it(
    client, officer, priya, found_in_bihar, patna_cwc_member
):
    client.force_login(patna_cwc_member)
    client.post(
        f"/reports/{found_in_bihar.pk}/status/",
        {"status": "closed", "closure_reason": "other", "note": "Sent to Odisha"},
    )
    # Bihar's closure ("other") is the child's outcome too: Priya's report is asked to follow.
    assert OutcomeRequest.objects.get().report == priya

    restore(client, officer, priya)

    assert status_of(found_in_bihar) == ("closed", "other")
    assert OutcomeRequest.objects.filter(done_at__isnull=True).count() == 0


def test_a_status_chosen_on_a_page_made_stale_by_a_moved_outcome_is_refused(
    client, officer, priya, file_found, confirm_match
):
    found = file_found(officer, placement="not_placed", placed_at="")
    confirm_match(priya, found, decider=officer)
    client.force_login(officer)
    page = client.get(f"/reports/{found.pk}/")
    loaded = page.context["status_form"].initial["loaded_version"]

    restore(client, officer, priya)  # moves the found report along meanwhile
    response = client.post(
        f"/reports/{found.pk}/status/",
        {"status": "open", "note": "Still here", "loaded_version": loaded},
        follow=True,
    )

    assert status_of(found) == ("restored", "")
    assert "someone else changed this report" in response.text
    fresh = client.get(f"/reports/{found.pk}/").context["status_form"].initial["loaded_version"]
    client.post(
        f"/reports/{found.pk}/status/",
        {"status": "open", "note": "Checked: reopened", "loaded_version": fresh},
    )
    assert status_of(found) == ("open", "")
    assert Report.objects.get(pk=priya.pk).status == "restored"
