"""A child found in Bihar, whose name the CWC typed in Devanagari, is proposed against the FIR
filed in Odisha as soon as the found report is saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching import services
from apps.matching.engine.scoring import calibrated_score
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.matching.signals import match_proposed
from apps.matching.thresholds import PROPOSAL_THRESHOLD
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya_missing(officer, file_missing):
    """Priya Sahu, 11, missing from Bhubaneswar since a week."""
    return file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))


def found_in_patna(file_found, patna_cwc, bihar, patna, **overrides):
    fields = {
        "full_name": "प्रिया",
        "sex": "F",
        "age_min": "11",
        "age_max": "13",
        "event_state": bihar.pk,
        "event_district": patna.pk,
        "event_locality": "Patna Junction",
        "identification_marks": "mole on the left cheek",
        "placement": "not_placed",
        "placed_at": "",
        **overrides,
    }
    return file_found(patna_cwc, **fields)


@pytest.fixture
def alerts():
    received = []

    def receiver(sender, candidate_id, **kwargs):
        received.append(candidate_id)

    match_proposed.connect(receiver)
    yield received
    match_proposed.disconnect(receiver)


def test_filing_a_found_report_proposes_the_missing_child_and_calls_the_alert_hook(
    priya_missing, file_found, patna_cwc, bihar, patna, alerts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        found = found_in_patna(file_found, patna_cwc, bihar, patna)

    pair = MatchCandidate.objects.get()
    assert (pair.kind, pair.status) == (CandidateKind.MATCH, CandidateStatus.PROPOSED)
    assert (pair.missing, pair.other) == (priya_missing, found)
    assert pair.score >= 50
    assert {item["key"] for item in pair.evidence} >= {"name", "age", "sex"}
    assert alerts == [pair.pk]


def test_a_girl_reported_missing_in_urdu_is_proposed_for_the_girl_found_with_a_latin_name(
    officer, file_missing, file_found, patna_cwc, bihar, patna
):
    """The FIR gives her name in Urdu only; the CWC in Patna types the name she says in Latin
    letters. Nothing else written in either report names her."""
    missing = file_missing(
        officer,
        full_name="عائشہ خاتون",
        other_names="",
        name_local="",
        father_name="محمد یوسف",
        mother_name="",
        event_at=local_input(timezone.now() - timedelta(days=7)),
    )

    found = found_in_patna(file_found, patna_cwc, bihar, patna, full_name="Ayesha Khatoon")
    services.match_report(found.pk)

    pair = MatchCandidate.objects.get()
    assert (pair.kind, pair.status) == (CandidateKind.MATCH, CandidateStatus.PROPOSED)
    assert (pair.missing, pair.other) == (missing, found)
    name = next(item for item in pair.evidence if item["key"] == "name")
    # Her name, read across the two scripts, is what puts the pair before an official.
    without_name = sum(item["contribution"] for item in pair.evidence) - name["contribution"]
    assert calibrated_score(without_name) < PROPOSAL_THRESHOLD <= pair.score


def test_matching_twice_stores_the_pair_once(
    priya_missing, file_found, patna_cwc, bihar, patna, alerts
):
    found = found_in_patna(file_found, patna_cwc, bihar, patna)

    services.match_report(found.pk)
    services.match_report(found.pk)
    services.match_report(priya_missing.pk)

    assert MatchCandidate.objects.count() == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"sex": "M"},
        {"age_min": "3", "age_max": "4"},
        # More than the engine's 30 days of grace for a mistyped date before her report's.
        {"event_at": local_input(timezone.now() - timedelta(days=45))},
    ],
    ids=["a boy", "a toddler", "found before she went missing"],
)
def test_a_child_who_cannot_be_her_is_not_proposed(
    priya_missing, file_found, patna_cwc, bihar, patna, overrides
):
    found = found_in_patna(file_found, patna_cwc, bihar, patna, **overrides)

    services.match_report(found.pk)

    assert not MatchCandidate.objects.exists()


def test_a_closed_report_is_not_matched(priya_missing, file_found, patna_cwc, bihar, patna):
    priya_missing.status = "closed"
    priya_missing.closure_reason = "returned_home"
    priya_missing.save()
    found = found_in_patna(file_found, patna_cwc, bihar, patna)

    services.match_report(found.pk)

    assert not MatchCandidate.objects.filter(kind=CandidateKind.MATCH).exists()


def test_a_child_who_goes_missing_again_is_flagged_as_a_repeat(
    officer, file_missing, priya_missing
):
    priya_missing.status = "restored"
    priya_missing.save()

    again = file_missing(
        officer, fir_number="140/2026", event_at=local_input(timezone.now() - timedelta(days=1))
    )
    services.match_report(again.pk)

    repeat = MatchCandidate.objects.get(kind=CandidateKind.REPEAT)
    assert (repeat.missing, repeat.other) == (again, priya_missing)


def test_a_girl_whose_age_was_mistyped_is_still_proposed_by_her_name(
    priya_missing, file_found, patna_cwc, bihar, patna
):
    """The CWC types 4 where she said 14: seven years from the 11 her FIR gives. Her name
    keeps her FIR before an official, with the age counted against it; a girl of 4 who gives
    another name is not compared with it."""
    found = found_in_patna(
        file_found, patna_cwc, bihar, patna, full_name="Priya Sahu", age_min="4", age_max="4"
    )
    services.match_report(found.pk)

    pair = MatchCandidate.objects.get()
    assert (pair.missing, pair.other) == (priya_missing, found)
    age = next(item for item in pair.evidence if item["key"] == "age")
    assert age["contribution"] < 0

    another = found_in_patna(
        file_found, patna_cwc, bihar, patna, full_name="Seema Nayak", age_min="4", age_max="4"
    )
    services.match_report(another.pk)
    assert not MatchCandidate.objects.filter(missing=priya_missing, other=another).exists()
