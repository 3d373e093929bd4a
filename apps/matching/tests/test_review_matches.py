"""The station that filed the FIR confirms a proposed pair after speaking to the family; a
wrong pair is rejected with a reason and not proposed again."""

import html

import pytest
from django.conf import settings
from django.utils import translation

from apps.audit.models import AccessAction, AccessLog
from apps.matching import evidence_text, services
from apps.matching.engine.evidence import FACE_KEY, KINDS
from apps.matching.models import CandidateStatus, MatchCandidate
from apps.matching.signals import match_confirmed
from apps.matching.templatetags.matching import EVIDENCE_LABELS
from apps.matching.tests.conftest import pair_state

pytestmark = pytest.mark.django_db


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


def test_confirming_calls_the_alert_hook_inside_the_decision(
    client, officer, pair, django_capture_on_commit_callbacks
):
    """The hook runs before the decision commits, so what a receiver queues through the outbox
    is stored with the decision, or not at all."""
    received = []

    def receiver(sender, candidate_id, **kwargs):
        received.append(candidate_id)

    match_confirmed.connect(receiver)
    client.force_login(officer)
    try:
        with django_capture_on_commit_callbacks(execute=False):
            client.post(f"/matches/{pair.pk}/confirm/")
    finally:
        match_confirmed.disconnect(receiver)

    assert received == [pair.pk]


def test_the_comparison_page_shows_each_detail_through_gettext(client, officer, pair, monkeypatch):
    monkeypatch.setattr(evidence_text, "gettext", lambda text: f"[hi] {text}")
    client.force_login(officer)

    page = html.unescape(client.get(f"/matches/{pair.pk}/").text)

    name = next(item for item in pair.evidence if item["key"] == "name")
    assert f"[hi] name '{name['params']['missing']}' ~ '{name['params']['found']}'" in page
    assert "[hi] both girls" in page


def test_the_comparison_page_names_every_kind_of_evidence_in_the_officials_language(
    client, officer, pair
):
    """Each row's label is a word of the portal's catalogue, never the engine's key."""
    keys = [kind.key for kind in KINDS] + [FACE_KEY]
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"

    page = html.unescape(client.get(f"/matches/{pair.pk}/").text)

    assert set(keys) <= set(EVIDENCE_LABELS), "a kind of evidence without a label"
    with translation.override("hi"):
        labels = {key: str(EVIDENCE_LABELS[key]) for key in keys}
    assert {item["key"] for item in pair.evidence} <= set(keys)
    for key, label in labels.items():
        assert f"<td>{label}</td>" in page, key
    assert "<td>birth</td>" not in page
    assert "<td>जन्म तिथि</td>" in page


@pytest.fixture
def strangers(make_official, make_unit, khordha, cuttack, patna_officer):
    """Police officers of neither report's unit: in Khordha beside the station that filed the
    FIR, in Cuttack, and in Patna (Bihar) where the child was found by the CWC."""

    def officer_of(username, district):
        return make_official(username, "police_officer", unit=make_unit(district=district))

    return {
        "another_unit": officer_of("si_khordha_2", khordha),
        "another_district": officer_of("si_cuttack", cuttack),
        "another_state": patna_officer,
    }


@pytest.mark.refused_side("matching:compare", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("matching:confirm", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("matching:reject", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("matching:agree", "another_unit", "another_district", "another_state")
def test_officials_of_neither_report_cannot_open_or_decide_the_pair(client, strangers, pair):
    """Pair ids are sequential: typing one must not show two children's evidence, parents'
    names included, to an official who owns neither report."""
    before = pair_state(pair)
    for stranger in strangers.values():
        client.force_login(stranger)

        assert client.get(f"/matches/{pair.pk}/").status_code == 403, stranger
        for action, data in (("confirm", {}), ("reject", {"reason": "No"}), ("agree", {})):
            assert client.post(f"/matches/{pair.pk}/{action}/", data).status_code == 403
        assert pair.other.case_number not in client.get(f"/reports/{pair.missing.pk}/").text
    assert pair_state(pair) == before
    assert not AccessLog.objects.filter(action=AccessAction.VIEW_MATCH).exists()


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
