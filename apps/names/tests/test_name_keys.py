"""A search for one spelling of a child's name finds the record under the other spellings.

Records store name_keys() of their names; a search matches a record when every one of its
query_keys() is among them, and name_similarity() ranks the matches.
"""

import pytest

from apps.names.keys import (
    keys_one_slip_away,
    name_keys,
    name_similarity,
    normalise_name,
    phonetic_word,
    query_keys,
    skeleton,
    to_latin,
)

SPELLING_VARIANTS = {
    "Mohammad": ["Muhammed", "मोहम्मद"],
    "Sourav": ["সৌরভ", "Saurabh"],
    "Pooja": ["पूजा", "Puja"],
    "Vishal": ["Bishal", "বিশাল"],
    "Priya": ["Preeya", "প্রিয়া"],
    "Ram": ["Rama", "राम"],
}
VARIANT_PAIRS = [(query, member) for query, group in SPELLING_VARIANTS.items() for member in group]


def finds(query: str, name: str) -> bool:
    """Whether a search for `query` returns a record stored under `name`."""
    wanted = query_keys(query)
    return bool(wanted) and set(wanted) <= set(name_keys(name))


@pytest.mark.parametrize(("query", "name"), VARIANT_PAIRS)
def test_a_search_finds_every_spelling_of_the_name(query, name):
    assert finds(query, name)


@pytest.mark.parametrize(("query", "name"), VARIANT_PAIRS)
def test_the_other_spellings_find_the_search_term_back(query, name):
    assert finds(name, query)


@pytest.mark.parametrize("query", ["रवि कुमार", "Kumar Ravi", "ravi KUMAR", "ରବି କୁମାର"])
def test_a_full_name_is_found_in_another_script_and_word_order(query):
    assert finds(query, "Ravi Kumar")


def test_a_record_is_found_by_one_of_its_names_alone():
    assert finds("Kumar", "Ravi Kumar")


@pytest.mark.parametrize(
    ("one", "other"),
    [("Priya", "Pooja"), ("Sunil", "Sanjay"), ("Ravi", "Rohit"), ("Aditya", "Aditi")],
)
def test_different_names_do_not_share_keys(one, other):
    assert not set(name_keys(one)) & set(name_keys(other))


def test_a_search_for_two_names_needs_both():
    assert not finds("Ravi Kumar", "Ravi Sharma")


def test_the_closer_name_ranks_first():
    closer = name_similarity("Muhammad Ali", "Mohammed Ali")
    further = name_similarity("Muhammad Ali", "Mohan Lal")
    assert closer > further


def test_similarity_takes_the_best_of_several_names():
    assert name_similarity("Saurabh", "Mohan Lal", "সৌরভ") == 100


@pytest.mark.parametrize("empty", ["", "   ", "...", "- / ,", "१२३", None])
def test_empty_input_gives_no_keys_and_no_similarity(empty):
    assert name_keys(empty) == []
    assert query_keys(empty) == []
    assert normalise_name(empty) == ""
    assert name_similarity(empty, "Ravi") == 0
    assert name_similarity("Ravi", empty) == 0


def test_similarity_with_no_names_is_zero():
    assert name_similarity("Ravi") == 0


@pytest.mark.parametrize(
    ("local", "latin"),
    [("ରବି", "Ravi"), ("ଅଖିଳ", "Akhil"), ("முருகன்", "Murugan"), ("செந்தில்", "Senthil")],
)
def test_odia_and_tamil_names_get_latin_keys(local, latin):
    keys = name_keys(local)
    assert keys
    assert all(key.isascii() and key.isalpha() for key in keys)
    assert finds(latin, local)


def test_an_initial_is_not_a_key_but_counts_in_the_ranking():
    assert name_keys("R. Kumar") == name_keys("Kumar")
    assert name_similarity("R Kumar", "R. Kumar") > name_similarity("R Kumar", "S. Kumar")


def test_record_keys_are_sorted_and_distinct_and_query_keys_keep_word_order():
    assert name_keys("Ravi Kumar", "Kumar Ravi") == ["kmr", "rb"]
    assert query_keys("Ravi Kumar Ravi") == ["rb", "kmr"]


def test_to_latin_reads_indian_scripts_and_drops_accents_and_punctuation():
    assert to_latin("राम") == "rama"
    assert to_latin("संजय चंपा") == "sanjaya champa"  # the anusvara as English spells it
    assert to_latin("প্রিয়া") == "priya"  # the nukta of য় is dropped, not kept as "a়"
    assert to_latin("ਖ਼ੁਸ਼ੀ") == "khusi"  # a nukta anywhere is dropped; ਸ਼ and ਸ are both s
    assert to_latin("José D'Souza!") == "jose d souza"


