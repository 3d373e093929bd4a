"""Children's names as sets of spelling-tolerant words, and how alike two names are.

A name field in an Indian police record holds more than a name: titles ("Kumari", "Md.",
"Mst."), fillers ("unknown boy", "baby"), aliases ("Ramesh urf Munna", "Pinki @ Priyanka") and
relations ("Raju S/O Ramesh", "राजू पुत्र रमेश"). `parse_name` splits all that into the child's
alternative names (`NameForm`s) and the relatives' names it mentions.

Every word goes through apps.names.keys (transliteration to Latin, then the phonetic normal
form), so all the comparisons below are made between phonetic words: Indian scripts, ee/i,
oo/u, v/w/b, sh/s, aa/a, ph/f, th/t and doubled letters no longer matter by then. Only the short
vowels that Urdu, Kashmiri and Sindhi leave unwritten still do, so a name read from Perso-Arabic
is compared with that in mind (abjad_similarity).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from apps.names.keys import lacks_only_vowels, phonetic_word, skeleton, to_latin
from apps.names.scripts import written_without_short_vowels


def _phonetic_forms(*spellings: str) -> frozenset[str]:
    """The phonetic words of spellings given in any script, as the comparisons will see them."""
    return frozenset(
        phonetic_word(word) for spelling in spellings for word in to_latin(spelling).split()
    )


# Titles: dropped wherever they stand. "Kumari" and "Kumar" are not here: in much of north
# India they are the whole surname ("Pinki Kumari"), so they are kept as weak words instead.
HONORIFICS = _phonetic_forms(
    "shri shree sri sree shrimati srimati smt sushri km kum ku",
    "mr mrs ms miss master mast baby late lt dr janab",
    "thiru thirumathi tmt selvan",  # Tamil
    "mst most mosammat mosamat musammat mossammat mosammot",  # Bengali Muslim "Mrs/Miss"
    "श्री श्रीमती सुश्री मास्टर बेबी स्वर्गीय स्व",
    "শ্রী শ্রীমতী মোসাম্মৎ মোছাম্মৎ মোসাঃ মোছাঃ মাস্টার বেবি",
    "جناب مسماۃ مسمات محترم محترمہ مرحوم مرحومہ شریمتی",
)

# Words a police record puts in the name field when it has no name, or to describe the child.
FILLERS = _phonetic_forms(
    "unknown unk nk na not known unnamed name nam naam no",
    "child boy girl kid male female baby infant newborn minor",
    "balak balika bachcha bacha baccha ladka ladki larka larki beta beti",
    "agyat ajnabi lawaris lavaris laawaris anath",
    "age aged approx approximately about yrs yr years year old months",
    "mera meri hai ka ki ke",  # "mera naam Munna hai": my name is Munna
    "अज्ञात अनजान लावारिस बालक बालिका बच्चा शिशु लड़का लड़की नाम अनाथ",
    "অজ্ঞাত অজানা বালক বালিকা শিশু ছেলে মেয়ে নাম",
    "نامعلوم لاوارث بچہ بچی لڑکا لڑکی نام",
)

# Words that a child says instead of a parent's name; they say nothing about which family.
PARENT_FILLERS = FILLERS | _phonetic_forms(
    "papa pappa mummy mumi mami mammi ammi amma abba abbu baba bapu bappa appa ma maa",
    "father mother pita pitaji mata mataji parents parent guardian",
    "पापा मम्मी माँ मां पिता पिताजी माता माताजी अम्मी अब्बा बाबा",
    "বাবা মা আব্বা আম্মা আব্বু আম্মু",
    "ابا ابو امی",
)

# "X alias Y", "X urf Y", "X @ Y": everything after the marker is another name of the child.
ALIAS_WORDS = _phonetic_forms("alias urf urph aka उर्फ উরফে ওরফে")
# Urdu's عرف (urf) is matched as typed: read without its short vowels it is عارف (Arif).
_URDU_ALIAS = "عرف"
# "X son of Y": everything after the marker names a relative (usually the father). Urdu
# records write ولد (son of), بنت (daughter of) and زوجہ (wife of).
RELATION_WORDS = _phonetic_forms(
    "putra putri suputra suputri pita पुत्र पुत्री सुपुत्र सुपुत्री पिता পিতা ولد بنت زوجہ"
)
# In a list of parents: "Ramesh and Sunita", "Ramesh aur Sunita", "রমেশ ও সুনীতা".
CONJUNCTIONS = _phonetic_forms("and aur evam और एवं ও এবং اور")

# Spellings of one word that the phonetic form does not fold, mapped to one spelling.
_MOHAMMAD = "mohamad"
_CANONICAL = {
    **dict.fromkeys(_phonetic_forms("md mohd mhd mohmd moh mo محمد"), _MOHAMMAD),
    **dict.fromkeys(_phonetic_forms("sk sekh seikh shaik shaikh sheik sheikh شیخ"), "saik"),
    **dict.fromkeys(_phonetic_forms("singh simha sinh सिंह সিংহ سنگھ"), "sing"),
    **dict.fromkeys(_phonetic_forms("kr kumaar کمار"), "kumar"),
    **dict.fromkeys(_phonetic_forms("kri kumary کماری"), "kumari"),
    **dict.fromkeys(_phonetic_forms("begam begum بیگم"), "begum"),
    **dict.fromkeys(_phonetic_forms("khatun khatoon khaatun"), "katun"),
    **dict.fromkeys(_phonetic_forms("pd prasad parsad پرساد"), "prasad"),
}
# Mohammad has dozens of spellings (Mohammed, Muhammad, Mahammad, Mohamad, মোহাম্মদ, ...).
_MOHAMMAD_SPELLING = re.compile(r"^m[aou]h[aeiou]m+[aeiou]d$")

# Words shared by so many children that they say little about which child: they count a
# quarter as much as a given name, and a name made only of them is not used to find candidates.
WEAK_WORDS = frozenset(
    {_MOHAMMAD, "saik", "sing", "kumar", "kumari", "begum", "katun", "prasad"}
) | _phonetic_forms("devi bai bibi kaur lal khanam ali khan uddin", "دیوی بی خانم الدین")
WEAK_WEIGHT = 0.25

# Pet names that millions of children answer to: a match on one says less than a match on a
# given name, but they are often all a young child can say, so they stay searchable.
PET_NAMES = _phonetic_forms(
    "munna munni pappu pappi guddu guddi gudiya sonu monu golu chintu bablu babloo babli",
    "raju bittu chhotu chotu chhoti chutki bunty bunny lucky tinku rinku pintu montu babu",
    "bapi bubai tutu kalu kallu bholu sanju ricky vicky happy dablu lalu nanhe pinki pinky",
    "rani dolly pari tuni mini minni rinki tinki bulbul mamoni tumpa rumpa sweety laali",
    "lali nikki bebo chinki gullu babua lado ladli kaku tuktuk",
)
PET_NAME_WEIGHT = 0.6

# Gujarati and Marathi names carry a respectful suffix: Rameshbhai, Priyaben, Lakshmibai.
_RESPECT_SUFFIXES = tuple(_phonetic_forms("bhai ben behen"))
_MIN_STEM = 3

# Separators between alternative names, and markers typed with punctuation that to_latin would
# otherwise turn into stray letters ("S/O" -> "s o").
_ALTERNATIVES = re.compile(r"[,;|()\[\]{}/\n،؛]+")  # with the Urdu comma and semicolon
_RELATION_MARK = re.compile(
    r"(?<![^\W\d_])(?:[sdwhc]\s*[/\\.]\s*o|son\s+of|daughter\s+of|wife\s+of|care\s+of|"
    r"child\s+of)(?![^\W\d_])\.?",
    re.IGNORECASE,
)
_ALIAS_MARK = re.compile(r"@|(?<![^\W\d_])a\.k\.a\.?", re.IGNORECASE)
_RELATION_SENTINEL = " xxrelationxx "
_ALIAS_SENTINEL = " xxaliasxx "


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way of naming a child: phonetic words in order, each with how much it counts."""

    text: str
    words: tuple[str, ...]
    weights: tuple[float, ...]
    # The phonetic words before canonical_word, whose skeletons are apps.names.keys.name_keys.
    plain_words: tuple[str, ...] = ()
    # Typed in Perso-Arabic, so its words lack the short vowels (see abjad_similarity).
    abjad: bool = False

    @property
    def informative_words(self) -> tuple[str, ...]:
        return tuple(
            word for word, weight in zip(self.words, self.weights, strict=True) if weight == 1.0
        )


