"""A child's name typed in the script of any of India's 22 scheduled languages is found and
weighed as the same name as its Latin spelling, typed by an official elsewhere: the two share
a candidate key and every word of one counts as the same word of the other. Two different
names of the same language do not.

The names are real names of well-known people of each language, written as they write them
and spelt as the English press spells them.
"""

import pytest

from apps.matching.engine import ChildRecord
from apps.matching.engine.evidence import measure_name
from apps.matching.engine.names import SAME_WORD
from apps.matching.engine.profile import read_profile

# Language -> two or more (name in its script, the Latin spelling), the first two with
# nothing in common. Scripts: Bengali-Assamese for Assamese (with ৰ and ৱ) and Bengali;
# Devanagari for Bodo, Dogri, Hindi, Konkani, Maithili, Marathi, Nepali and Sanskrit;
# Perso-Arabic for Kashmiri, Sindhi and Urdu (each with its own letters); Meitei Mayek for
# Manipuri; Ol Chiki for Santali.
NAMES = {
    "Assamese": [
        ("ভূপেন হাজৰিকা", "Bhupen Hazarika"),
        ("জ্যোতিপ্ৰসাদ আগৰৱালা", "Jyotiprasad Agarwala"),
        ("হিমা দাস", "Hima Das"),
    ],
    "Bengali": [("সৌরভ গাঙ্গুলী", "Sourav Ganguly"), ("রবীন্দ্রনাথ ঠাকুর", "Rabindranath Thakur")],
    "Bodo": [("उपेन्द्रनाथ ब्रह्म", "Upendranath Brahma"), ("हाग्रामा मोहिलारी", "Hagrama Mohilary")],
    "Dogri": [("पद्मा सचदेव", "Padma Sachdev"), ("करण सिंह", "Karan Singh")],
    "Gujarati": [("હાર્દિક પટેલ", "Hardik Patel"), ("કિંજલ દવે", "Kinjal Dave")],
    "Hindi": [("सुनीता यादव", "Sunita Yadav"), ("अमिताभ बच्चन", "Amitabh Bachchan")],
    "Kannada": [("ಪುನೀತ್ ರಾಜ್\u200cಕುಮಾರ್", "Puneeth Rajkumar"), ("ಸುಧಾ ಮೂರ್ತಿ", "Sudha Murthy")],
    "Kashmiri": [
        ("حَبہٕ خاتوٗن", "Habba Khatoon"),
        ("دیٖنا ناتھ نادِم", "Dina Nath Nadim"),
        ("غلام احمد مہجوٗر", "Ghulam Ahmad Mahjoor"),
    ],
    "Konkani": [("मनोहर पर्रीकर", "Manohar Parrikar"), ("पुंडलीक नायक", "Pundalik Naik")],
    "Maithili": [("शारदा सिन्हा", "Sharda Sinha"), ("विद्यापति ठाकुर", "Vidyapati Thakur")],
    "Malayalam": [("മോഹൻലാൽ", "Mohanlal"), ("ശ്രീജേഷ്", "Sreejesh"), ("അർജുൻ", "Arjun")],
    "Manipuri": [
        ("ꯃꯤꯔꯥꯕꯥꯏ ꯆꯥꯅꯨ", "Mirabai Chanu"),
        ("ꯅꯤꯡꯊꯧꯖꯝ ꯇꯣꯝꯕ", "Ningthoujam Tomba"),
        ("ꯂꯥꯏꯁ꯭ꯔꯝ ꯁꯅꯥꯇꯣꯝꯕꯤ", "Laishram Sanatombi"),
        ("ꯏꯕꯣꯝꯆꯥ", "Ibomcha"),
    ],
    "Marathi": [("सचिन तेंडुलकर", "Sachin Tendulkar"), ("स्मृती मंधाना", "Smriti Mandhana")],
    "Nepali": [("प्रशान्त तामाङ", "Prashant Tamang"), ("भाइचुङ भुटिया", "Bhaichung Bhutia")],
    "Odia": [("ନବୀନ ପଟ୍ଟନାୟକ", "Naveen Patnaik"), ("ଦୁତି ଚାନ୍ଦ", "Dutee Chand")],
    "Punjabi": [("ਹਰਭਜਨ ਸਿੰਘ", "Harbhajan Singh"), ("ਗੁਰਪ੍ਰੀਤ ਕੌਰ", "Gurpreet Kaur")],
    "Sanskrit": [("वाल्मीकि", "Valmiki"), ("कालिदास", "Kalidas")],
    "Santali": [
        ("ᱥᱤᱫᱳ ᱢᱩᱨᱢᱩ", "Sido Murmu"),
        ("ᱥᱤᱵᱩ ᱥᱚᱨᱮᱱ", "Shibu Soren"),
        ("ᱨᱟᱜᱷᱩᱱᱟᱛᱷ ᱢᱩᱨᱢᱩ", "Raghunath Murmu"),
        ("ᱦᱮᱢᱚᱱᱛ ᱥᱚᱨᱮᱱ", "Hemant Soren"),
    ],
    "Sindhi": [("لال ڪرشن اڏواڻي", "Lal Krishna Advani"), ("رام جيٺملاڻي", "Ram Jethmalani")],
    "Tamil": [("கார்த்திக்", "Karthik"), ("இளையராஜா", "Ilaiyaraaja")],
    "Telugu": [("వెంకటేష్", "Venkatesh"), ("లక్ష్మి", "Lakshmi")],
    "Urdu": [
        ("محمد عمران", "Mohammad Imran"),
        ("عائشہ", "Ayesha"),
        ("فاطمہ بیگم", "Fatima Begum"),
        ("جاوید اختر", "Javed Akhtar"),
        ("سہیل", "Sohail"),
        ("عبداللہ", "Abdullah"),
    ],
}
# The 22 languages of the Eighth Schedule to the Constitution.
SCHEDULED_LANGUAGES = {
    "Assamese", "Bengali", "Bodo", "Dogri", "Gujarati", "Hindi", "Kannada", "Kashmiri",
    "Konkani", "Maithili", "Malayalam", "Manipuri", "Marathi", "Nepali", "Odia", "Punjabi",
    "Sanskrit", "Santali", "Sindhi", "Tamil", "Telugu", "Urdu",
}  # fmt: skip
SAME_NAMES = [
    pytest.param(local, latin, id=f"{language}-{latin}")
    for language, names in NAMES.items()
    for local, latin in names
]
DIFFERENT_NAMES = [
    pytest.param(names[0][0], names[1][1], id=f"{language}-{names[1][1]}")
    for language, names in NAMES.items()
]


