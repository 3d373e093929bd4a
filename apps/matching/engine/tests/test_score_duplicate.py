"""Two reports of the same side may be one child reported twice: the engine compares them with
evidence read for that (dates that agree, ages compared directly, the same district), in either
order, and explains the score in words."""

import datetime
from dataclasses import replace

import pytest

from apps.matching.engine import REVIEW_THRESHOLD, ChildRecord, score_duplicate, score_pair
from apps.matching.engine.duplicates import duplicate_log_odds, ordered
from apps.matching.engine.profile import read_profile
from apps.matching.engine.scoring import log_odds_for

PRIYA = ChildRecord(
    id="1",
    side="missing",
    name="Priya Sahu",
    other_names="Pinki",
    sex="F",
    age_min=11,
    age_max=11,
    event_date=datetime.date(2026, 3, 1),
    state="Odisha",
    district="Khordha, Odisha",
    languages=frozenset({"or"}),
    father_name="Ramesh Sahu",
    mother_name="Sabita Sahu",
)
# The same girl reported by her mother at another station the next day, in Odia script.
PRIYA_AGAIN = replace(
    PRIYA,
    id="2",
    name="",
    other_names="",
    local_name="ପ୍ରିୟା ସାହୁ",
    event_date=datetime.date(2026, 3, 2),
    father_name="Ramesh Sahoo",
    mother_name="",
)
MUNNA = ChildRecord(
    id="3",
    side="found",
    name="Munna",
    sex="M",
    age_min=8,
    age_max=10,
    event_date=datetime.date(2026, 1, 1),
    state="Odisha",
    district="Khordha, Odisha",
)


def details(result) -> dict[str, str]:
    return {item.key: item.detail for item in result.evidence}


def test_one_disappearance_reported_at_two_stations_is_a_likely_duplicate():
    result = score_duplicate(PRIYA, PRIYA_AGAIN)

    assert result.score > 95
    assert details(result)["name"] == "name 'Priya Sahu' ~ 'ପ୍ରିୟା ସାହୁ' (100)"
    assert details(result)["dates"] == "dates 1 day apart"
    assert details(result)["age"] == "age 11, 1 day later 11"
    assert details(result)["place"] == "both in the same district (Khordha, Odisha)"
    assert details(result)["parents"] == "parent 'Ramesh Sahu' ~ 'Ramesh Sahoo' (100)"


def test_the_order_of_the_two_reports_does_not_matter():
    assert score_duplicate(PRIYA, PRIYA_AGAIN) == score_duplicate(PRIYA_AGAIN, PRIYA)
    first, second = ordered(read_profile(PRIYA_AGAIN), read_profile(PRIYA))
    assert (first.record.id, second.record.id) == ("1", "2")


def test_a_namesake_months_later_with_another_family_is_not_worth_a_look():
    namesake = replace(
        PRIYA_AGAIN,
        name="Priya Das",
        local_name="",
        event_date=datetime.date(2026, 7, 1),
        father_name="Sukanta Das",
    )

    assert score_duplicate(PRIYA, namesake).score < REVIEW_THRESHOLD


def test_a_child_found_by_the_police_and_registered_again_by_the_cwc_days_later():
    by_cwc = replace(MUNNA, id="4", age_min=9, age_max=9, event_date=datetime.date(2026, 1, 3))
    months_later = replace(by_cwc, event_date=datetime.date(2026, 5, 3))

    assert score_duplicate(MUNNA, by_cwc).score >= REVIEW_THRESHOLD
    # A pet name alone, months apart, is many children.
    assert score_duplicate(MUNNA, months_later).score < REVIEW_THRESHOLD


def test_two_missing_reports_a_month_apart_are_two_disappearances_more_than_one():
    later = replace(PRIYA_AGAIN, event_date=datetime.date(2026, 3, 31))
    a_year_later = replace(PRIYA_AGAIN, event_date=datetime.date(2027, 3, 1), age_min=12)

    assert score_duplicate(PRIYA, later).evidence_for("dates").contribution == pytest.approx(
        0, abs=0.01
    )
    dates = score_duplicate(PRIYA, a_year_later).evidence_for("dates")
    assert dates.contribution == pytest.approx(-2.5)
    assert dates.detail == "dates 12 months apart"


