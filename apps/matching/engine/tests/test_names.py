"""A child's name is read the way an official would read it off a police record.

Titles and fillers are ignored, aliases and "son of" are understood, Mohammad is one word
however it is spelt, and the same name written in another script, word order or spelling is
recognised as the same name; a found child who only says a pet name is still found.
"""

import pytest

from apps.matching.engine import ChildRecord, blocking_keys
from apps.matching.engine.evidence import measure_name
from apps.matching.engine.names import parse_name, word_similarity
from apps.matching.engine.profile import read_profile
from apps.names.keys import name_keys


def words_of(text: str) -> list[tuple[str, ...]]:
    return [form.words for form in parse_name(text).forms]


def name_value(missing_name: str, found_name: str, **missing_fields) -> float:
    missing = ChildRecord(id="m", side="missing", name=missing_name, **missing_fields)
    found = ChildRecord(id="f", side="found", name=found_name)
    measure = measure_name(read_profile(missing), read_profile(found))
    return measure.value if measure else 0.0


@pytest.mark.parametrize(
    "typed",
    [
        "Kumari Priya Sahu",
        "Km. Priya Sahu",
        "Shri Priya Sahu",
        "Smt. Priya Sahu",
        "Baby Priya Sahu",
        "Miss Priya Sahu",
        "कुमारी प्रिया साहू",
        "श्रीमती प्रिया साहू",
    ],
)
def test_titles_do_not_count_as_names(typed):
    assert name_value(typed, "Priya Sahu") == pytest.approx(
        name_value("Priya Sahu", "Priya Sahu"), abs=0.2
    )


def test_kumari_as_a_surname_is_kept_but_counts_little():
    forms = parse_name("Pinki Kumari").forms
    assert forms[0].words == ("pinki", "kumari")
    assert forms[0].weights[1] < forms[0].weights[0]


@pytest.mark.parametrize(
    "spelling",
    ["Md. Salim", "Mohd Salim", "Mohammed Salim", "Muhammad Salim", "मोहम्मद सलीम", "মোঃ সলিম"],
)
def test_every_spelling_of_mohammad_is_one_word(spelling):
    assert words_of(spelling) == [("mohamad", "salim")]


@pytest.mark.parametrize(
    "filler", ["Unknown boy", "Unknown girl aged 10 yrs", "अज्ञात बालक", "Baby", "N.K."]
)
def test_a_record_without_a_name_has_no_name(filler):
    assert parse_name(filler).forms == ()


@pytest.mark.parametrize(
    "typed", ["Ramesh urf Munna", "Ramesh alias Munna", "Ramesh @ Munna", "रमेश उर्फ मुन्ना"]
)
def test_an_alias_is_another_name_of_the_same_child(typed):
    assert words_of(typed) == [("rames",), ("mun",)]


@pytest.mark.parametrize(
    "typed",
    [
        "Raju S/O Ramesh Yadav",
        "Raju s/o Ramesh Yadav",
        "Raju son of Ramesh Yadav",
        "राजू पुत्र रमेश यादव",
    ],
)
def test_a_fathers_name_in_the_name_field_is_read_as_the_father(typed):
    parsed = parse_name(typed)
    assert [form.words for form in parsed.forms] == [("raju",)]
    assert [form.words for form in parsed.relatives] == [("rames", "yadab")]


def test_the_same_name_in_devanagari_bengali_and_latin_is_the_same_name():
    in_latin = name_value("Priya Sahu", "Priya Sahu")
    assert name_value("Priya Sahu", "प्रिया साहू") == pytest.approx(in_latin)
    assert name_value("প্রিয়া সাহু", "Priya Sahu") == pytest.approx(in_latin)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Pooja", "Puja"),
        ("Deepak", "Dipak"),
        ("Vishal", "Wishal"),
        ("Shubham", "Subham"),
        ("Sunita", "Sunitha"),
        ("Phoolwati", "Fulwati"),
        ("Anjali", "Anjalee"),
        ("Abhi", "Obhi"),
    ],
)
def test_indian_spelling_variants_are_the_same_word(one, other):
    assert (
        word_similarity(*parse_name(one).forms[0].words, *parse_name(other).forms[0].words) >= 0.9
    )


def test_word_order_does_not_matter():
    assert name_value("Sahu Priya", "Priya Sahu") == pytest.approx(
        name_value("Priya Sahu", "Priya Sahu")
    )


def test_a_left_out_surname_costs_little_but_a_different_one_costs_more():
    full = name_value("Priya Sahu", "Priya Sahu")
    first_only = name_value("Priya Sahu", "Priya")
    other_surname = name_value("Priya Sahu", "Priya Das")
    assert full > first_only > other_surname > 0


def test_a_different_child_with_the_same_surname_is_not_supported_by_the_name():
    assert name_value("Priya Sahu", "Kavita Sahu") < 0.5


def test_a_pet_name_in_other_names_finds_a_child_who_only_gives_that_name():
    value = name_value("Ramesh Kumar", "Munna", other_names="Munna, Pappu")
    assert value > 2
    assert value < name_value("Ramesh Kumar", "Ramesh Kumar")


def test_a_short_form_of_the_given_name_counts_partly():
    assert 0 < name_value("Rajesh Kumar", "Raju") < name_value("Rajesh Kumar", "Rajesh")


def test_blocking_keys_are_name_keys_of_the_childs_names_without_titles_or_weak_words():
    record = ChildRecord(
        id="m",
        side="missing",
        name="Kumari Priya Sahu S/O Ramesh",
        local_name="प्रिया साहू",
        other_names="Pinki",
    )
    keys = blocking_keys(record)
    assert set(keys) <= set(name_keys(record.name, record.local_name, record.other_names))
    assert set(keys) == set(name_keys("Priya Sahu Pinki"))


def test_a_found_child_in_another_script_shares_a_blocking_key():
    missing = ChildRecord(id="m", side="missing", name="Sourav Das")
    found = ChildRecord(id="f", side="found", local_name="সৌরভ")
    assert set(blocking_keys(missing)) & set(blocking_keys(found))


def test_an_urdu_record_is_read_like_any_other():
    """Titles, fillers, "daughter of" (بنت), "son of" (ولد), aliases (عرف) and the Urdu comma."""
    girl = parse_name("مسماۃ عائشہ بنت محمد یوسف")
    boy = parse_name("محمد یوسف ولد غلام رسول")

    assert [form.words for form in girl.forms] == [("ais",)]
    assert [form.words for form in girl.relatives] == [("mohamad", "yusf")]
    assert [form.words for form in boy.relatives] == [("glam", "rsul")]
    assert words_of("یوسف عرف یوسا") == words_of("یوسف، یوسا") == [("yusf",), ("yus",)]
    assert parse_name("نامعلوم لڑکا").forms == ()


def test_arif_in_urdu_is_a_name_not_the_word_for_alias():
    # عارف (Arif) and عرف (alias) read alike without their short vowels.
    assert words_of("عارف") == [("arf",)]


def test_a_name_without_its_short_vowels_is_the_same_name_only_where_the_letters_agree():
    """Urdu writes Ayesha with a yeh where Asha has none, and Sunil without Sonali's a."""
    assert name_value("Ayesha", "عائشہ") > 2
    assert name_value("Asha", "عائشہ") < 0
    assert name_value("Sunil", "سنیل") > 2
    assert name_value("Sonali", "سنیل") < 0


def test_letters_that_only_an_abjad_leaves_out_count_for_abjad_names_alone():
    # Zinb typed in Latin is a typo, not Zainab without its short vowels.
    assert name_value("Zainab", "زینب") > name_value("Zainab", "Zinb")
