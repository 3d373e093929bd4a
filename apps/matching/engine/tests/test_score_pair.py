"""An official reads one score per pair and, under it, why: each piece of evidence explained.

Some pairs cannot be the same child and get no score at all; evidence one side does not give
changes nothing; a face alone, however close, is never enough to put a pair up for review.
"""

import datetime
import json
import math
from dataclasses import replace

import pytest

from apps.matching.engine import REVIEW_THRESHOLD, ChildRecord, exclusion_reason, score_pair
from apps.matching.engine.evidence import AGE_MOST_AGAINST, MARKS_WEIGHT
from apps.matching.engine.messages import ENGLISH, from_dict, message
from apps.matching.engine.scoring import SCORE_INTERCEPT, SCORE_SLOPE

MISSING = ChildRecord(
    id="M-1",
    side="missing",
    name="Priya Sahu",
    other_names="Pinki",
    sex="F",
    age_min=11,
    age_max=11,
    event_date=datetime.date(2023, 3, 1),
    state="21",
    district="362",
    height_cm=140,
    complexion="wheatish",
    identification_marks="mole on left cheek",
    languages=frozenset({"or"}),
    father_name="Ramesh Sahu",
    mother_name="Sunita Sahu",
)
FOUND = ChildRecord(
    id="F-1",
    side="found",
    local_name="प्रिया साहू",
    sex="F",
    age_min=12,
    age_max=14,
    event_date=datetime.date(2025, 3, 10),
    state="10",
    district="212",
    height_cm=152,
    complexion="wheatish",
    identification_marks="til on left cheek",
    languages=frozenset({"Odia"}),
    father_name="Ramesh and Sunita",
)
EVIDENCE_KEYS = [
    "name",
    "sex",
    "age",
    "dates",
    "birth",
    "place",
    "home",
    "height",
    "parents",
    "languages",
    "marks",
    "complexion",
    "face",
]


def face(*values: float) -> tuple[float, ...]:
    """A 128-number encoding: the given values first, zeros after."""
    return tuple(values) + (0.0,) * (128 - len(values))


def bare(record: ChildRecord, **fields) -> ChildRecord:
    """The same report with nothing known but its id and side (and the given fields)."""
    return ChildRecord(id=record.id, side=record.side, **fields)


# --- hard filters ----------------------------------------------------------------------------


def test_a_boy_is_never_matched_with_a_girl():
    assert score_pair(MISSING, replace(FOUND, sex="M")) is None
    assert exclusion_reason(MISSING, replace(FOUND, sex="M")) == "a boy and a girl"


@pytest.mark.parametrize("sex", ["U", "O", ""])
def test_an_unknown_or_other_sex_rules_nothing_out(sex):
    assert score_pair(MISSING, replace(FOUND, sex=sex)) is not None


def test_a_child_found_long_before_going_missing_is_another_child():
    found_earlier = replace(FOUND, event_date=datetime.date(2022, 12, 1))
    assert score_pair(MISSING, found_earlier) is None
    assert "before going missing" in exclusion_reason(MISSING, found_earlier)


def test_a_found_date_a_few_days_early_is_taken_for_a_typing_slip_and_counts_against():
    slightly_early = replace(FOUND, event_date=datetime.date(2023, 2, 25))
    result = score_pair(MISSING, slightly_early)
    assert result is not None
    assert result.evidence_for("dates").contribution < 0
    assert "mistyped" in result.evidence_for("dates").detail


def test_an_age_that_cannot_be_reconciled_rules_the_pair_out():
    # 11 when missing two years ago: a found child who looks 3 cannot be her.
    assert score_pair(MISSING, replace(FOUND, age_min=3, age_max=3)) is None
    assert "apart" in exclusion_reason(MISSING, replace(FOUND, age_min=3, age_max=3))


def test_a_wide_apparent_age_tolerates_more():
    # About 13 now: a nameless girl who "looks 7" is impossible, "looks 7 to 12" is not.
    nameless = replace(FOUND, local_name="")
    assert score_pair(MISSING, replace(nameless, age_min=7, age_max=7)) is None
    assert score_pair(MISSING, replace(nameless, age_min=7, age_max=12)) is not None


def test_an_age_too_far_off_is_taken_for_a_slip_when_the_names_agree():
    # About 13 now; a girl who gives Priya's name and "looks 7" (or whose 17 was typed as 7) is
    # compared with the age as much against her as an age can count; a girl with another name
    # is not compared.
    priya_aged_7 = replace(FOUND, age_min=7, age_max=7)
    result = score_pair(MISSING, priya_aged_7)
    assert result is not None
    assert result.evidence_for("age").contribution == pytest.approx(-AGE_MOST_AGAINST)
    assert score_pair(MISSING, replace(priya_aged_7, local_name="सीमा मांझी")) is None
    # Only a couple of years more: "looks 4" is still another child, whatever her name.
    assert "apart" in exclusion_reason(MISSING, replace(priya_aged_7, age_min=4, age_max=4))