def compared(missing_name: str, found_name: str):
    """The profiles of a missing report and a found report, and the name evidence between."""
    missing = read_profile(ChildRecord(id="m", side="missing", name=missing_name))
    found = read_profile(ChildRecord(id="f", side="found", name=found_name))
    return missing, found, measure_name(missing, found)


def test_every_scheduled_language_has_at_least_two_names():
    assert set(NAMES) == SCHEDULED_LANGUAGES
    assert all(len(names) >= 2 for names in NAMES.values())


@pytest.mark.parametrize(("local", "latin"), SAME_NAMES)
def test_a_name_in_its_own_script_is_found_and_weighed_as_its_latin_spelling(local, latin):
    missing, found, name = compared(local, latin)

    assert set(missing.keys) & set(found.keys)
    assert all(similarity >= SAME_WORD for similarity, _, _ in name.about.pairs)
    assert not name.about.unpaired
    assert name.value > 0


@pytest.mark.parametrize(("local", "latin"), SAME_NAMES)
def test_the_latin_spelling_finds_the_name_in_its_own_script_back(local, latin):
    missing, found, name = compared(latin, local)

    assert set(missing.keys) & set(found.keys)
    assert name.value > 0


@pytest.mark.parametrize(("local", "other_latin"), DIFFERENT_NAMES)
def test_another_name_of_the_same_language_is_not_the_same_name(local, other_latin):
    _, _, name = compared(local, other_latin)

    assert name.about.matched_words == 0
    assert name.value < 0
