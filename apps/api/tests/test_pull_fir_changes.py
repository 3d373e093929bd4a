"""Odisha's CCTNS asks what happened to its FIRs since its last call: the station confirmed a
match and later restored the child, so the police system can close FIR 112/2026. Bihar's
CCTNS learns nothing about Odisha's FIRs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api.tests.conftest import fir, push
from apps.matching.models import MatchCandidate
from apps.reports import services as report_services
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def matched_and_restored(
    client, odisha_cctns, bhubaneswar_station, officer, cwc_member, file_found
):
    """Priya's FIR is pushed, a CWC reports her found, the station confirms the pair and
    restores her to her family."""
    found = file_found(
        cwc_member, full_name="Priya Sahu", sex="F", age_min="11", age_max="11", told_language="or"
    )
    _client, headers = odisha_cctns
    push(client, headers, fir())
    pair = MatchCandidate.objects.get(other=found)
    client.force_login(officer)
    assert client.post(f"/matches/{pair.pk}/confirm/").status_code == 302
    report_services.change_status(
        report=Report.objects.get(kind="missing"),
        changed_by=officer,
        status="restored",
        closure_reason="",
        note="Handed over to the father",
    )
    return found


def pull(http, headers, **query):
    return http.get("/api/v1/cctns/changes/", query, **headers)


def test_cctns_pulls_the_confirmed_match_and_the_restoration(
    client, odisha_cctns, matched_and_restored
):
    before = (timezone.now() - timedelta(hours=1)).isoformat()
    _client, headers = odisha_cctns

    answer = pull(client, headers, since=before)

    assert answer.status_code == 200
    body = answer.json()
    changes = [(change["event"], change["status"]) for change in body["changes"]]
    # confirming the pair is recorded first, then both reports become "matched"
    assert changes == [
        ("match_confirmed", "matched"),
        ("status_changed", "matched"),
        ("restored", "restored"),
    ]
    confirmed = next(c for c in body["changes"] if c["event"] == "match_confirmed")
    assert confirmed["matched_with"]["case_number"] == matched_and_restored.case_number
    assert confirmed["fir"] == {
        "state": 21,
        "police_station_code": "21101001",
        "registration_kind": "fir",
        "fir_number": "112/2026",
        "fir_year": fir()["fir_year"],
    }
    restored = body["changes"][-1]
    assert (restored["previous_status"], restored["reason"]) == (
        "matched",
        "Handed over to the father",
    )
    assert body["has_more"] is False

    after = pull(client, headers, since=body["next_since"])
    assert after.json()["changes"] == []


def test_changes_come_a_page_at_a_time(client, odisha_cctns, matched_and_restored):
    _client, headers = odisha_cctns
    since = (timezone.now() - timedelta(hours=1)).isoformat()
    seen = []
    for _page in range(5):
        body = pull(client, headers, since=since, limit=1).json()
        seen += [change["event"] for change in body["changes"]]
        since = body["next_since"]
        if not body["has_more"]:
            break

    assert sorted(seen) == ["match_confirmed", "restored", "status_changed"]


def test_another_state_sees_none_of_it(client, make_client, bihar, matched_and_restored):
    _client, headers = make_client("CCTNS Bihar", state=bihar, scopes=["read", "write_missing"])

    body = pull(client, headers, since=(timezone.now() - timedelta(days=1)).isoformat()).json()

    assert body["changes"] == []


def test_a_key_without_the_read_scope_and_a_missing_since_are_refused(client, make_client, odisha):
    _client, writer = make_client("Writer", state=odisha, scopes=["write_missing"])
    _client, reader = make_client("Reader", state=odisha, scopes=["read"])

    assert pull(client, writer, since=timezone.now().isoformat()).status_code == 403
    no_since = pull(client, reader)
    assert no_since.status_code == 400
    assert list(no_since.json()["fields"]) == ["since"]