@dataclass(frozen=True, slots=True)
class ParsedName:
    forms: tuple[NameForm, ...]
    relatives: tuple[NameForm, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """Two forms of two names, their words paired in any order.

    `pairs` holds (similarity, weight, both are surnames) for each pair of words, most similar
    first (a pair is taken for surnames when both words end names of several words), `unpaired`
    the weights of the words one form has and the other lacks (a surname left out), and
    `similarity` sums it all up in 0..1 for display and for parents' names.
    """

    similarity: float
    pairs: tuple[tuple[float, float, bool], ...]
    unpaired: tuple[float, ...]
    left: NameForm
    right: NameForm

    @property
    def matched_words(self) -> int:
        """Given-name (not weak) words that count as the same word."""
        return sum(
            similarity >= SAME_WORD and weight == 1.0 for similarity, weight, _ in self.pairs
        )


def _word_weight(word: str) -> float:
    if word in WEAK_WORDS:
        return WEAK_WEIGHT
    return PET_NAME_WEIGHT if word in PET_NAMES else 1.0


def canonical_word(phonetic: str) -> str:
    """One spelling for words that phonetic folding leaves apart (Md, Mohd, Mohammed...)."""
    if _MOHAMMAD_SPELLING.match(phonetic):
        return _MOHAMMAD
    word = _CANONICAL.get(phonetic, phonetic)
    for suffix in _RESPECT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


# Names repeat across a million reports ("Priya Sharma"), and reading one (transliteration,
# phonetic folding) costs far more than looking it up; ParsedName and its parts are immutable,
# so cached results are shared safely.
_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=_CACHE_SIZE)
def parse_name(text: str | None, *, parents: bool = False) -> ParsedName:
    """The alternative names and the relatives' names in one name field.

    With `parents`, the field lists parents ("Ramesh and Sunita", "Papa ka naam Ramesh"): "and"
    separates names too, and words a child uses for a parent ("Papa") are fillers.
    """
    if not text:
        return ParsedName((), ())
    text = unicodedata.normalize("NFKC", text)
    text = _RELATION_MARK.sub(_RELATION_SENTINEL, text)
    text = _ALIAS_MARK.sub(_ALIAS_SENTINEL, text)
    forms: list[NameForm] = []
    relatives: list[NameForm] = []
    for chunk in _ALTERNATIVES.split(text):
        _parse_chunk(chunk, parents, forms, relatives)
    return ParsedName(tuple(forms), tuple(relatives))


