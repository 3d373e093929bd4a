"""Capital PS and Lingaraj PS each filed a report of Priya. On the pair the engine proposed,
either station keeps one report and closes its own as the duplicate (a district official over
both may choose either way); both stations hear of it, the history keeps it, and the proposals
of the closed report go with it. "Not the same child" rejects the pair for good. Nobody outside
the two stations' jurisdictions opens or decides the pair, and two officials deciding it at
the same moment do not both win."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import RequestFactory

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.matching import services
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.matching.tasks import process_report
from apps.outbox.models import OutboxTask
from apps.reports.models import Report
from conftest import OUTSIDER_KINDS, sign_in_verified

CAPITAL_HEAD, LINGARAJ_HEAD = "9437400001", "9437400002"


@pytest.fixture
def lingaraj_officer(make_unit, make_official, khordha):
    station = make_unit(
        "police_station", district=khordha, name="Lingaraj PS", head_mobile=LINGARAJ_HEAD
    )
    return make_official("si_lingaraj", Role.POLICE_OFFICER, unit=station)


@pytest.fixture
def priya(officer, file_missing):
    officer.unit.head_mobile = CAPITAL_HEAD
    officer.unit.save()
    return file_missing(officer)


@pytest.fixture
def again(lingaraj_officer, file_missing):
    return file_missing(lingaraj_officer, fir_number="87/2026", full_name="Priya", other_names="")


@pytest.fixture
def pair(priya, again):
    process_report.apply(args=[again.pk])
    return MatchCandidate.objects.get(kind=CandidateKind.DUPLICATE)


def merge(client, pair, keep):
    return client.post(f"/matches/{pair.pk}/merge/", {"keep": keep.pk}, follow=True)


def state(pair) -> tuple:
    pair.refresh_from_db()
    reports = Report.objects.filter(pk__in=[pair.missing_id, pair.other_id]).order_by("pk")
    return (pair.status, [(report.status, report.duplicate_of_id) for report in reports])


@pytest.mark.django_db
def test_lingaraj_ps_keeps_capital_ps_report_and_closes_its_own(
    client, lingaraj_officer, priya, again, pair, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(lingaraj_officer)
    page = client.get(f"/matches/{pair.pk}/").text
    assert "May be the same child reported twice" in page
    assert (
        f"Same child: keep {priya.case_number}, close {again.case_number} as its duplicate" in page
    )
    # Lingaraj PS may not close Capital PS's report.
    assert f"keep {again.case_number}, close {priya.case_number}" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = merge(client, pair, keep=priya)

    assert (
        f"{again.case_number} is closed as a duplicate of {priya.case_number}, where the case "
        "goes on." in response.text
    )
    assert state(pair) == (CandidateStatus.CONFIRMED, [("open", None), ("closed", priya.pk)])
    assert (pair.decided_by, pair.decision_reason) == (
        lingaraj_officer,
        f"Same child: {again.case_number} closed as a duplicate of {priya.case_number}",
    )
    again.refresh_from_db()
    assert again.history.first().history_change_reason == f"Duplicate of {priya.case_number}"
    assert AccessLog.objects.filter(action=AccessAction.DECIDE_MATCH).count() == 2
    for head in (CAPITAL_HEAD, LINGARAJ_HEAD):
        (sms,) = [sms for sms in sms_outbox if sms.to == head]
        assert sms.text == (
            f"TrackChild: report {again.case_number} is closed as a duplicate of "
            f"{priya.case_number}, the same child reported twice. The case goes on under "
            f"{priya.case_number}."
        )


@pytest.mark.django_db
def test_the_district_over_both_stations_may_keep_either(
    client, make_unit, make_official, khordha, priya, again, pair
):
    dcpu = make_unit("dcpu", district=khordha)
    sign_in_verified(client, make_official("dcpo", Role.DISTRICT_OFFICIAL, unit=dcpu))

    page = client.get(f"/matches/{pair.pk}/").text
    merge(client, pair, keep=again)

    assert f"keep {priya.case_number}, close {again.case_number}" in page
    assert f"keep {again.case_number}, close {priya.case_number}" in page
    assert state(pair) == (CandidateStatus.CONFIRMED, [("closed", again.pk), ("open", None)])


@pytest.mark.django_db
def test_a_station_cannot_close_the_other_stations_report_by_posting_it(
    client, lingaraj_officer, priya, again, pair
):
    client.force_login(lingaraj_officer)
    before = state(pair)

    response = client.post(f"/matches/{pair.pk}/merge/", {"keep": again.pk})

    assert response.status_code == 403
    assert state(pair) == before == (CandidateStatus.PROPOSED, [("open", None), ("open", None)])


@pytest.mark.django_db
def test_not_the_same_child_is_not_proposed_again(client, officer, priya, again, pair):
    client.force_login(officer)

    client.post(f"/matches/{pair.pk}/reject/", {"reason": "Two girls of one lane, both Priya"})
    process_report.apply(args=[again.pk])
    process_report.apply(args=[priya.pk])

    assert state(pair) == (CandidateStatus.REJECTED, [("open", None), ("open", None)])
    assert MatchCandidate.objects.count() == 1
    assert "Possibly the same child" not in client.get(f"/reports/{priya.pk}/").text


@pytest.mark.django_db
def test_a_duplicate_pair_is_merged_not_confirmed_as_a_match(client, officer, pair):
    client.force_login(officer)

    response = client.post(f"/matches/{pair.pk}/confirm/", follow=True)

    assert "Two reports of the same child are merged, not matched." in response.text
    assert state(pair)[0] == CandidateStatus.PROPOSED


@pytest.mark.django_db
def test_the_closed_reports_proposals_go_with_it_and_the_report_kept_is_matched_again(
    client, lingaraj_officer, priya, again, pair, cwc_member, file_found
):
    found = file_found(cwc_member, full_name="Priya", sex="F", age_min="11", age_max="12")
    process_report.apply(args=[found.pk])
    with_again = MatchCandidate.objects.get(kind=CandidateKind.MATCH, missing=again)
    rematches = OutboxTask.objects.filter(task=process_report.name, args=[priya.pk])
    queued_before = rematches.count()
    client.force_login(lingaraj_officer)

    merge(client, pair, keep=priya)

    with_again.refresh_from_db()
    assert with_again.status == CandidateStatus.SUPERSEDED
    assert rematches.count() == queued_before + 1


@pytest.mark.django_db
def test_closing_on_the_reports_own_page_answers_the_proposal(
    client, lingaraj_officer, priya, again, pair
):
    client.force_login(lingaraj_officer)

    client.post(
        f"/reports/{again.pk}/status/",
        {
            "status": "closed",
            "closure_reason": "duplicate",
            "duplicate_of": priya.case_number,
            "note": "Same girl",
        },
    )

    assert state(pair) == (CandidateStatus.CONFIRMED, [("open", None), ("closed", priya.pk)])
    assert pair.decided_by == lingaraj_officer


@pytest.mark.django_db
@pytest.mark.refused_side("matching:merge", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("matching:compare", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("matching:reject", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_of_neither_station_cannot_open_merge_or_reject_the_pair(
    client, sign_in_outsider, kind, priya, again, pair
):
    sign_in_outsider(kind, priya.owning_unit)
    before = state(pair)

    assert client.get(f"/matches/{pair.pk}/").status_code == 403
    for keep in (priya, again):
        assert client.post(f"/matches/{pair.pk}/merge/", {"keep": keep.pk}).status_code == 403
    assert client.post(f"/matches/{pair.pk}/reject/", {"reason": "No"}).status_code == 403
    assert state(pair) == before


def _as(official):
    request = RequestFactory().post("/")
    request.user = official
    return request


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_two_officials_deciding_the_pair_at_once_do_not_both_win(
    officer, lingaraj_officer, priya, again, pair
):
    """Lingaraj PS keeps Capital PS's report while Capital PS, at the same moment, keeps
    Lingaraj PS's: without the pair's lock both would close a report and point each at the
    other."""
    first_merged, first_may_commit = threading.Event(), threading.Event()
    outcomes = {}

    def lingaraj_first():
        try:
            with transaction.atomic():
                services.merge_duplicates(_as(lingaraj_officer), candidate=pair, keep=priya.pk)
                first_merged.set()
                first_may_commit.wait(timeout=30)
            outcomes["lingaraj"] = "merged"
        finally:
            connection.close()

    def capital_meanwhile():
        try:
            first_merged.wait(timeout=30)
            services.merge_duplicates(_as(officer), candidate=pair, keep=again.pk)
            outcomes["capital"] = "merged"
        except ValidationError as error:
            outcomes["capital"] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=lingaraj_first), threading.Thread(target=capital_meanwhile)]
    for thread in threads:
        thread.start()
    first_merged.wait(timeout=30)
    for _ in range(200):  # until Capital PS waits for Lingaraj PS's decision, or has finished
        if _waiting_on_a_lock() or "capital" in outcomes:
            break
        time.sleep(0.05)
    first_may_commit.set()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == {
        "lingaraj": "merged",
        "capital": ["This pair has already been decided."],
    }
    assert state(pair) == (CandidateStatus.CONFIRMED, [("open", None), ("closed", priya.pk)])