# --- the breakdown ---------------------------------------------------------------------------


def test_a_strong_match_scores_high_and_every_kind_of_evidence_is_listed():
    result = score_pair(MISSING, FOUND)
    assert result.score > 95
    assert [item.key for item in result.evidence] == EVIDENCE_KEYS
    exponent = SCORE_SLOPE * result.log_odds + SCORE_INTERCEPT
    assert result.score == pytest.approx(100 / (1 + math.exp(-exponent)))


def test_each_piece_of_evidence_is_explained_in_words():
    result = score_pair(MISSING, FOUND)
    details = {item.key: item.detail for item in result.evidence}
    assert details["name"] == "name 'Priya Sahu' ~ 'प्रिया साहू' (100)"
    assert details["age"] == (
        "age 11 when missing 2.0 years earlier → about 13; found aged 12\N{EN DASH}14"
    )
    assert details["sex"] == "both girls"
    assert details["place"] == "found in another state (10; missing from 21)"
    assert details["dates"] == "found 2.0 years after going missing"
    assert details["parents"].endswith("2 parents match")
    assert details["languages"] == "speaks or (or ~ or)"
    assert "til on left cheek" in details["marks"]
    assert details["face"] == "no face encoding on one side"


def test_evidence_that_speaks_for_the_match_adds_and_against_it_subtracts():
    result = score_pair(MISSING, FOUND)
    for key in ("name", "sex", "age", "parents", "languages", "marks"):
        assert result.evidence_for(key).contribution > 0, key
    assert result.evidence_for("place").contribution < 0  # another state: mildly against
    other_language = replace(FOUND, languages=frozenset({"ta"}))
    assert score_pair(MISSING, other_language).evidence_for("languages").contribution < 0


def test_similarities_are_between_0_and_1_and_weights_bound_the_contributions():
    for item in score_pair(MISSING, FOUND).evidence:
        if item.similarity is not None:
            assert 0 <= item.similarity <= 1
            assert item.contribution <= item.weight + 1e-9


def test_the_score_and_breakdown_are_json_for_the_portal():
    as_dict = score_pair(MISSING, FOUND).as_dict()
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert set(as_dict["evidence"][0]) == {
        "key",
        "weight",
        "similarity",
        "detail",
        "contribution",
        "code",
        "params",
    }


def test_each_detail_is_also_a_code_with_parameters_for_translation():
    result = score_pair(MISSING, FOUND)
    for item in result.evidence:
        assert item.message.code in ENGLISH, item.key
        assert item.message.text() == item.detail
        stored = item.as_dict()
        assert from_dict({"code": stored["code"], "params": stored["params"]}) == item.message
    dates = result.evidence_for("dates").as_dict()
    assert (dates["code"], dates["params"]) == (
        "dates.after",
        {"duration": {"code": "duration.years", "params": {"years": "2.0"}}},
    )
    languages = result.evidence_for("languages").as_dict()
    assert languages["params"] == {"shared": ["or"], "missing": ["or"], "found": ["or"]}


def test_a_day_and_days_read_right_in_english():
    assert message("duration.days", count=1).text() == "1 day"
    assert message("duration.days", count=3).text() == "3 days"
    with pytest.raises(KeyError):
        message("no.such.code")


def test_the_same_girl_found_soon_and_nearby_with_only_her_pet_name_is_worth_a_look():
    found_nearby = bare(
        FOUND,
        name="Pinki",
        father_name="Papa ka naam Ramesh",
        sex="F",
        age_min=11,
        age_max=11,
        event_date=datetime.date(2023, 3, 9),
        state="21",
        district="362",
    )
    assert score_pair(MISSING, found_nearby).score >= REVIEW_THRESHOLD


def test_another_child_with_the_same_common_pet_name_elsewhere_is_not():
    found_elsewhere = bare(
        FOUND,
        name="Pinki",
        sex="F",
        age_min=14,
        age_max=14,
        event_date=datetime.date(2025, 6, 1),
        state="7",
        district="77",
    )
    assert score_pair(MISSING, found_elsewhere).score < REVIEW_THRESHOLD


def test_her_fathers_name_outweighs_a_strangers_report_listing_the_pet_name_she_gives():
    # Priya's family did not list "Guddi"; another girl's report does, and names no parent.
    found = bare(FOUND, name="Guddi", father_name="Ramesh Sahu", sex="F")
    own = score_pair(bare(MISSING, name="Priya Sahu", father_name="Ramesh Sahu", sex="F"), found)
    stranger = score_pair(bare(MISSING, name="Anjali Verma", other_names="Guddi", sex="F"), found)
    assert stranger.evidence_for("name").contribution > 0 > own.evidence_for("name").contribution
    assert own.score > stranger.score


