"""A child who gives no name is still compared with reports from anywhere in India: the reports
whose description (sex, age, dates, place, height, languages, marks) fits come back from the
database as candidates, and those that cannot be the child do not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching import selectors
from apps.matching.models import DescriptionPosting
from apps.matching.records import child_record
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya_missing(officer, file_missing):
    """Priya Sahu, 11, a girl with a mole on her left cheek, missing from Bhubaneswar."""
    return file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))


def nameless_in_patna(file_found, patna_cwc, bihar, patna, **overrides):
    """A girl of about 12 found in Patna who says no name, with a mole on her left cheek."""
    fields = {"full_name": "", "told_parent_names": "", "told_language": "or", **overrides}
    return found_in_patna(file_found, patna_cwc, bihar, patna, **fields)


def description_candidates(report) -> list[int]:
    report.refresh_from_db()
    return selectors.description_candidate_ids(report, child_record(report))


def test_a_nameless_girl_found_in_another_state_has_the_report_that_fits_as_a_candidate(
    priya_missing, file_found, patna_cwc, bihar, patna
):
    found = nameless_in_patna(file_found, patna_cwc, bihar, patna)

    assert description_candidates(found) == [priya_missing.pk]
    assert description_candidates(priya_missing) == [found.pk]


@pytest.mark.parametrize(
    "overrides",
    [{"sex": "M"}, {"age_min": "3", "age_max": "4"}],
    ids=["a boy", "far too young"],
)
def test_a_child_who_cannot_be_her_is_no_candidate(
    priya_missing, file_found, patna_cwc, bihar, patna, overrides
):
    found = nameless_in_patna(file_found, patna_cwc, bihar, patna, **overrides)

    assert description_candidates(found) == []


def test_a_girl_far_older_than_a_young_missing_girl_could_look_is_no_candidate(
    officer, file_missing, file_found, patna_cwc, bihar, patna
):
    # 9 a week ago; a girl who looks 17 is more than the engine allows an apparent age to be off
    # (it allows 5.5 years for a girl of 11 who looks 17: a frightened or tall child).
    file_missing(officer, age="9", event_at=local_input(timezone.now() - timedelta(days=7)))
    found = nameless_in_patna(file_found, patna_cwc, bihar, patna, age_min="17", age_max="17")

    assert description_candidates(found) == []


def test_a_girl_who_gives_another_name_meets_named_reports_through_names_only(
    priya_missing, file_found, patna_cwc, bihar, patna
):
    anita = nameless_in_patna(file_found, patna_cwc, bihar, patna, full_name="Anita Das")
    known_by_a_pet_name = nameless_in_patna(file_found, patna_cwc, bihar, patna, full_name="Guddi")

    assert description_candidates(anita) == []
    assert description_candidates(known_by_a_pet_name) == [priya_missing.pk]


def test_the_report_whose_marks_and_language_agree_comes_first(
    officer, file_missing, priya_missing, file_found, patna_cwc, bihar, patna
):
    other_girl = file_missing(
        officer,
        fir_number="113/2026",
        full_name="Anita Das",
        other_names="",
        name_local="",
        identification_marks="Scar on forehead",
        languages=["bn"],
        mother_tongue="bn",
        marks=(),
        event_at=local_input(timezone.now() - timedelta(days=6)),
    )
    found = nameless_in_patna(file_found, patna_cwc, bihar, patna)

    assert description_candidates(found) == [priya_missing.pk, other_girl.pk]


def test_a_report_with_both_her_marks_comes_before_one_with_only_one_of_them(
    officer, file_missing, file_found, patna_cwc, bihar, patna
):
    # The girl with the mole alone went missing days before this girl was found, the girl with
    # the mole and the scar months before: only the second mark puts her first.
    def missing_girl(fir_number, name, marks, days_ago):
        return file_missing(
            officer,
            fir_number=fir_number,
            full_name=name,
            other_names="",
            name_local="",
            identification_marks=marks,
            marks=(),
            event_at=local_input(timezone.now() - timedelta(days=days_ago)),
        )

    mole_only = missing_girl("114/2026", "Rekha Nayak", "Mole on left cheek", 5)
    both = missing_girl("115/2026", "Anita Das", "Mole on left cheek; scar on forehead", 200)
    found = nameless_in_patna(
        file_found,
        patna_cwc,
        bihar,
        patna,
        identification_marks="scar on forehead, mole on left cheek",
    )

    assert description_candidates(found)[:2] == [both.pk, mole_only.pk]


def test_only_open_reports_are_described(priya_missing):
    assert DescriptionPosting.objects.filter(report_id=priya_missing.pk).exists()

    priya_missing.status = "closed"
    priya_missing.closure_reason = "returned_home"
    priya_missing.save()

    assert not DescriptionPosting.objects.filter(report_id=priya_missing.pk).exists()


def test_reports_of_the_same_state_are_reached_further_back_than_across_india(
    officer, patna_officer, file_missing, priya_missing, file_found, odisha, cuttack, monkeypatch
):
    # Across India only the report closest in time is read: a girl missing from Patna since
    # yesterday. Priya, missing from Odisha a week ago, is reached through her state.
    monkeypatch.setattr(selectors, "DESCRIPTION_ROWS_READ", 1)
    monkeypatch.setattr(selectors, "DESCRIPTION_STATE_ROWS_READ", 1)
    patna_girl = file_missing(
        patna_officer,
        fir_number="7/2026",
        full_name="Anita Das",
        other_names="",
        name_local="",
        event_state=patna_officer.unit.district.state_id,
        event_district=patna_officer.unit.district_id,
        event_at=local_input(timezone.now() - timedelta(days=1)),
    )
    found = file_found(
        officer,
        full_name="",
        told_parent_names="",
        sex="F",
        age_min="11",
        age_max="12",
        event_state=odisha.pk,
        event_district=cuttack.pk,
        placement="not_placed",
        placed_at="",
    )

    assert set(description_candidates(found)) == {patna_girl.pk, priya_missing.pk}


def test_a_report_read_across_india_and_within_its_state_is_a_candidate_once(
    officer, file_missing, priya_missing, file_found, odisha, cuttack, monkeypatch
):
    # Both girls are missing from Odisha, where the child is found: each is read by both halves
    # of the statement (the closest in time across India, and within the State/UT), and each
    # is a candidate once, so the two candidates asked for are the two girls.
    monkeypatch.setattr(selectors, "DESCRIPTION_CANDIDATE_LIMIT", 2)
    other_girl = file_missing(
        officer,
        fir_number="113/2026",
        full_name="Anita Das",
        other_names="",
        name_local="",
        event_at=local_input(timezone.now() - timedelta(days=6)),
    )
    found = file_found(
        officer,
        full_name="",
        told_parent_names="",
        sex="F",
        age_min="11",
        age_max="12",
        event_state=odisha.pk,
        event_district=cuttack.pk,
        placement="not_placed",
        placed_at="",
    )

    assert sorted(description_candidates(found)) == sorted([priya_missing.pk, other_girl.pk])
