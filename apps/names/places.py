"""The districts and States/UTs a child names when asked where home is.

A found child who cannot give a full name can often say where home is: "Gaya", "गया, बिहार",
"near Sitamarhi station", "Bihar". Officials write it down as the child says it, in any
script, so the words are read as names are (to_latin, then phonetic_word: Gaya, Gayaa and
गया are one word) and looked up among the names of every district and State/UT.

A district name several States/UTs share (Bilaspur, Pratapgarh) is taken in the State/UT the
child also named, else in each of them. A place that is no district (a village, a town, a
station) is not recognised, and the evidence then stays silent. A name written in Perso-Arabic
lacks its short vowels (گیا for Gaya), so it is also compared with the Latin names as those
lacking only vowels; a short word that so fits several names (دلی: Dhule, Dhalai) counts only
with its State/UT named.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from apps.names.keys import lacks_only_vowels, phonetic_word, skeleton, to_latin
from apps.names.scripts import written_without_short_vowels

FIND_CACHE_SIZE = 4096

# A district is "District, State/UT" to the engine: several States/UTs have a district of one
# name.
DISTRICT_STATE_SEPARATOR = ", "


@dataclass(frozen=True, slots=True)
class ToldPlaces:
    """Ids of the districts and States/UTs recognised in what the child said; `states` holds
    the States/UTs of the districts too."""

    districts: frozenset[int] = frozenset()
    states: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    loose: tuple[str, ...]  # the words as _loose compares them, read once
    district: int | None
    state: int
    ending: str | None  # how the name is spoken at its end (_latin_ending)
    in_latin: bool  # spelt in Latin letters, with every vowel written

    @classmethod
    def of(cls, name: str, district: int | None, state: int) -> "_Entry":
        words = _phonetic_words(name)
        loose = tuple(map(_loose, words))
        return cls(words, loose, district, state, _latin_ending(name), name.isascii())


def _phonetic_words(text: str) -> tuple[str, ...]:
    return tuple(word for word in map(phonetic_word, to_latin(text).split()) if word)


# The parts of a told place: "Sitamarhi, Bihar" or "village Bela / P.S. Runnisaidpur".
_SEGMENTS = re.compile(r"[,;/|()\n،؛]")  # with the Urdu comma and semicolon


def _loose(phonetic: str) -> str:
    """A word as an Indian script may spell it: a Brahmic script leaves unwritten which
    inherent vowels are spoken (কলকাতা reads "kalakata", Kolkata), so a word of three
    consonants or more is compared by its consonants."""
    consonants = skeleton(phonetic)
    return consonants if len(consonants) >= 3 else phonetic


# The flapped consonants (ड़ ढ़, ড় ঢ়, ଡ଼ ଢ଼, ੜ) transliterate as d and dh, but place names are
# written in Latin letters with r and rh: सीतामढ़ी is Sitamarhi, বাঁকুড়া Bankura, ବରଗଡ଼ Bargarh.
_FLAPS_AS_R = {
    "\u0921\u093c": "\u0930",  # ड़ → र
    "\u0922\u093c": "\u0930\u094d\u0939",  # ढ़ → र्ह
    "\u09a1\u09bc": "\u09b0",  # ড় → র
    "\u09a2\u09bc": "\u09b0\u09cd\u09b9",  # ঢ় → র্হ
    "\u0b21\u0b3c": "\u0b30",  # ଡ଼ → ର
    "\u0b22\u0b3c": "\u0b30\u0b4d\u0b39",  # ଢ଼ → ର୍ହ
    "\u0a5c": "\u0a30",  # ੜ → ਰ
}
_FLAP = re.compile("|".join(_FLAPS_AS_R))


def _spellings(segment: str) -> set[str]:
    """The part as written and, if it has flapped consonants, with them read as r and rh."""
    decomposed = unicodedata.normalize("NFC", segment)  # ड़ (U+095C) is ड and the nukta in NFC
    return {segment, _FLAP.sub(lambda flap: _FLAPS_AS_R[flap.group()], decomposed)}


# How a name ends when spoken, to tell apart two names an Indian script reads alike: पटना
# (Patna) and पाटन (Patan) both read "patana", since to_latin writes the vowel that Hindi
# leaves unspoken at the end and in the middle, and have the same consonants. The script says
# what the Latin letters do in the scripts of languages that leave the inherent vowel unspoken
# at the end: a vowel sign at the end is spoken (पटना, Patna), a bare consonant is not (पाटन,
# Patan). The Dravidian languages end a word on a vowel the Latin name leaves out (చిత్తూరు
# is Chittoor), so their scripts say nothing here; nor does a Latin "e" at the end, often
# silent (Sehore, Vellore).
_VOWEL, _CONSONANT = "vowel", "consonant"
_FINAL_SCHWA_UNSPOKEN = ("DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA")
_SPOKEN_VOWEL_LETTER = re.compile(r" LETTER (AA?|II?|UU?|EE?|AI|OO?|AU|VOCALIC \w+)$")
_UNSPOKEN_MARKS = ("ANUSVARA", "CANDRABINDU", "NUKTA", "VISARGA")
# Perso-Arabic writes a vowel at the end of a word with a letter (پٹنہ Patna, مئو Mau, بریلی
# Bareilly) and leaves a word ending on a consonant bare (پاٹن Patan); the noon ghunna (ں) only
# nasalises and the do-chashmi he aspirates the consonant before it (گڑھ, -garh).
_PERSO_ARABIC_VOWEL_LETTER = re.compile(
    r"^ARABIC LETTER (ALEF|HEH GOAL|HEH|TEH MARBUTA|\w* ?YEH|YEH \w+|WAW|AE)$"
)
_PERSO_ARABIC_UNSPOKEN = re.compile(
    r"^ARABIC (LETTER NOON GHUNNA|FATHA|DAMMA|KASRA|SHADDA|SUKUN|HAMZA ABOVE)"
)


def _latin_ending(name: str) -> str | None:
    last = name.strip().lower()[-1:]
    if not last.isascii() or not last.isalpha() or last == "e":
        return None
    return _VOWEL if last in "aiouy" else _CONSONANT


def _script_ending(word: str) -> str | None:
    """_VOWEL or _CONSONANT for how a word in an Indian script ends, None when unsure."""
    for char in reversed(word):
        name = unicodedata.name(char, "")
        if name.startswith("ARABIC"):
            if _PERSO_ARABIC_UNSPOKEN.match(name):
                continue
            return _VOWEL if _PERSO_ARABIC_VOWEL_LETTER.match(name) else _CONSONANT
        if not name.startswith(_FINAL_SCHWA_UNSPOKEN):
            return None
        if any(mark in name for mark in _UNSPOKEN_MARKS):
            continue
        if "VOWEL SIGN" in name or _SPOKEN_VOWEL_LETTER.search(name):
            return _VOWEL
        return _CONSONANT if " LETTER " in name or "VIRAMA" in name else None
    return None


def _as_spoken(hits: list, segment: str) -> list:
    """Of names found for the same words, those ending as the script says the words end,
    when the names disagree there and any of them agrees."""
    endings = {}
    for word in segment.split():
        latin = to_latin(word).split()
        if latin:
            endings[latin[-1]] = _script_ending(word)
    kept = []
    for typed in dict.fromkeys(typed for _, typed, _ in hits):
        same_words = [hit for hit in hits if hit[1] == typed]
        ending = endings.get(typed[-1]) if typed else None
        agreeing = [hit for hit in same_words if hit[0].ending in (ending, None)]
        kept += agreeing if ending and agreeing else same_words
    return kept


# Words a child or an official says of any place: a district named only by them (Delhi's
# "West" or "North East"; "ward", which sounds like Wardha; "mandi", a market and a district of
# Himachal Pradesh) counts only when its State/UT is named too. Compass points are compared as
# they sound, address words as typed (so "Wardha" itself still names the district).
_DIRECTIONS = frozenset(_phonetic_words("north south east west central"))
_ADDRESS_WORDS = frozenset(
    [
        "ward",
        "road",
        "nagar",
        "colony",
        "station",
        "bazar",
        "bazaar",
        "market",
        "mandi",
        "town",
        "city",
        "lines",
        "sector",
        "block",
        "gali",
        "lane",
        "street",
        "mohalla",
        "village",
        "gaon",
        "gram",
        "post",
        "near",
        "district",
        "thana",
        "chowk",
        "basti",
        "camp",
        "area",
        "main",
        "old",
        "new",
        "house",
    ]
)


def _needs_its_state(entry: _Entry, typed: tuple[str, ...]) -> bool:
    return all(word in _DIRECTIONS for word in entry.words) or all(
        word in _ADDRESS_WORDS for word in typed
    )


class PlaceNames:
    """Every district and State/UT by its names, to find them in a sentence and to name them
    as the engine does.

    `districts`: (district id, name, State/UT id); `states`: (State/UT id, its names in any
    script, the one the engine names it by first)."""

    def __init__(
        self,
        districts: Iterable[tuple[int, str, int]],
        states: Iterable[tuple[int, Iterable[str]]],
    ):
        self._by_first_word: dict[str, list[_Entry]] = {}
        self._by_first_loose: dict[str, list[_Entry]] = {}
        self._by_first_consonants: dict[str, list[_Entry]] = {}
        self._state_names: dict[int, str] = {}
        self._districts: dict[int, tuple[str, int]] = {}
        for state, names in states:
            names = [name for name in names if name]
            self._state_names[state] = names[0]
            for entry in {_Entry.of(name, None, state) for name in names}:
                self._add(entry)
        for district, name, state in districts:
            self._districts[district] = (name, state)
            self._add(_Entry.of(name, district, state))
        # Matching reads the account of every found child among hundreds of candidates, and
        # the same few words ("Station Road", a district's name) come again and again.
        self.find = lru_cache(maxsize=FIND_CACHE_SIZE)(self._find)
        self.names = lru_cache(maxsize=FIND_CACHE_SIZE)(self._names)

    def _add(self, entry: _Entry) -> None:
        if entry.words:
            self._by_first_word.setdefault(entry.words[0], []).append(entry)
            self._by_first_loose.setdefault(entry.loose[0], []).append(entry)
        if entry.words and entry.in_latin:
            self._by_first_consonants.setdefault(skeleton(entry.words[0]), []).append(entry)

    def _find(self, text: str | None) -> ToldPlaces:
        hits = [hit for segment in _SEGMENTS.split(text or "") for hit in self._hits(segment)]
        told_states = {entry.state for entry, _, sure in hits if entry.district is None and sure}
        districts = [
            entry
            for entry, typed, sure in hits
            if entry.district is not None
            and (entry.state in told_states or (sure and not _needs_its_state(entry, typed)))
        ]
        in_told_states = [entry for entry in districts if entry.state in told_states]
        kept = in_told_states or districts
        return ToldPlaces(
            districts=frozenset(entry.district for entry in kept),
            states=frozenset(told_states | {entry.state for entry in kept}),
        )

    def _hits(self, segment: str) -> list[tuple[_Entry, tuple[str, ...], bool]]:
        """(name, the words typed for it, whether it is sure) of each name in one part of the
        text: sure when spelt as the name sounds; in an Indian script also when the consonants
        agree (_loose) and the name is the whole part ("কলকাতা", not "নদী কিনারে", where
        किनारे's consonants are Kinnaur's), and with its flapped consonants read either way."""
        if segment.isascii():
            return self._hits_in(segment)
        hits = [hit for spelling in _spellings(segment) for hit in self._hits_in(spelling)]
        if written_without_short_vowels(segment):
            hits += self._hits_without_short_vowels(segment)
        return _as_spoken(hits, segment)

    def _hits_in(self, segment: str) -> list[tuple[_Entry, tuple[str, ...], bool]]:
        typed = [word for word in to_latin(segment).split() if phonetic_word(word)]
        words = tuple(map(phonetic_word, typed))
        found = [
            (entry, tuple(typed[at : at + len(entry.words)]), True)
            for entry, at in self._longest_hits(words, self._by_first_word, attrgetter("words"))
        ]
        if not segment.isascii():
            loose = tuple(map(_loose, words))
            by_consonants = self._longest_hits(loose, self._by_first_loose, attrgetter("loose"))
            found += [
                (entry, tuple(typed[at : at + len(entry.words)]), len(entry.words) == len(words))
                for entry, at in by_consonants
            ]
        return found

    def _hits_without_short_vowels(
        self, segment: str
    ) -> list[tuple[_Entry, tuple[str, ...], bool]]:
        """The names in Latin letters that are the whole part with vowels added (گیا is Gaya):
        Perso-Arabic leaves the short vowels out, so its words are the names' words lacking
        only vowels (apps.names.keys.lacks_only_vowels). Short words lack so much that several
        names may fit (دلی fits Dhule and Dhalai): those are sure only when one name is left
        once the ending is heard (_as_spoken), else only with their State/UT named."""
        typed = tuple(word for word in to_latin(segment).split() if phonetic_word(word))
        words = tuple(map(phonetic_word, typed))
        if not words:
            return []
        fitting = [
            (entry, typed, True)
            for entry in self._by_first_consonants.get(skeleton(words[0]), ())
            if len(entry.words) == len(words)
            and all(
                word == spelt or lacks_only_vowels(word, spelt)
                for word, spelt in zip(words, entry.words, strict=True)
            )
        ]
        heard = _as_spoken(fitting, segment)
        if len(heard) > 1:
            return [(entry, typed, False) for entry, _, _ in heard]
        return heard

    @staticmethod
    def _longest_hits(words: tuple[str, ...], by_first, spelt) -> list[tuple[_Entry, int]]:
        """The names found in `words` and where each starts, each word read as part of the
        longest name it starts or continues ("West Bengal" is the State/UT, not Delhi's district
        "West")."""
        hits, at = [], 0
        while at < len(words):
            found = [
                entry
                for entry in by_first.get(words[at], ())
                if words[at : at + len(entry.words)] == spelt(entry)
            ]
            longest = max((len(entry.words) for entry in found), default=0)
            hits += [(entry, at) for entry in found if len(entry.words) == longest]
            at += longest or 1
        return hits

    def of_districts(self, district_ids: Iterable[int | None]) -> ToldPlaces:
        """The districts of these ids (those it knows) and their States/UTs."""
        known = frozenset(district for district in district_ids if district in self._districts)
        return ToldPlaces(known, frozenset(self._districts[district][1] for district in known))

    def _names(self, places: ToldPlaces) -> tuple[frozenset[str], frozenset[str]]:
        """The districts as "District, State/UT" and the States/UTs, as the engine names them."""
        return (
            frozenset(map(self._district_name, places.districts)),
            frozenset(self._state_names[state] for state in places.states),
        )

    def _district_name(self, district: int) -> str:
        name, state = self._districts[district]
        return name + DISTRICT_STATE_SEPARATOR + self._state_names[state]
