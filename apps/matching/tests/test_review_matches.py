"""The station that filed the FIR confirms a proposed pair after speaking to the family; a
wrong pair is rejected with a reason and not proposed again."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.audit.models import AccessAction, AccessLog
from apps.matching import evidence_text, services
from apps.matching.models import CandidateStatus, MatchCandidate
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(officer, file_missing, file_found, make_official, make_unit, bihar, patna):
    file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))
    cwc = make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))
    found = found_in_patna(file_found, cwc, bihar, patna)
    services.match_report(found.pk)
    return MatchCandidate.objects.get()


def test_the_queue_shows_the_pair_to_the_station_that_filed_the_fir(client, officer, pair):
    client.force_login(officer)

    response = client.get("/matches/")

    assert pair.other.case_number in response.text


def test_officer_compares_and_confirms_and_both_reports_are_matched(client, officer, pair):
    client.force_login(officer)
    page = client.get(f"/matches/{pair.pk}/")
    assert "Why this pair was proposed" in page.text
    assert "Confirm: same child" in page.text

    response = client.post(f"/matches/{pair.pk}/confirm/")

    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (CandidateStatus.CONFIRMED, officer)
    for report in (pair.missing, pair.other):
        report.refresh_from_db()
        assert report.status == "matched"
        assert report.history.first().history_user == officer
    decisions = AccessLog.objects.filter(action=AccessAction.DECIDE_MATCH, user=officer)
    assert decisions.count() == 2


def test_the_comparison_page_shows_each_detail_through_gettext(client, officer, pair, monkeypatch):
    monkeypatch.setattr(evidence_text, "gettext", lambda text: f"[hi] {text}")
    client.force_login(officer)

    page = html.unescape(client.get(f"/matches/{pair.pk}/").text)

    name = next(item for item in pair.evidence if item["key"] == "name")
    assert f"[hi] name '{name['params']['missing']}' ~ '{name['params']['found']}'" in page
    assert "[hi] both girls" in page


def test_an_officer_elsewhere_may_compare_but_not_decide(
    client, make_official, make_unit, cuttack, pair
):
    stranger = make_official(
        "si_cuttack", "police_officer", unit=make_unit("police_station", district=cuttack)
    )
    client.force_login(stranger)

    page = client.get(f"/matches/{pair.pk}/")
    assert page.status_code == 200
    assert "Confirm: same child" not in page.text

    assert client.post(f"/matches/{pair.pk}/confirm/").status_code == 403
    assert MatchCandidate.objects.get().status == CandidateStatus.PROPOSED


def test_a_rejected_pair_is_not_proposed_again_until_a_report_changes(client, officer, pair):
    client.force_login(officer)

    client.post(f"/matches/{pair.pk}/reject/", {"reason": "Different mother's name"})
    services.match_report(pair.other.pk)

    pair.refresh_from_db()
    assert (pair.status, pair.decision_reason) == ("rejected", "Different mother's name")

    found = pair.other
    found.height_cm = 140
    found.save()
    services.match_report(found.pk)

    pair.refresh_from_db()
    assert pair.status == CandidateStatus.PROPOSED


def test_a_rejection_needs_a_reason(client, officer, pair):
    client.force_login(officer)

    response = client.post(f"/matches/{pair.pk}/reject/", {"reason": ""}, follow=True)

    assert "Say why these are not the same child." in response.text
    assert MatchCandidate.objects.get().status == CandidateStatus.PROPOSED


def test_a_decided_pair_cannot_be_decided_again(client, officer, pair):
    client.force_login(officer)
    client.post(f"/matches/{pair.pk}/confirm/")

    response = client.post(f"/matches/{pair.pk}/reject/", {"reason": "oops"}, follow=True)

    assert "already been decided" in response.text
    assert MatchCandidate.objects.get().status == CandidateStatus.CONFIRMED
