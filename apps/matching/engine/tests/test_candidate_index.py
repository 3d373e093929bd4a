"""A found child is looked up among many missing reports and the right one comes out on top.

The index finds the child's report when the name was written in another script and the child
turned up in another state, when the child only gives a pet name, and ranks a close face
among the candidates without letting it outrank a report that matches on everything else.
"""

import datetime
from dataclasses import replace

import pytest

from apps.matching.engine import CandidateIndex, ChildRecord
from apps.matching.engine.scoring import NAMELESS_SHORTLIST_PLACES

DAY = datetime.date(2024, 1, 10)


def missing(record_id: str, name: str, **fields) -> ChildRecord:
    defaults = {
        "sex": "F",
        "age_min": 12,
        "age_max": 12,
        "event_date": DAY,
        "state": "21",
        "district": "362",
    }
    return ChildRecord(id=record_id, side="missing", name=name, **{**defaults, **fields})


def found(**fields) -> ChildRecord:
    defaults = {"sex": "F", "age_min": 12, "age_max": 13, "event_date": DAY.replace(month=3)}
    return ChildRecord(id="F-1", side="found", **{**defaults, **fields})


def face(*values: float) -> tuple[float, ...]:
    return tuple(values) + (0.0,) * (128 - len(values))


@pytest.fixture
def index():
    """Missing girls of Odisha and Bihar with common names, and the ones the tests look for."""
    index = CandidateIndex()
    others = [
        ("Priya Das", {}),
        ("Priya Nayak", {"district": "348"}),
        ("Pooja Sahu", {}),
        ("Anjali Sahu", {"other_names": "Pinki"}),
        ("Sunita Kumari", {"state": "10", "district": "212", "other_names": "Pinki"}),
        ("Puja Kumari", {"state": "10", "district": "212"}),
        ("Rinki Das", {"other_names": "Guddi"}),
    ]
    for number, (name, fields) in enumerate(others * 5):
        age = 9 + number % 7  # many ages, so that some others are ruled out by age
        index.add(missing(f"M-{number:03d}", name, age_min=age, age_max=age, **fields))
    index.add(
        missing(
            "M-PRIYA",
            "Priya Sahu",
            local_name="প্রিয়া সাহু",
            father_name="Ramesh Sahu",
            identification_marks="mole on left cheek",
        )
    )
    index.add(missing("M-MUNNI", "Kavita Devi", other_names="Munni", state="10", district="212"))
    index.add(missing("M-BOY", "Priya Sahu", sex="M"))  # a typing slip on a boy's report
    return index


def ids(results) -> list[str]:
    return [record.id for record, _ in results]


def test_a_child_reported_in_bengali_script_is_found_from_devanagari_in_another_state(index):
    child = found(local_name="प्रिया साहू", state="27", district="519")
    results = index.top_matches(child, top=5)
    assert ids(results)[0] == "M-PRIYA"
    assert results[0][1].evidence_for("place").detail.startswith("found in another state")


def test_a_child_who_only_says_her_pet_name_is_found_through_other_names(index):
    child = found(name="Munni", state="10", district="212")
    assert ids(index.top_matches(child, top=3))[0] == "M-MUNNI"


def test_a_misspelt_name_with_a_title_is_still_found(index):
    child = found(name="Kumari Preeya Saahu", father_name="Ramesh")
    assert ids(index.top_matches(child, top=3))[0] == "M-PRIYA"


def test_candidates_obey_the_hard_filters(index):
    child = found(name="Priya Sahu")
    candidates = index.candidates(child)
    assert "M-BOY" not in {record.id for record in candidates}
    assert all(record.sex != "M" for record in candidates)
    assert all(record.age_max >= 9 for record in candidates)


def test_a_child_found_in_the_same_district_without_a_name_is_still_a_candidate(index):
    child = found(state="21", district="362")
    assert "M-PRIYA" in {record.id for record in index.candidates(child)}