def test_phonetic_word_folds_spelling_variants_in_order():
    assert phonetic_word("saurabh") == phonetic_word("sourav") == "surab"
    assert phonetic_word("sanjaya") == phonetic_word("sanjay") == "sanjai"
    assert phonetic_word("rama") == "ram"
    assert phonetic_word("ma") == "ma"  # too short to lose its vowel


def test_the_skeleton_keeps_the_first_letter_and_the_consonants():
    assert skeleton("mohamad") == "mhmd"
    assert skeleton("adity") == "adty"
    assert skeleton("") == ""


@pytest.mark.parametrize(
    ("local", "latin"),
    [
        ("محمد", "mhmd"),  # Urdu leaves short vowels out
        ("ﻣﺤﻤﺪ", "mhmd"),  # the presentation forms of text copied from a PDF
        ("عائشہ", "aisha"),  # a first ain carries the vowel written after it; a final heh is a
        ("نور", "nur"),  # waw between consonants is a vowel
        ("جاوید", "javid"),  # after an alif, a consonant
        ("تنویر", "tnvir"),  # before a vowel, a consonant
        ("یوسف", "yusf"),  # yeh starting a word is a consonant
        ("پریانکا", "priyanka"),  # a consonant y after a consonant is spelt iy
        ("سلمیٰ", "slma"),  # a superscript alif is an a
        ("سہیل", "shhil"),  # an h after a consonant is doubled: not an aspirate
        ("ممتاز", "mamtaz"),  # the same letter twice has a vowel between
        ("عبدالرحمن", "abdul rhmn"),
        ("عبداللہ", "abdullah"),
        ("حَبہٕ خاتوٗن", "haba khatuun"),  # Kashmiri vowel signs
        ("ڀٽائي", "bhtaii"),  # Sindhi letters
        ("ꯇꯣꯝꯕ", "tomba"),  # Meitei Mayek: an inherent a, a final (lonsum) m
        ("ꯅꯤꯡꯊꯧꯖꯝ", "ningthoujam"),
        ("ꯆꯥꯎꯕ", "chaoba"),
        ("ᱦᱟᱸᱥᱫᱟ", "hansda"),  # Ol Chiki writes every vowel
        ("ᱨᱟᱜᱷᱩᱱᱟᱛᱷ", "raghunath"),
    ],
)
def test_to_latin_reads_perso_arabic_meitei_mayek_and_ol_chiki(local, latin):
    assert to_latin(local) == latin


@pytest.mark.parametrize(
    ("local", "latin"),
    [
        ("മോഹൻലാൽ", "mohanlal"),  # Malayalam chillus
        ("डॉली", "doli"),  # a candra o
        ("আগৰৱালা", "agaravala"),  # the Assamese wa
        ("तामाङ", "tamanga"),  # ङ is ng, but only n before k and g
        ("शङ्कर", "shankara"),
        ("गाँधी", "gandhi"),  # a chandrabindu before a consonant is an n
        ("സലീം", "salim"),  # an anusvara at the end is an m
    ],
)
def test_to_latin_reads_the_letters_the_transliteration_library_leaves_out(local, latin):
    assert to_latin(local) == latin


@pytest.mark.parametrize("spelling", ["Imran", "Emran", "عمران"])
def test_a_first_vowel_keys_alike_whichever_it_is(spelling):
    assert name_keys(spelling) == ["amrn"]


@pytest.mark.parametrize(
    ("written", "slip"),
    [
        ("Prabhat", "Prahbat"),  # two letters swapped
        ("Sanjay", "Sanjya"),
        ("Jharana", "Jharama"),  # one put for another
        ("Dinesh", "Dimesh"),
        ("Ramesh", "Ramseh"),  # "sh" split
        ("Ramesh", "Rameshw"),  # one added
        ("Shankar", "Shakar"),  # one left out
    ],
)
def test_a_name_misspelt_by_one_slip_has_a_key_one_slip_away(written, slip):
    (key,), (slipped,) = name_keys(written), name_keys(slip)
    assert slipped != key
    assert slipped in keys_one_slip_away(key)
    assert key in keys_one_slip_away(slipped)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Prabhat", "Bharat"),  # the first letter is written with care
        ("Jharana", "Jhakama"),  # two slips
        ("Prakash", "Prabhat"),
    ],
)
def test_names_further_apart_are_not_one_slip_away(one, other):
    (key,), (other_key,) = name_keys(one), name_keys(other)
    assert other_key not in keys_one_slip_away(key)


def test_a_key_of_two_letters_has_no_slips_and_none_is_that_short():
    assert keys_one_slip_away("rm") == set()  # Ram: most short names are one slip from it
    slips = keys_one_slip_away("snj")
    assert "snj" not in slips
    assert min(len(slip) for slip in slips) == 3