def test_a_found_child_registered_again_months_later_counts_against_only_mildly():
    found_again = replace(MUNNA, id="4", event_date=datetime.date(2027, 1, 1))

    dates = score_duplicate(MUNNA, found_again).evidence_for("dates")

    assert -1.0 < dates.contribution < 0


def test_ages_compare_directly_the_earlier_moved_on_by_the_time_between():
    three_years_later = replace(
        PRIYA_AGAIN, event_date=datetime.date(2029, 3, 1), age_min=14, age_max=14
    )
    same_week_older = replace(PRIYA_AGAIN, age_min=14, age_max=14)

    assert score_duplicate(PRIYA, three_years_later).evidence_for("age").similarity > 0.99
    assert score_duplicate(PRIYA, same_week_older).evidence_for("age").contribution < -2


def test_a_guessed_age_is_allowed_further_off_than_a_familys():
    missing_nine, missing_twelve = (
        replace(PRIYA, age_min=9, age_max=9),
        replace(PRIYA_AGAIN, age_min=12, age_max=12),
    )
    found_nine, found_twelve = (
        replace(MUNNA, age_min=9, age_max=9),
        replace(MUNNA, id="4", age_min=12, age_max=12),
    )

    family = score_duplicate(missing_nine, missing_twelve).evidence_for("age").contribution
    guessed = score_duplicate(found_nine, found_twelve).evidence_for("age").contribution

    assert family < guessed < 0


def test_another_state_counts_against_more_than_for_a_match():
    elsewhere = replace(PRIYA_AGAIN, state="Bihar", district="Patna, Bihar")
    as_found = replace(elsewhere, side="found")

    duplicate = score_duplicate(PRIYA, elsewhere).evidence_for("place")
    match = score_pair(PRIYA, as_found).evidence_for("place")

    assert duplicate.contribution < match.contribution < 0
    assert duplicate.detail == "different states (Odisha and Bihar)"


def test_every_parent_one_family_names_must_be_among_the_others():
    other_father = replace(PRIYA_AGAIN, father_name="Bikash Mohanty")
    same_mother = replace(PRIYA_AGAIN, father_name="Bikash Sahu", mother_name="Sabita Sahu")

    assert score_duplicate(PRIYA, other_father).evidence_for("parents").contribution == -3.0
    # The mother agrees, the father does not: the father decides.
    parents = score_duplicate(PRIYA, same_mother).evidence_for("parents")
    assert parents.contribution < -1
    assert parents.detail.startswith("parent 'Ramesh Sahu' ~ 'Bikash Sahu'")


def test_a_boy_and_a_girl_or_ages_far_apart_are_never_the_same_child():
    assert score_duplicate(PRIYA, replace(PRIYA_AGAIN, sex="M")) is None
    assert score_duplicate(PRIYA, replace(PRIYA_AGAIN, age_min=17, age_max=17)) is None


def test_a_missing_and_a_found_report_are_no_duplicates():
    with pytest.raises(ValueError, match="same side"):
        score_duplicate(PRIYA, MUNNA)


def test_ranking_skips_the_parents_only_when_they_could_not_lift_the_pair_to_the_threshold():
    floor = log_odds_for(REVIEW_THRESHOLD)
    likely = ordered(read_profile(PRIYA), read_profile(PRIYA_AGAIN))
    stranger = ordered(
        read_profile(PRIYA),
        read_profile(
            replace(
                PRIYA_AGAIN,
                local_name="",
                name="Laxmi Behera",
                father_name="Sanjay Behera",
                event_date=datetime.date(2026, 8, 1),
                languages=frozenset(),
            )
        ),
    )

    assert duplicate_log_odds(*likely, None, floor=floor) == pytest.approx(
        score_duplicate(PRIYA, PRIYA_AGAIN).log_odds
    )
    assert duplicate_log_odds(*stranger, None, floor=floor) is None
    assert duplicate_log_odds(*stranger, None) < floor


def test_two_reports_of_one_side_keep_the_narrower_age_margin():
    # Five years apart the same day: a found child may look that far off a missing report's
    # age, but two families' or two officials' ages of one child are not.
    assert score_duplicate(PRIYA, replace(PRIYA_AGAIN, age_min=16, age_max=16)) is None