def test_a_nameless_child_found_in_another_state_is_found_by_her_description(index):
    child = found(identification_marks="til on left cheek", state="27", district="519")
    assert "M-PRIYA" in {record.id for record in index.candidates(child, limit=20)}
    assert ids(index.top_matches(child, top=1)) == ["M-PRIYA"]


@pytest.mark.parametrize(
    "fields",
    [{"sex": "M"}, {"age_min": 3, "age_max": 3}],
    ids=["a boy", "out of the age window"],
)
def test_a_description_never_brings_in_a_child_the_hard_filters_rule_out(index, fields):
    child = found(identification_marks="mole on left cheek", state="27", district="519", **fields)
    candidates = {record.id for record in index.candidates(child)}
    assert "M-PRIYA" not in candidates


def test_results_come_best_first_and_no_more_than_asked(index):
    results = index.top_matches(found(name="Priya"), top=4)
    scores = [result.score for _, result in results]
    assert len(results) == 4
    assert scores == sorted(scores, reverse=True)


def test_top_matches_scores_are_those_of_score_pair(index):
    from apps.matching.engine import score_pair

    child = found(local_name="प्रिया साहू")
    for record, result in index.top_matches(child, top=3):
        assert result.score == pytest.approx(score_pair(record, child).score)


def test_a_face_only_neighbour_is_ranked_but_not_above_a_strong_attribute_match(index):
    index.add(missing("M-FACE", "Sonali Barik", state="33", district="600", face=face(0.3)))
    child = found(name="Priya Sahu", father_name="Ramesh", face=face(0.3, 0.2))
    results = index.top_matches(child, top=50)
    assert ids(results)[0] == "M-PRIYA"
    assert "M-FACE" in ids(results)  # no name key or place in common: found by its face
    neighbour = dict(zip(ids(results), (result for _, result in results), strict=True))["M-FACE"]
    assert neighbour.evidence_for("face").similarity == 1.0


def test_the_face_of_a_returned_record_is_kept(index):
    index.add(missing("M-FACE", "Sonali Barik", face=face(0.25, 0.5)))
    child = found(face=face(0.25, 0.5))
    record = next(record for record in index.candidates(child) if record.id == "M-FACE")
    assert record.face == pytest.approx(face(0.25, 0.5))


def test_a_missing_report_can_be_the_query_against_found_reports():
    index = CandidateIndex()
    index.add(found(local_name="প্রিয়া সাহু", state="19", district="700"))
    index.add(replace(found(name="Pooja Das"), id="F-2"))
    query = missing("M-1", "Priya Sahu")
    assert ids(index.top_matches(query, top=1)) == ["F-1"]


def test_very_common_keys_only_rank_records_found_through_rarer_keys():
    index = CandidateIndex(common_key_size=3)
    for number in range(6):
        index.add(missing(f"M-{number}", f"Priya Other{'abcdef'[number]}"))
    index.add(missing("M-RARE", "Priya Zorawar"))
    candidates = index.candidates(found(name="Priya Zorawar"))
    assert candidates[0].id == "M-RARE"


def pet_name_index(*, listed: int) -> CandidateIndex:
    """`listed` girls of Odisha whose reports list the pet name Pinki, and Meena, whose report
    lists no pet name but gives her height and district: the child the tests look for."""
    index = CandidateIndex()
    for number in range(listed):
        index.add(
            missing(
                f"M-PINKI-{number:02d}",
                f"Girl{chr(97 + number % 26)}{chr(97 + number // 26)} Kumari",
                other_names="Pinki",
                district=f"{300 + number}",
            )
        )
    index.add(
        missing(
            "M-MEENA",
            "Meena Sahu",
            state="21",
            district="362",
            height_cm=145,
        )
    )
    return index