def parse_names(*texts: str | None, parents: bool = False) -> ParsedName:
    """parse_name over several fields, with forms that read the same kept once."""
    forms: dict[tuple[str, ...], NameForm] = {}
    relatives: dict[tuple[str, ...], NameForm] = {}
    for text in texts:
        parsed = parse_name(text, parents=parents)
        for form in parsed.forms:
            forms.setdefault(form.words, form)
        for form in parsed.relatives:
            relatives.setdefault(form.words, form)
    return ParsedName(tuple(forms.values()), tuple(relatives.values()))


def _parse_chunk(
    chunk: str, parents: bool, forms: list[NameForm], relatives: list[NameForm]
) -> None:
    """Split one alternative at alias and relation markers and clean each part.

    Words are read one typed word at a time so that each form can be shown as typed.
    """
    fillers = PARENT_FILLERS if parents else FILLERS
    part = _Part()
    into = forms
    for typed in chunk.split():
        for latin in latin_words(typed):
            marker = "alias" if typed == _URDU_ALIAS else _marker(latin, parents)
            if not marker:
                part.add(latin, typed)
                continue
            part.close(fillers, into)
            part = _Part()
            if marker == "relation" and not parents:
                into = relatives
    part.close(fillers, into)


class _Part:
    """The words of one name being read: transliterated, and as typed for display."""

    def __init__(self):
        self.latin: list[str] = []
        self.typed: list[str] = []

    def add(self, latin: str, typed: str) -> None:
        self.latin.append(latin)
        if not self.typed or self.typed[-1] is not typed:
            self.typed.append(typed)

    def close(self, fillers: frozenset[str], into: list[NameForm]) -> None:
        text = " ".join(self.typed)
        form = clean_form(self.latin, text, fillers, abjad=written_without_short_vowels(text))
        if form is not None:
            into.append(form)


