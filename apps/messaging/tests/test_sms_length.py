"""How many parts an SMS takes, in English and in Indian scripts."""

from apps.messaging.segments import measure


def test_plain_english_goes_as_gsm7_up_to_160_characters_in_one_part():
    assert measure("a" * 160).encoding == "gsm7"
    assert measure("a" * 160).parts == 1
    assert measure("a" * 161).parts == 2
    assert measure("a" * 306).parts == 2
    assert measure("a" * 307).parts == 3


def test_extension_characters_count_twice():
    assert measure("€" * 80).units == 160
    assert measure("€" * 80).parts == 1
    assert measure("€" * 81).parts == 2


def test_hindi_and_bengali_go_as_unicode_70_characters_a_part():
    hindi = "आपका सत्यापन कोड"
    assert measure(hindi).encoding == "ucs2"
    assert measure(hindi).units == len(hindi)
    assert measure("অ" * 70).parts == 1
    assert measure("অ" * 71).parts == 2
    assert measure("অ" * 134).parts == 2
    assert measure("অ" * 135).parts == 3


def test_one_non_gsm_character_makes_the_whole_message_unicode():
    assert measure("Code 1234 ✓").encoding == "ucs2"
