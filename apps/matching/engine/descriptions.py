"""Identification marks, languages and complexion, reduced to comparable values.

Officials write marks freely, in English or Hindi ("mole on left cheek", "बाएं गाल पर तिल",
"til on L cheek"); the words are transliterated and mapped onto one English vocabulary of kinds
of mark, body parts and sides, and everything else is dropped.
"""

import re
import unicodedata
from functools import lru_cache

from apps.names.keys import phonetic_word, to_latin


def _vocabulary(groups: dict[str, str]) -> dict[str, str]:
    """Map the phonetic form of every spelling (any script) to its English word."""
    mapping = {}
    for english, spellings in groups.items():
        for spelling in [english, *spellings.split()]:
            for word in to_latin(spelling).split():
                mapping[phonetic_word(word)] = english
    return mapping


MARK_KINDS = _vocabulary(
    {
        "mole": "moles til तिल তিল masa",
        "scar": "scars cut cuts stitch stitches wound injury chot चोट kata কাটা",
        "burn": "burnt burns burned jala jale जला जले পোড়া",
        "birthmark": "birth lahsun lehsun janmchinh जन्मचिह्न",
        "tattoo": "tatoo tattooed tatto godna गोदना ট্যাটু",
        "wart": "warts",
        "spot": "spots patch patches dag dhabba धब्बा दाग",
        "squint": "squinted bhenga",
        "missing": "lost amputated",
        "extra": "sixth six",
    }
)
BODY_PARTS = _vocabulary(
    {
        "cheek": "cheeks gaal gal गाल গাল",
        "forehead": "maatha matha mathe माथा माथे কপাল kapal",
        "chin": "thodi ठोड़ी ঠুতনি",
        "ear": "ears kaan kan कान কান",
        "nose": "naak nak नाक নাক",
        "lip": "lips honth hoth होंठ ঠোঁট",
        "eye": "eyes aankh ankh आँख आंख চোখ",
        "eyebrow": "eyebrows bhaunh भौंह ভ্রু",
        "neck": "gardan gardon गर्दन",
        "face": "chehra चेहरा মুখ",
        "head": "sir sar सिर মাথা",
        "hand": "hands haath hath हाथ হাত palm",
        "arm": "arms banh bazu बांह বাহু",
        "finger": "fingers ungli उंगली আঙুল thumb",
        "leg": "legs taang tang पैर টাং পা",
        "knee": "knees ghutna घुटना হাঁটু",
        "foot": "feet",
        "back": "peeth pith पीठ পিঠ",
        "chest": "chhati chati छाती বুক",
        "stomach": "belly abdomen pet पेट পেট",
        "shoulder": "shoulders kandha कंधा কাঁধ",
        "tooth": "teeth daant dant दांत দাঁত",
    }
)
SIDES = _vocabulary(
    {
        "left": "lt l baen baayen bayen baya bayan बाएं बायें बाएँ बायां বাম বাঁ",
        "right": "rt r daen daayen dayen daya dayan दाएं दायें दाएँ दायां ডান",
    }
)
# How much a shared word says: a side alone ("left") is common to half of all marks.
_KIND_WEIGHT = {
    **dict.fromkeys(MARK_KINDS.values(), 1.0),
    **dict.fromkeys(BODY_PARTS.values(), 1.0),
}
_SIDE_WEIGHT = 0.5


def mark_words(text: str | None) -> frozenset[str]:
    """The kinds of mark, body parts and sides a marks description mentions."""
    return _read_marks(text or "")[0]


def separate_marks(text: str | None) -> tuple[frozenset[str], ...]:
    """Each mark a description mentions, as mark_words of its own: "mole on left cheek; scar
    on forehead" and the portal's "mole left cheek scar forehead" are two. Body parts and
    sides belong to the kind of mark they are written with ("बाएं गाल पर तिल", "mole, left
    cheek"); a part with no kind of mark of its own belongs to the mark before it, or to the
    one after it when no mark came before ("left cheek, mole")."""
    return _read_marks(text or "")[1]


# What officials put between two marks: "mole on left cheek; scar on forehead", "तिल और चोट".
_BETWEEN_MARKS = re.compile(r"[;,\n|/+&।]|\s(?:and|aur|और|तथा|এবং|ও)\s", re.IGNORECASE)
_KINDS = frozenset(MARK_KINDS.values())
_BODY_PARTS = frozenset(BODY_PARTS.values())
_SIDES = frozenset(SIDES.values())