@lru_cache(maxsize=_CACHE_SIZE)
def latin_words(typed: str) -> tuple[str, ...]:
    """to_latin of one typed word, which may give several (Md.Salim) or none (punctuation)."""
    return tuple(to_latin(typed).split())


@lru_cache(maxsize=_CACHE_SIZE)
def phonetic(latin: str) -> str:
    return phonetic_word(latin)


def _marker(latin: str, parents: bool) -> str:
    """'alias' or 'relation' when the word starts another name, else ''."""
    if latin == _RELATION_SENTINEL.strip():
        return "relation"
    if latin == _ALIAS_SENTINEL.strip():
        return "alias"
    folded = phonetic(latin)
    if folded in RELATION_WORDS:
        return "relation"
    if folded in ALIAS_WORDS or (parents and folded in CONJUNCTIONS):
        return "alias"
    return ""


def clean_form(
    latin_words: list[str], text: str, fillers: frozenset[str] = FILLERS, *, abjad: bool = False
) -> NameForm | None:
    """The phonetic words of a name with titles, fillers and initials taken out."""
    words, weights, plain = [], [], []
    for latin in latin_words:
        if len(latin) < 2:
            continue  # an initial ("R. Kumar") cannot be told from a short name
        folded = phonetic(latin)
        if not folded or folded in HONORIFICS or folded in fillers:
            continue
        word = canonical_word(folded)
        words.append(word)
        weights.append(_word_weight(word))
        plain.append(folded)
    if not words:
        return None
    return NameForm(text.strip(), tuple(words), tuple(weights), tuple(plain), abjad)


# --- keys ----------------------------------------------------------------------------------


def form_keys(forms: tuple[NameForm, ...]) -> list[str]:
    """Sorted skeleton keys of the given-name words of the forms, for finding candidates.

    Each is the key apps.names.keys.name_keys gives that word as typed; where canonical_word
    changed the word (Rameshbhai -> Ramesh) the key of the changed word is added too. Weak
    words (Kumari, Md., Singh...) are left out of a name that has other words; a name made
    only of them (Lal Prasad, Aliya Khan) keeps them, even beside a pet name, or the child
    could only be found by the pet name. Pet names (Munna, Pinki) are kept, since they may be
    all a found child can say.
    """
    keys = set()
    for form in forms:
        strong = [
            (word, plain)
            for word, plain, weight in zip(form.words, form.plain_words, form.weights, strict=True)
            if weight > WEAK_WEIGHT
        ]
        if strong:
            keys.update(word_key(word) for pair in strong for word in pair)
        else:
            keys.update(word_key(plain) for plain in form.plain_words)
    keys.discard("")
    return sorted(keys)


@lru_cache(maxsize=_CACHE_SIZE)
def word_key(phonetic_form: str) -> str:
    return skeleton(phonetic_form)


# --- similarity ----------------------------------------------------------------------------

# Similarity at which a word counts as the same word (spelling variants and typos pass).
SAME_WORD = 0.8
# A short form of a name (Raju for Rajesh, Sonu for Sonali) is treated as this similar.
SHORT_FORM_SIMILARITY = 0.8
# Bengali writes the short a as o (Obhi/Abhi, Hok/Hak, Ontara/Antara): words that differ
# only so are nearly the same word.
BENGALI_O_SIMILARITY = 0.9
# Urdu, Kashmiri and Sindhi leave short vowels unwritten (محمد is m-h-m-d, زینب z-i-n-b): a
# word read from them whose letters are all in the Latin spelling, in order, with only vowels
# between, is nearly the same word (Zinb/Zainab), as for the Bengali o.
UNWRITTEN_VOWELS_SIMILARITY = 0.9
# Each word one name has and the other lacks (a surname left out) costs this share.
MISSING_WORD_PENALTY = 0.06
_SHORT_FORM_ENDINGS = "aeiou"


@lru_cache(maxsize=1 << 18)
def word_similarity(one: str, other: str) -> float:
    """0..1 between two phonetic words: Jaro-Winkler (which favours a shared beginning, as
    Indian spelling variants mostly keep it) averaged with edit distance (which keeps short
    words that differ in one letter, Sonu/Monu, apart)."""
    if one == other:
        return 1.0
    similarity = (
        JaroWinkler.similarity(one, other) + Levenshtein.normalized_similarity(one, other)
    ) / 2
    if _is_short_form(one, other) or _is_short_form(other, one):
        similarity = max(similarity, SHORT_FORM_SIMILARITY)
    if one.replace("o", "a") == other.replace("o", "a"):
        similarity = max(similarity, BENGALI_O_SIMILARITY)
    return similarity