def test_a_pet_name_against_a_whole_name_she_was_not_called_by_counts_as_a_pet_name():
    # She says only "Chhoti"; Priya's report gives her name and no pet name. Read joined up or
    # word by word, "Chhoti" against "Priya Sahu" is a pet name the report does not list.
    found = bare(FOUND, name="Chhoti", sex="F")
    whole_name = score_pair(bare(MISSING, name="Priya Sahu", sex="F"), found)
    one_word = score_pair(bare(MISSING, name="Priya", sex="F"), found)
    assert whole_name.evidence_for("name").contribution == pytest.approx(
        one_word.evidence_for("name").contribution, abs=0.15
    )
    assert whole_name.evidence_for("name").contribution > -1


def test_two_marks_seen_where_her_family_said_count_for_more_than_one():
    missing = replace(MISSING, identification_marks="mole on left cheek; scar on forehead")

    def marks(found_marks: str) -> float:
        found = replace(FOUND, identification_marks=found_marks)
        return score_pair(missing, found).evidence_for("marks").contribution

    one = marks("til on left cheek")
    both = marks("til on left cheek, scar on forehead")
    assert one > 0
    assert both == pytest.approx(one + MARKS_WEIGHT)
    found = replace(FOUND, identification_marks="til on left cheek, scar on forehead")
    assert score_pair(missing, found).evidence_for("marks").detail.endswith("2 marks agree")
    # In Hindi, and as the portal joins the marks it records one by one.
    assert marks("बाएं गाल पर तिल; माथे पर चोट") == pytest.approx(both)
    assert marks("mole left cheek scar forehead") == pytest.approx(both)
    # The same kinds of mark elsewhere on the body, or on the other side, are not a second mark.
    assert marks("til on left cheek, scar on knee") == pytest.approx(one)
    assert marks("mole on right cheek; scar on forehead") < both


def test_a_name_written_in_bengali_letters_says_bengali_where_no_language_is_listed():
    # Her family wrote her name in Bengali and listed no language; the girl found speaks Bengali.
    missing = bare(MISSING, name="Priyanka Ganguli", local_name="প্রিয়াঙ্কা গাঙ্গুলি", sex="F")
    speaks = bare(FOUND, sex="F", languages=frozenset({"bn"}))

    def languages(missing_report, found_report):
        return score_pair(missing_report, found_report).evidence_for("languages")

    bengali = languages(missing, speaks)
    assert bengali.contribution > 0
    assert bengali.detail == "speaks bn (as, bn ~ bn, by the script of a name)"
    assert languages(missing, replace(speaks, languages=frozenset({"or"}))).contribution < 0
    # Devanagari, which a dozen languages write, and Latin letters say nothing.
    assert languages(replace(missing, local_name="प्रियंका गांगुली"), speaks).similarity is None
    assert languages(replace(missing, local_name=""), speaks).similarity is None
    # A language the report lists is what counts, whatever the script of the name.
    listed = replace(missing, languages=frozenset({"or"}))
    assert languages(listed, speaks).contribution < 0


# --- dates of birth --------------------------------------------------------------------------


def test_the_same_date_of_birth_speaks_strongly_and_a_slip_of_the_pen_less():
    born = datetime.date(2012, 4, 7)
    missing = replace(MISSING, birth_date=born)
    same = score_pair(missing, replace(FOUND, birth_date=born)).evidence_for("birth")
    assert same.contribution > 3
    assert same.detail == "born on the same day (2012-04-07)"
    for slip in (datetime.date(2012, 4, 8), datetime.date(2012, 7, 4), datetime.date(2021, 4, 7)):
        evidence = score_pair(missing, replace(FOUND, birth_date=slip)).evidence_for("birth")
        assert 0 < evidence.contribution < same.contribution, slip
    other = score_pair(missing, replace(FOUND, birth_date=datetime.date(2011, 9, 23)))
    assert other.evidence_for("birth").contribution < 0
    assert score_pair(missing, FOUND).evidence_for("birth").detail == (
        "date of birth not known on one side"
    )


# --- unknown evidence is neutral -------------------------------------------------------------


def test_evidence_one_side_does_not_give_changes_nothing():
    with_height = score_pair(MISSING, FOUND)
    without_height = score_pair(MISSING, replace(FOUND, height_cm=None))
    height = with_height.evidence_for("height")
    assert without_height.evidence_for("height").similarity is None
    assert without_height.evidence_for("height").contribution == 0
    assert without_height.log_odds == pytest.approx(with_height.log_odds - height.contribution)