def test_a_girl_who_gives_a_pet_name_her_report_lacks_is_shortlisted_by_description():
    """Twelve reports that list her pet name rank above hers; the last places of her
    shortlist are the best without the name, and hers is the best of them."""
    index = pet_name_index(listed=12)
    child = found(
        name="Pinki",
        state="21",
        district="362",
        height_cm=146,
    )
    ranked = ids(index.top_matches(child, top=30))
    assert ranked.index("M-MEENA") >= 10  # by all the evidence, the reports listing Pinki
    shortlist = ids(index.top_matches(child, top=10))
    assert len(shortlist) == 10
    places = NAMELESS_SHORTLIST_PLACES
    assert "M-MEENA" in shortlist[-places:]
    assert shortlist[: 10 - places] == ranked[: 10 - places]


def test_a_girl_who_gives_her_given_name_keeps_the_ranking_by_all_the_evidence():
    index = pet_name_index(listed=12)
    child = found(name="Girlaa Kumari", state="21", district="362", height_cm=146)
    ranked = ids(index.top_matches(child, top=30))
    assert ids(index.top_matches(child, top=10)) == ranked[:10]


def test_a_girl_whose_age_was_mistyped_is_still_found_by_her_name():
    # Ratna, 8, was typed in as 15 when she was found four days later in her district: seven
    # years more than she can have grown. Her name keeps her report among the candidates, the
    # age counting against it; a girl of 15 with another name is not compared with it.
    index = CandidateIndex()
    index.add(missing("M-RATNA", "Ratna Oraon", age_min=8, age_max=8))
    for number in range(20):
        index.add(missing(f"M-{number:03d}", "Sunita Oraon", age_min=15, age_max=15))
    ratna = found(name="Ratna", age_min=15, age_max=15, event_date=DAY.replace(day=14))
    ratna = replace(ratna, state="21", district="362")

    results = index.top_matches(ratna, top=3)

    assert ids(results)[0] == "M-RATNA"
    assert results[0][1].evidence_for("age").contribution < 0
    another_girl = replace(ratna, name="Sima")
    assert "M-RATNA" not in {record.id for record in index.candidates(another_girl)}


def test_a_name_made_only_of_common_words_finds_the_report_that_also_gives_a_pet_name():
    # "Lal" and "Prasad" are each shared by countless boys, so they count little in a name
    # that has rarer words; but a report of Lal Prasad, called Bapi at home, must be found by
    # "Lal Prasad" too, not only by "Bapi".
    index = CandidateIndex()
    index.add(missing("M-LAL", "Lal Prasad", other_names="Bapi", sex="M", state="20"))
    for number in range(30):  # boys of the district where he is found, by description nearer
        index.add(missing(f"M-{number:03d}", "Ravi Kumar", sex="M", state="6", district="71"))
    boy = found(local_name="लाल प्रसाद", sex="M", state="6", district="71")

    assert "M-LAL" in {record.id for record in index.candidates(boy, limit=10)}


def test_a_boy_whose_name_was_written_with_a_slip_is_found_far_from_home():
    """Prabhat gives his first name, written "Prahbat", in a State/UT he is not from: his
    report shares no name key and no district with him, but its key is one slip away."""
    index = CandidateIndex()
    for number in range(40):
        index.add(missing(f"M-{number:03d}", "Prakash Sahu", sex="M", district="348"))
    index.add(missing("M-PRABHAT", "Prabhat Behera", sex="M"))
    child = found(name="Prahbat", sex="M", state="10", district="212")

    assert ids(index.top_matches(child, top=10)) == ["M-PRABHAT"]


def test_reports_one_slip_away_come_nearest_in_place_and_age_and_no_more_than_twenty():
    index = CandidateIndex()
    for number in range(30):
        index.add(missing(f"M-FAR-{number:02d}", "Sanjya", sex="M", state="10", district="212"))
    index.add(missing("M-NEAR", "Sanjya", sex="M"))
    child = found(name="Sanjay", sex="M", state="21", district="362")

    candidates = [record.id for record in index.candidates(child)]

    assert candidates[0] == "M-NEAR"
    assert len(candidates) == 20