@lru_cache(maxsize=1 << 18)
def abjad_similarity(written: str, spelt: str) -> float:
    """word_similarity between a word read from Perso-Arabic (`written`, short vowels left out)
    and a word spelt with all its vowels."""
    similarity = word_similarity(written, spelt)
    if lacks_only_vowels(written, spelt):
        similarity = max(similarity, UNWRITTEN_VOWELS_SIMILARITY)
    return similarity


def _pair_similarity(word: str, other: str, abjad: tuple[bool, bool]) -> float:
    """word_similarity, or abjad_similarity where one side only was read from Perso-Arabic."""
    if abjad == (True, False):
        return abjad_similarity(word, other)
    if abjad == (False, True):
        return abjad_similarity(other, word)
    return word_similarity(word, other)


def _is_short_form(short: str, full: str) -> bool:
    """Raju/Rajesh, Sonu/Sonali, Raj/Rajesh: the short one is the start of the long one,
    perhaps with a vowel added, and keeps at least three letters of it (so Ali is not a
    short form of Aliya)."""
    if len(short) >= len(full):
        return False
    stem = short[:-1] if short[-1] in _SHORT_FORM_ENDINGS else short
    return len(stem) >= _MIN_STEM and full.startswith(stem)


def compare_forms(one: NameForm, other: NameForm) -> NameMatch:
    similarity, pairs, unpaired = pair_words(
        one.words, one.weights, other.words, other.weights, (one.abjad, other.abjad)
    )
    return NameMatch(similarity, pairs, unpaired, one, other)


@lru_cache(maxsize=1 << 17)
def pair_words(
    words: tuple[str, ...],
    weights: tuple[float, ...],
    other_words: tuple[str, ...],
    other_weights: tuple[float, ...],
    abjad: tuple[bool, bool] = (False, False),
) -> tuple[float, tuple[tuple[float, float, bool], ...], tuple[float, ...]]:
    """(similarity, pairs, unpaired) for NameMatch, in any word order.

    Words are paired greedily, most similar first; a pair counts with the weight of its weaker
    word, so "Kumari" against "Sahu" hardly matters. Names written as one word on one side
    ("Rajkumar" and "Raj Kumar") are also compared joined up. `abjad` says which of the two
    names were read from Perso-Arabic (NameForm.abjad).
    """
    if len(words) == 1 and len(other_words) == 1:  # most pairs: one name word against one
        similarity = _pair_similarity(words[0], other_words[0], abjad)
        return similarity, ((similarity, min(weights[0], other_weights[0]), False),), ()
    cells = []
    for i, word in enumerate(words):
        for j, other in enumerate(other_words):
            cells.append((_pair_similarity(word, other, abjad), i, j))
    cells.sort(reverse=True)
    last, other_last = len(words) - 1, len(other_words) - 1
    paired, other_paired = set(), set()
    pairs = []
    for similarity, i, j in cells:
        if i in paired or j in other_paired:
            continue
        paired.add(i)
        other_paired.add(j)
        # Both last of several words: most likely the surnames, which families share.
        surnames = i == last and j == other_last and last > 0 and other_last > 0
        pairs.append((similarity, min(weights[i], other_weights[j]), surnames))
    unpaired = tuple(weights[i] for i in range(len(words)) if i not in paired) + tuple(
        other_weights[j] for j in range(len(other_words)) if j not in other_paired
    )
    total = weight_sum = 0.0
    for similarity, weight, _ in pairs:
        total += similarity * weight
        weight_sum += weight
    similarity = total / weight_sum
    for weight in unpaired:
        similarity *= 1 - MISSING_WORD_PENALTY * weight
    if len(words) != len(other_words):
        joined = Levenshtein.normalized_similarity("".join(words), "".join(other_words))
        if joined > similarity:
            # As strong as the weaker name's strongest word: a pet name read against a whole
            # name joined up is still a pet name.
            weight = min(max(weights), max(other_weights))
            return joined, ((joined, weight, False),), ()
    return similarity, tuple(pairs), unpaired