@lru_cache(maxsize=1 << 16)
def _read_marks(text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    parts = [_words_in_order(part) for part in _BETWEEN_MARKS.split(text)]
    marks: list[set[str]] = []
    waiting: set[str] = set()  # words written before their kind of mark
    for part in parts:
        current = None
        for word in part:
            if word in _KINDS:
                current = {word, *waiting}
                marks.append(current)
                waiting = set()
            elif current is not None:
                current.add(word)
            else:
                waiting.add(word)
        if waiting and marks:  # the part named no kind of mark: "mole, left cheek"
            marks[-1] |= waiting
            waiting = set()
    every_word = frozenset(word for part in parts for word in part)
    return every_word, tuple(frozenset(mark) for mark in marks)


def _words_in_order(text: str) -> tuple[str, ...]:
    words = []
    for latin in to_latin(text).split():
        phonetic = phonetic_word(latin)
        for vocabulary in (MARK_KINDS, BODY_PARTS, SIDES):
            if phonetic in vocabulary:
                words.append(vocabulary[phonetic])
                break
    return tuple(words)


def marks_similarity(one: frozenset[str], other: frozenset[str]) -> float:
    """0..1: the weighted share of the shorter description found in the other.

    A kind or body part counts fully, a side half; "mole on left cheek" against
    "mole on right cheek" is 0.8, against "mole, left cheek" is 1.
    """
    shorter, longer = sorted((one, other), key=len)
    total = sum(_word_weight(word) for word in shorter)
    shared = sum(_word_weight(word) for word in shorter & longer)
    return shared / total if total else 0.0


def agreeing_marks(one: tuple[frozenset[str], ...], other: tuple[frozenset[str], ...]) -> int:
    """How many marks of `one` are each a different mark of `other`: the same kind on the same
    body part, on no other side."""
    unused = list(other)
    agreeing = 0
    for mark in one:
        for candidate in unused:
            if _same_mark(mark, candidate):
                unused.remove(candidate)
                agreeing += 1
                break
    return agreeing


def kinds_and_parts(marks: tuple[frozenset[str], ...]) -> list[frozenset[str]]:
    """Of each mark that names both, its kinds and body parts: what makes two marks the same
    (_same_mark) when their sides do not disagree."""
    words = [mark & (_KINDS | _BODY_PARTS) for mark in marks]
    return [mark for mark in words if mark & _KINDS and mark & _BODY_PARTS]


def _same_mark(one: frozenset[str], other: frozenset[str]) -> bool:
    shared = one & other
    if not (shared & _KINDS and shared & _BODY_PARTS):
        return False
    sides = (one | other) & _SIDES
    return len(sides) < 2


def _word_weight(word: str) -> float:
    return _KIND_WEIGHT.get(word, _SIDE_WEIGHT)


# --- languages -----------------------------------------------------------------------------

# Codes as the portal stores them (apps.reports.choices.Language), with names people type.
_LANGUAGE_NAMES = {
    "as": "assamese asamiya",
    "bn": "bengali bangla",
    "brx": "bodo",
    "doi": "dogri",
    "en": "english",
    "gu": "gujarati",
    "hi": "hindi",
    "kn": "kannada",
    "ks": "kashmiri",
    "kok": "konkani",
    "mai": "maithili",
    "ml": "malayalam",
    "mni": "manipuri meitei",
    "mr": "marathi",
    "ne": "nepali",
    "or": "odia oriya",
    "pa": "punjabi panjabi",
    "sa": "sanskrit",
    "sat": "santali",
    "sd": "sindhi",
    "ta": "tamil",
    "te": "telugu",
    "ur": "urdu",
}
LANGUAGE_CODES = {
    word: code for code, names in _LANGUAGE_NAMES.items() for word in [code, *names.split()]
}
# Languages that many children speak besides their own, so sharing them says less.
LINGUA_FRANCAS = frozenset({"hi", "en", "ur"})
_NOT_A_LANGUAGE = frozenset({"", "other", "unknown", "none"})


def language_codes(languages) -> frozenset[str]:
    """Portal language codes for codes or English names ('Hindi', 'bn'); others kept as typed."""
    codes = set()
    for language in languages or ():
        word = str(language).strip().casefold()
        if word not in _NOT_A_LANGUAGE:
            codes.add(LANGUAGE_CODES.get(word, word))
    return frozenset(codes)


# A family that writes a child's name in Bengali letters speaks Bengali (or Assamese, in the
# same letters): the languages of each script only a language or two write. Devanagari, which a
# dozen languages and every office in the Hindi belt write, and Latin letters say nothing.
_SCRIPT_LANGUAGES = {
    "BENGALI": frozenset({"bn", "as"}),
    "ORIYA": frozenset({"or"}),
    "GURMUKHI": frozenset({"pa"}),
    "GUJARATI": frozenset({"gu"}),
    "TAMIL": frozenset({"ta"}),
    "TELUGU": frozenset({"te"}),
    "KANNADA": frozenset({"kn"}),
    "MALAYALAM": frozenset({"ml"}),
    "MEETEI": frozenset({"mni"}),
    "OL": frozenset({"sat"}),  # Ol Chiki
    "ARABIC": frozenset({"ur", "ks", "sd"}),
}


def script_languages(name: str | None) -> frozenset[str]:
    """The languages written in the script of a name, when that script says (see above)."""
    for character in name or "":
        if character.isalpha() and not character.isascii():
            script = unicodedata.name(character, "").split(" ", 1)[0]
            return _SCRIPT_LANGUAGES.get(script, frozenset())
    return frozenset()


# --- complexion ----------------------------------------------------------------------------

# The portal's four complexions in order, with the Hindi words officials also use.
_COMPLEXION_RANKS = {
    0: "fair gora gori",
    1: "wheatish gehua gehuan medium",
    2: "brown sanwla sanwala saanwla dusky",
    3: "dark kala kali black",
}
COMPLEXION_RANK = {
    word: rank for rank, words in _COMPLEXION_RANKS.items() for word in words.split()
}
COMPLEXION_STEPS = len(_COMPLEXION_RANKS) - 1


def complexion_rank(text: str | None) -> int | None:
    """0 (fair) .. 3 (dark), or None for a blank or unrecognised complexion."""
    return COMPLEXION_RANK.get((text or "").strip().casefold())
