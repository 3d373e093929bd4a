"""An official writes down where a found child says home is, in the child's words and any
script; the portal recognises the districts and States/UTs among every one of India's."""

import csv
from pathlib import Path

import pytest

from apps.names.places import PlaceNames, ToldPlaces

DATA = Path(__file__).resolve().parents[2] / "directory" / "data"


@pytest.fixture(scope="module")
def india() -> PlaceNames:
    with (DATA / "lgd_districts.csv").open(encoding="utf-8") as districts:
        district_rows = [
            (int(row["district_code"]), row["district_name"], int(row["state_code"]))
            for row in csv.DictReader(districts)
        ]
    with (DATA / "state_names.csv").open(encoding="utf-8") as states:
        state_rows = [
            (int(row.pop("state_code")), [row.pop("state_name"), *row.values()])
            for row in csv.DictReader(states)
        ]
    return PlaceNames(district_rows, state_rows)


GAYA, PATNA, BIHAR = 196, 212, 10
BILASPUR_CHHATTISGARH, BILASPUR_HIMACHAL, CHHATTISGARH, HIMACHAL = 375, 15, 22, 2
KHORDHA, ODISHA, WEST_BENGAL = 362, 21, 19


@pytest.mark.parametrize(
    "told",
    [
        *("Gaya", "gayaa", "GAYA, BIHAR", "गया", "गया, बिहार", "near Gaya station, Bihar"),
        *("ગયા", "গয়া", "گیا", "گیا، بہار"),
    ],
)
def test_a_district_is_recognised_however_it_is_written(india, told):
    assert india.find(told) == ToldPlaces(frozenset({GAYA}), frozenset({BIHAR}))


def test_a_district_several_states_share_is_taken_in_the_state_the_child_named(india):
    assert india.find("Bilaspur, Himachal Pradesh") == ToldPlaces(
        frozenset({BILASPUR_HIMACHAL}), frozenset({HIMACHAL})
    )
    both = india.find("Bilaspur")
    assert both.districts == {BILASPUR_CHHATTISGARH, BILASPUR_HIMACHAL}
    assert both.states == {CHHATTISGARH, HIMACHAL}


def test_a_state_alone_is_recognised_by_its_name_in_its_own_language(india):
    assert india.find("পশ্চিমবঙ্গ") == ToldPlaces(frozenset(), frozenset({WEST_BENGAL}))
    assert india.find("West Bengal") == ToldPlaces(frozenset(), frozenset({WEST_BENGAL}))
    assert india.find("ଓଡ଼ିଶା") == ToldPlaces(frozenset(), frozenset({ODISHA}))


@pytest.mark.parametrize(
    ("told", "district", "state"),
    [
        ("सीतामढ़ी", 221, BIHAR),  # Sitamarhi: ढ़ is written rh in Latin letters, not dh
        ("\u0938\u0940\u0924\u093e\u092e\u095d\u0940", 221, BIHAR),  # ढ़ as one character
        ("বাঁকুড়া", 305, WEST_BENGAL),  # Bankura
        ("गढ़वा", 328, 20),  # Garhwa, Jharkhand
        ("गढ़चिरौली", 475, 27),  # Gadchiroli misspelt with ढ़ is still read as written
    ],
)
def test_a_name_with_a_flapped_consonant_is_read_as_its_latin_spelling(
    india, told, district, state
):
    assert india.find(told) == ToldPlaces(frozenset({district}), frozenset({state}))


def test_two_districts_named_are_both_kept(india):
    assert india.find("lived in Patna, grandmother in Gaya").districts == {PATNA, GAYA}


@pytest.mark.parametrize("told", ["", None, "near a big temple", "Station Road", "12345"])
def test_words_naming_no_district_or_state_recognise_nothing(india, told):
    assert india.find(told) == ToldPlaces()


def test_a_word_is_matched_whole_not_inside_another(india):
    # "Gayatri Nagar" is a street, not Gaya.
    assert india.find("Gayatri Nagar") == ToldPlaces()


