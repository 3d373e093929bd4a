"""`match_eval` and the benchmarks rank through the in-memory CandidateIndex; the portal's
`match_report` asks the database (selectors). For recall measured through the one to describe
the other, both must bring in the same reports: here a girl found in another State/UT who gives
only her first name, as told, one consonant off (a name key one slip away, no district shared)
or two off, and a girl who gives no name but names her home district."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching import selectors
from apps.matching.engine import CandidateIndex, blocking_keys
from apps.matching.records import child_record
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


def portal_candidates(report) -> set[int]:
    """What match_report scores for `report` (no photos here, so no face candidates)."""
    report.refresh_from_db()
    record = child_record(report)
    return {
        *selectors.home_candidate_ids(report),
        *selectors.candidate_ids(report, blocking_keys(record)),
        *selectors.slipped_key_candidate_ids(report, blocking_keys(record)),
        *selectors.description_candidate_ids(report, record),
    }


def index_candidates(reports, report) -> set[int]:
    """What match_eval scores for `report` among `reports` of the other side."""
    index = CandidateIndex()
    for other in reports:
        other.refresh_from_db()
        index.add(child_record(other))
    report.refresh_from_db()
    return {int(record.id) for record in index.candidates(child_record(report))}


@pytest.mark.parametrize(
    ("told", "proposed"),
    [("Jharana", True), ("Jharama", True), ("Jhakama", False)],
    ids=["her first name", "her first name one consonant off", "two consonants off"],
)
def test_a_girl_found_far_away_giving_her_first_name_meets_the_same_reports_both_ways(
    officer, file_missing, file_found, patna_cwc, bihar, patna, told, proposed
):
    missing = file_missing(
        officer,
        full_name="Jharana Behera",
        other_names="",
        name_local="",
        event_at=local_input(timezone.now() - timedelta(days=7)),
    )
    found = found_in_patna(
        file_found, patna_cwc, bihar, patna, full_name=told, told_parent_names=""
    )

    in_portal = missing.pk in portal_candidates(found)
    in_memory = missing.pk in index_candidates([missing], found)

    assert (in_portal, in_memory) == (proposed, proposed)


def test_a_nameless_girl_naming_her_home_meets_the_same_reports_both_ways(
    officer, file_missing, file_found, patna_cwc, bihar, patna, cuttack, odisha
):
    from_khordha = file_missing(officer)
    from_cuttack = file_missing(
        officer,
        fir_number="113/2026",
        event_district=cuttack.pk,
        permanent_district=cuttack.pk,
        permanent_pin_code="753001",
    )
    found = found_in_patna(
        file_found,
        patna_cwc,
        bihar,
        patna,
        full_name="",
        told_parent_names="",
        told_home_place="Khordha",
    )

    in_portal = portal_candidates(found)
    in_memory = index_candidates([from_khordha, from_cuttack], found)

    assert from_khordha.pk in in_portal
    assert in_portal == in_memory
    assert selectors.home_candidate_ids(found) == [from_khordha.pk]