def test_two_reports_that_say_nothing_score_the_prior_alone():
    result = score_pair(bare(MISSING), bare(FOUND))
    assert all(item.similarity is None for item in result.evidence)
    assert result.log_odds == 0
    assert result.score < 1


# --- faces -----------------------------------------------------------------------------------


def test_a_near_identical_face_alone_never_reaches_review():
    same_face = face(0.1, 0.2, 0.3)
    result = score_pair(bare(MISSING, face=same_face), bare(FOUND, face=same_face))
    assert result.evidence_for("face").similarity == 1.0
    assert result.score < REVIEW_THRESHOLD


GIRL_OF_ELEVEN = {
    "sex": "F",
    "age_min": 11,
    "age_max": 11,
    "event_date": datetime.date(2023, 3, 1),
    "state": "21",
    "district": "362",
    "face": face(0.1),
}
CLOSE_FACE = face(0.1, 0.4)  # distance 0.4 from GIRL_OF_ELEVEN's


def test_a_close_face_with_sex_and_age_does_not_decide_alone():
    """Found in another State/UT six weeks later: everything she is said to be fits, but so it
    does for thousands of girls; a close face is not enough to put her before an official."""
    elsewhere = {"event_date": datetime.date(2023, 4, 12), "state": "27", "district": "490"}
    found = bare(FOUND, **{**GIRL_OF_ELEVEN, **elsewhere, "face": CLOSE_FACE})
    result = score_pair(bare(MISSING, **GIRL_OF_ELEVEN), found)
    assert result.evidence_for("face").detail.startswith("face distance 0.40 (close")
    assert result.score < REVIEW_THRESHOLD


def test_a_close_face_puts_a_girl_found_that_day_in_her_district_before_an_official():
    """Found the day she went missing, in her district, of her age: that alone is not yet worth
    an official's look (many girls of eleven are lost and found in a district), with a close
    face it is."""
    missing = bare(MISSING, **GIRL_OF_ELEVEN)
    with_face = score_pair(missing, bare(FOUND, **{**GIRL_OF_ELEVEN, "face": CLOSE_FACE}))
    without_face = score_pair(missing, bare(FOUND, **{**GIRL_OF_ELEVEN, "face": None}))
    assert without_face.score < REVIEW_THRESHOLD <= with_face.score


def test_a_distant_face_is_no_evidence_against():
    far = score_pair(replace(MISSING, face=face(0.0)), replace(FOUND, face=face(0.9)))
    assert far.evidence_for("face").contribution == 0
    assert far.score == pytest.approx(score_pair(MISSING, FOUND).score)


def test_a_close_face_adds_to_other_evidence():
    close = score_pair(replace(MISSING, face=face(0.0)), replace(FOUND, face=face(0.3)))
    assert close.log_odds > score_pair(MISSING, FOUND).log_odds


def test_an_apparent_age_years_off_counts_against_but_a_name_still_reaches_the_review():
    # 11 when missing nine days before; she looks 6: five and a half years off, which a frightened
    # or undernourished child can look. The pair is compared and the age counts fully against.
    same_days = replace(FOUND, event_date=datetime.date(2023, 3, 10), age_min=6, age_max=6)
    result = score_pair(MISSING, same_days)
    assert result is not None
    assert result.evidence_for("age").contribution == pytest.approx(-AGE_MOST_AGAINST)
    assert result.score >= REVIEW_THRESHOLD
    assert score_pair(MISSING, replace(same_days, age_min=3, age_max=3)) is None


def test_an_age_misjudged_by_years_counts_against_no_more_than_such_misjudging_is_rare():
    # 11 when missing nine days before. "Looks 14" and "looks 16" are both ages an official can
    # misjudge a child by (hunger, puberty, fear): past a few years off, further says no more.
    def age_against(looks: int) -> float:
        found = replace(FOUND, event_date=datetime.date(2023, 3, 10), age_min=looks, age_max=looks)
        return score_pair(MISSING, found).evidence_for("age").contribution

    assert age_against(11) > 0 > age_against(14) > age_against(15)
    assert age_against(15) == age_against(16) == pytest.approx(-AGE_MOST_AGAINST)


def test_a_found_date_a_day_early_counts_against_far_less_than_weeks_early():
    # A slip of the pen or a family's date of going to the police is of a day or two far more
    # often than of weeks.
    def dates(day):
        result = score_pair(MISSING, replace(FOUND, event_date=day))
        return result.evidence_for("dates").contribution

    a_day, weeks = dates(datetime.date(2023, 2, 28)), dates(datetime.date(2023, 2, 5))
    assert -0.1 < a_day < 0
    assert weeks < -1.0
