"""A found child who cannot say her name can often say where home is: the engine weighs the
districts and States/UTs she named against where the missing child lived and went missing."""

import datetime
from dataclasses import replace

import pytest

from apps.matching.engine import ChildRecord, score_pair
from apps.matching.engine.evidence import HOME_PENALTY, HOME_WEIGHT

# Missing from Gaya, where she lived; her permanent address is in Nalanda.
MISSING = ChildRecord(
    id="M-1",
    side="missing",
    name="Rani Kumari",
    sex="F",
    age_min=9,
    age_max=9,
    event_date=datetime.date(2026, 3, 1),
    state="Bihar",
    district="Gaya, Bihar",
    home_districts=frozenset({"Gaya, Bihar", "Nalanda, Bihar"}),
    home_states=frozenset({"Bihar"}),
)
# Found in Delhi a month later; gives no name.
FOUND = ChildRecord(
    id="F-1",
    side="found",
    sex="F",
    age_min=8,
    age_max=10,
    event_date=datetime.date(2026, 4, 1),
    state="Delhi",
    district="New Delhi, Delhi",
)


def told(words: str, districts=(), states=(), found: ChildRecord = FOUND) -> ChildRecord:
    return replace(
        found, home_told=words, home_districts=frozenset(districts), home_states=frozenset(states)
    )


def home_of(found: ChildRecord):
    return score_pair(MISSING, found).evidence_for("home")


def test_a_home_district_of_the_report_counts_strongly():
    evidence = home_of(told("गया", ["Gaya, Bihar"], ["Bihar"]))
    assert evidence.contribution == pytest.approx(HOME_WEIGHT)
    assert evidence.detail == "says home is 'गया': the report's district (Gaya, Bihar)"
    # Where she lived counts as much as where she went missing.
    assert home_of(told("Nalanda", ["Nalanda, Bihar"], ["Bihar"])).contribution == HOME_WEIGHT


def test_the_state_alone_counts_a_little():
    evidence = home_of(told("Bihar", [], ["Bihar"]))
    assert 0 < evidence.contribution < HOME_WEIGHT / 2
    assert "the report's State/UT (Bihar)" in evidence.detail
    another_district = home_of(told("Patna", ["Patna, Bihar"], ["Bihar"]))
    assert another_district.contribution == evidence.contribution


def test_a_home_elsewhere_counts_only_mildly_against():
    evidence = home_of(told("Kolkata", ["Kolkata, West Bengal"], ["West Bengal"]))
    assert evidence.contribution == pytest.approx(-HOME_PENALTY)
    assert evidence.detail == "says home is 'Kolkata'; missing from Gaya, Bihar"


def test_nothing_told_or_nothing_recognised_is_no_evidence():
    for found in (FOUND, told("near a big temple")):
        evidence = home_of(found)
        assert (evidence.similarity, evidence.contribution) == (None, 0.0)


def test_the_home_raises_a_nameless_childs_score():
    without = score_pair(MISSING, FOUND).score
    with_home = score_pair(MISSING, told("Gaya", ["Gaya, Bihar"], ["Bihar"])).score
    elsewhere = score_pair(MISSING, told("Kolkata", ["Kolkata, West Bengal"], ["West Bengal"]))
    assert with_home > without > elsewhere.score


def test_a_missing_report_compared_as_the_later_case_tells_nothing():
    # An earlier case of the same child compared with a new missing report (a repeat): both
    # homes are the families' addresses, not a child's account.
    later_case = replace(MISSING, id="M-2", side="found")
    assert score_pair(MISSING, later_case).evidence_for("home").similarity is None


def test_a_home_named_where_she_was_found_is_not_counted_twice_with_the_place():
    # Found in Gaya, saying Gaya: the place already counts the report's district.
    in_gaya = replace(FOUND, state="Bihar", district="Gaya, Bihar")
    result = score_pair(MISSING, told("Gaya", ["Gaya, Bihar"], ["Bihar"], in_gaya))
    together = result.evidence_for("place").contribution + result.evidence_for("home").contribution
    assert together == pytest.approx(HOME_WEIGHT)
    # Found in Kolkata, saying Kolkata: against, but once.
    in_kolkata = replace(FOUND, state="West Bengal", district="Kolkata, West Bengal")
    result = score_pair(
        MISSING, told("Kolkata", ["Kolkata, West Bengal"], ["West Bengal"], in_kolkata)
    )
    together = result.evidence_for("place").contribution + result.evidence_for("home").contribution
    assert together == pytest.approx(-HOME_PENALTY)