def test_districts_by_id_and_the_names_the_engine_gives_them(india):
    home = india.of_districts([KHORDHA, None, 999_999])
    assert home == ToldPlaces(frozenset({KHORDHA}), frozenset({ODISHA}))
    assert india.names(home) == (frozenset({"Khordha, Odisha"}), frozenset({"Odisha"}))


def test_the_longest_name_wins_and_a_compass_point_alone_is_no_district(india):
    assert india.find("West Bengal").districts == set()
    assert india.find("near the west gate of the station") == ToldPlaces()
    assert india.find("North East, Delhi").districts == {81}


WARDHA, MANDI = 498, 22


def test_an_address_word_names_no_district_unless_its_state_is_named(india):
    assert india.find("Ward 11") == ToldPlaces()
    assert india.find("Wardha").districts == {WARDHA}
    assert india.find("sabzi mandi").districts == set()
    assert india.find("Mandi, Himachal Pradesh").districts == {MANDI}


KOLKATA = 315


@pytest.mark.parametrize("told", ["Kolkata", "কলকাতা", "कोलकाता", "கொல்கத்தா", "Kolkata, WB"])
def test_a_name_whose_script_leaves_its_vowels_unwritten_is_read_by_its_consonants(india, told):
    assert india.find(told).districts == {KOLKATA}


@pytest.mark.parametrize("told", ["नदी किनारे", "ବଜାର ପାଖରେ", "रेलवे स्टेशन के पास", "মসজিদের পাশে"])
def test_words_of_a_sentence_in_an_indian_script_are_not_read_by_their_consonants(india, told):
    # किनारे has Kinnaur's consonants, ପାଖରେ Pakur's: only a whole part of the text may be a
    # name so spelt.
    assert india.find(told) == ToldPlaces()


PATAN, CHITTOOR, CHATRA = 455, 503, 323


@pytest.mark.parametrize(
    ("told", "district"),
    [
        ("पटना", PATNA),  # ends on its vowel sign: Patna, not Gujarat's Patan
        ("পাটনা", PATNA),
        ("ਪਟਨਾ", PATNA),
        ("ପାଟଣା", PATNA),
        ("पाटन", PATAN),  # ends on a consonant, its vowel unspoken: Patan
        ("પાટણ", PATAN),
        ("پٹنہ", PATNA),  # Perso-Arabic writes a last vowel with a letter, a consonant bare
        ("پاٹن", PATAN),
        ("चित्तूर", CHITTOOR),
        ("चतरा", CHATRA),
    ],
)
def test_two_districts_a_script_spells_alike_are_told_apart_by_how_the_name_ends(
    india, told, district
):
    assert india.find(told).districts == {district}


def test_a_dravidian_name_ending_on_a_vowel_the_latin_name_leaves_out_keeps_both(india):
    # చిత్తూరు (Chittooru) is how Telugu says Chittoor: its last vowel says nothing of Chatra.
    assert india.find("చిత్తూరు").districts == {CHITTOOR, CHATRA}


PURNIA, DEORIA, DHULE = 214, 137, 474


@pytest.mark.parametrize(
    ("told", "district"),
    [("گیا", GAYA), ("پورنیہ", PURNIA), ("دیوریا", DEORIA), ("دلی، مہاراشٹر", DHULE)],
)
def test_a_name_in_perso_arabic_is_read_as_the_latin_name_lacking_its_short_vowels(
    india, told, district
):
    assert india.find(told).districts == {district}


@pytest.mark.parametrize("told", ["دلی", "سڑک", "اسٹیشن کے پاس", "میرا گھر"])
def test_perso_arabic_words_that_fit_several_names_or_none_recognise_nothing(india, told):
    # دلی lacks only vowels of Dhule (Maharashtra) and of Dhalai (Tripura): with the State/UT
    # named it is one of them (above), alone it is neither.
    assert india.find(told) == ToldPlaces()
