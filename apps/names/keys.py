"""Phonetic keys that let a search for one spelling of a child's name find the others.

A name is reduced in three steps:

1. ``to_latin``: the scripts of India's 22 scheduled languages are transliterated and everything
   becomes plain ASCII Latin, so "मोहम्मद", "محمد" and "Mohammad" can be compared at all.
2. ``phonetic_word``: each word is folded into a normal form that ignores the usual Indian
   spelling variants (aspiration, long vowels, v/b, final schwa, doubled letters).
3. ``skeleton``: the first letter (any vowel counting as a) plus the consonants of that form;
   this coarse key is what records are indexed by, and ranking is left to ``name_similarity``.
"""

import re
import unicodedata
from collections.abc import Iterator
from itertools import groupby

from indic_transliteration import sanscript
from rapidfuzz import fuzz

from apps.names import scripts

# --- to_latin ------------------------------------------------------------------------------

# Unicode lays the Brahmic scripts out as consecutive 128-code-point blocks in this order, so
# a character's block (and its transliteration scheme) follows from its code point alone.
_INDIC_FIRST, _INDIC_LAST, _BLOCK_SIZE = 0x0900, 0x0D7F, 0x80
_BLOCK_SCHEMES = (
    sanscript.DEVANAGARI,
    sanscript.BENGALI,
    sanscript.GURMUKHI,
    sanscript.GUJARATI,
    sanscript.ORIYA,
    sanscript.TAMIL,
    sanscript.TELUGU,
    sanscript.KANNADA,
    sanscript.MALAYALAM,
)
_TAMIL_TO_DEVANAGARI = -0x280  # the Tamil block sits five blocks after Devanagari

# Characters deleted before transliterating. Joiners only steer how conjuncts are drawn, and
# direction marks how Urdu sits among Latin text; left in, they would split a word. The
# library does not understand a nukta outside Devanagari (ਖ਼ੁਸ਼ੀ comes out "kha਼usa਼i"), and
# the sounds it marks (z, f, q, the flapped r) fold into j, ph, k and d in phonetic_word
# anyway, so every script's nukta simply goes.
_NUKTAS = "".join(
    chr(code)
    for code in range(_INDIC_FIRST, _INDIC_LAST + 1)
    if "NUKTA" in unicodedata.name(chr(code), "")
)
_DELETED = str.maketrans("", "", "\u200c\u200d\u200e\u200f\u061c" + _NUKTAS)
# Letters the library does not know, as the letters it reads the same: Malayalam's chillus are
# a consonant without its vowel (മോഹൻലാൽ is Mohanlal), the candra vowels of Marathi and
# Gujarati names from English are o and e (डॉली Dolly), and the wa of Assamese and Odia is va.
_CHILLUS, _CHILLU_CONSONANTS, _VIRAMA_ML = "ൺൻർൽൾൿൔൕൖ", "ണനരലളകമയഴ", "\u0d4d"
_UNREAD_LETTERS = str.maketrans(
    {
        **{
            chillu: consonant + _VIRAMA_ML
            for chillu, consonant in zip(_CHILLUS, _CHILLU_CONSONANTS, strict=True)
        },
        **dict(zip("ॉॅऑऍॲૉૅઑઍ", "ोेओएअોેઓએ", strict=True)),
        "ৱ": "ব",
        "ୱ": "ଵ",
    }
)

# The library romanises Tamil as if it were Sanskrit (க -> "gh"). Tamil names are romanised by
# how they sound, so the few Tamil-only letters are mapped to their usual Latin sounds first:
# ற்ற sounds "tr" (Vetrivel), ற is an r, ழ is written "l" or "zh" (Tamil, Palani), ன is an n.
_TAMIL_LETTERS = (("ற்ற", "ட்ர"), ("ற", "ர"), ("ழ", "ல"), ("ன", "ந"))
# Tamil has one letter each for k/g, c/j/s and t/d; which sound is meant depends on position.
# After a nasal they are voiced (Shanmugam's ங்க is "ng", Anjali's ஞ்ச is "nj", Pandian's ண்ட
# is "nd"); between vowels க is "g", ச is "s", ட is "d" (Murugan, Vasanth, Vadivel); a ச that
# starts a word is "s" (Selvi). Doubled letters (virama on either side) keep the plain sound.
_TAMIL_AFTER_NASAL = re.compile("(?<=[ङञण]्)[कचट]")
_TAMIL_BETWEEN_VOWELS = re.compile("(?<=[\u0904-\u0939\u093e-\u094c])[कचट](?!्)")
_TAMIL_INITIAL_CA = re.compile("(?<![\u0900-\u097f])च(?!्)")
_VOICED_AFTER_NASAL = str.maketrans("कचट", "गजड")
_VOICED_BETWEEN_VOWELS = str.maketrans("कचट", "गसड")

_VELAR_NASAL = re.compile("~N(?![kg])")
_NASAL = re.compile(r"(M|\.N)(?=(.?))")  # ITRANS anusvara and chandrabindu, and what follows
_ITRANS_VOWELS = "aAiIuUeEoOèò"
_NON_LETTERS = re.compile("[^a-z]+")


def _script(char: str) -> str | None:
    """The transliteration scheme or reader of a letter or vowel sign of an Indian script.

    Digits and punctuation (the danda, the Urdu full stop) are not letters, so they end up as
    spaces.
    """
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    code = ord(char)
    if _INDIC_FIRST <= code <= _INDIC_LAST:
        return _BLOCK_SCHEMES[(code - _INDIC_FIRST) // _BLOCK_SIZE]
    return scripts.script_of(char)


def _tamil_as_devanagari(run: str) -> str:
    """Rewrite Tamil as Devanagari with the sounds Tamil names are romanised with."""
    for tamil, sound in _TAMIL_LETTERS:
        run = run.replace(tamil, sound)
    run = "".join(chr(ord(char) + _TAMIL_TO_DEVANAGARI) for char in run)
    run = _TAMIL_AFTER_NASAL.sub(lambda m: m[0].translate(_VOICED_AFTER_NASAL), run)
    run = _TAMIL_BETWEEN_VOWELS.sub(lambda m: m[0].translate(_VOICED_BETWEEN_VOWELS), run)
    return _TAMIL_INITIAL_CA.sub("स", run)


def _nasal(match: re.Match) -> str:
    """An anusvara or chandrabindu as English spells it: n before a consonant (संजय Sanjay,
    गाँधी Gandhi), m before p, b and m (चंपा Champa); at the end of a word or before a vowel
    an anusvara is an m (Malayalam സലീം Saleem) and a chandrabindu only nasalises (माँ)."""
    sign, after = match[1], match[2]
    if after in ("p", "b", "m"):
        return "m"
    if after and after not in _ITRANS_VOWELS:
        return "n"
    return "m" if sign == "M" else ""


def _romanise(run: str, scheme: str) -> str:
    """Latin spelling of one run of a single Indian script.

    Perso-Arabic, Meitei Mayek and Ol Chiki have readers of their own (apps.names.scripts);
    the Brahmic scripts are spelt in ITRANS, which writes श as "sh" and ऋ as "RRi", close to
    how Indian names are spelled in English. ङ is "ng" (Nepali तामाङ Tamang, Bengali বাঙালি)
    except before k and g, where "n" already says it (शङ्कर Shankar); the anusvara and the
    chandrabindu are spelt as in English (see _nasal). Other ITRANS punctuation ("~n" for ञ)
    is dropped, not turned into spaces, so it cannot split a word.
    """
    if scheme in scripts.READERS:
        return scripts.READERS[scheme](run)
    if scheme == sanscript.TAMIL:
        run, scheme = _tamil_as_devanagari(run), sanscript.DEVANAGARI
    latin = sanscript.transliterate(run, scheme, sanscript.ITRANS)
    latin = _NASAL.sub(_nasal, _VELAR_NASAL.sub("ng", latin))
    return "".join(char for char in latin if unicodedata.category(char).startswith(("L", "M")))


def _plain_ascii(text: str) -> str:
    """Lowercase ASCII words: accents and stray combining marks go, the rest becomes spaces.

    Lowercasing runs again after NFKD because compatibility forms can decompose to capitals.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_LETTERS.sub(" ", bare.lower()).strip()


def to_latin(text: str) -> str:
    """Lowercase ASCII Latin words for a name in Latin or in the script of any of India's 22
    scheduled languages."""
    if not text:
        return ""
    # NFKC joins a vowel sign typed in two parts (Tamil ொ as ெ + ா), splits letters such as
    # ज़ into letter + nukta, so that the nukta can be deleted, and turns the Arabic
    # presentation forms of text copied from a PDF into letters.
    text = unicodedata.normalize("NFKC", text).translate(_DELETED).translate(_UNREAD_LETTERS)
    pieces = []
    for scheme, chars in groupby(text, key=_script):
        run = "".join(chars)
        pieces.append(_romanise(run, scheme) if scheme else run)
    return _plain_ascii("".join(pieces))


# --- phonetic_word -------------------------------------------------------------------------

# Rule order matters; each step relies on the ones before it:
# 1. digraphs, longest first ("chh" before "ch"): aspiration is dropped (bh -> b, kh -> k),
#    sh/ch/ph become single letters, long and diphthong vowels fold (aa -> a, ee -> i, ou -> u,
#    so Sourav meets Saurabh);
#    A doubled h is an h of its own, not the aspiration of the letter before: to_latin writes
#    Urdu's heh after a consonant so (سہیل "shhil" is Sohail, زہرہ "zhhra" Zahra);
# 2. single letters: q -> k, x -> ks, z -> j, and w/v -> b (Bengali has no v: Vishal = Bishal);
# 3. a final schwa after a consonant is dropped (राम -> rama -> ram), only in words longer
#    than two letters so that short names keep a vowel;
# 4. y after a vowel, before a vowel or at the end, becomes i (Sanjay = Sanjai); this runs
#    after step 3 so that "sanjaya" and "sanjay" both end in "ai";
# 5. doubled letters collapse last, to catch the doubles the earlier steps made (prii -> pri).
_DIGRAPHS = {
    "chh": "c",
    "ch": "c",
    "ph": "f",
    "bh": "b",
    "dh": "d",
    "th": "t",
    "kh": "k",
    "gh": "g",
    "jh": "j",
    "sh": "s",
    "ss": "s",
    "ck": "k",
    "zh": "l",  # Tamil ழ: "Tamizh" is also written "Tamil" (and ழ is read as l above)
    "aa": "a",
    "ee": "i",
    "ii": "i",
    "oo": "u",
    "uu": "u",
    "ou": "u",
    "au": "u",
    "hh": "h",
}
_DIGRAPH_PATTERN = re.compile(
    "|".join(
        digraph + "(?!h)" if digraph.endswith("h") else digraph
        for digraph in sorted(_DIGRAPHS, key=len, reverse=True)
    )
)
_LETTERS = str.maketrans({"q": "k", "x": "ks", "z": "j", "w": "b", "v": "b"})
_VOWEL_Y = re.compile("(?<=[aeiou])y(?=[aeiou]|$)")
_DOUBLES = re.compile(r"(.)\1+")
_VOWELS = "aeiou"


def _drop_final_schwa(word: str) -> str:
    """Drop the inherent 'a' that transliteration writes at the end (rama -> ram)."""
    if len(word) > 2 and word.endswith("a") and word[-2] not in _VOWELS:
        return word[:-1]
    return word


def phonetic_word(word: str) -> str:
    """The spelling-tolerant normal form of one Latin word (see the rule order above)."""
    word = _NON_LETTERS.sub("", word.lower())
    word = _DIGRAPH_PATTERN.sub(lambda m: _DIGRAPHS[m[0]], word)
    word = _VOWEL_Y.sub("i", _drop_final_schwa(word.translate(_LETTERS)))
    return _DOUBLES.sub(r"\1", word)


# Long vowels are written in Latin either way (Javed, Javid; Mohan, Muhan).
_VOWEL_QUALITY = str.maketrans("eo", "iu")


def lacks_only_vowels(written: str, spelt: str) -> bool:
    """Whether the phonetic word `spelt` is `written` with vowels added, as a word read from
    Perso-Arabic (which leaves short vowels out: محمد is m-h-m-d, گیا g-i) lacks them: the first
    letters alike (any two vowels are, see skeleton), then every letter of `written` in
    `spelt`, in order, with only vowels between and after."""
    written, spelt = written.translate(_VOWEL_QUALITY), spelt.translate(_VOWEL_QUALITY)
    if not 2 <= len(written) <= len(spelt):
        return False
    if written[0] != spelt[0] and not (written[0] in _VOWELS and spelt[0] in _VOWELS):
        return False
    rest = iter(spelt[1:])
    for letter in written[1:]:
        for other in rest:
            if other == letter:
                break
            if other not in _VOWELS:
                return False
        else:
            return False
    return all(other in _VOWELS for other in rest)


# --- keys ----------------------------------------------------------------------------------


def skeleton(phonetic: str) -> str:
    """First letter plus consonants: vowels are where Indian spellings disagree most.

    A first vowel counts as "a" whichever it is: Urdu writes every first vowel with the same
    alif or ain (عمران Imran, عثمان Usman, احمد Ahmad), Bengali writes a as o (Orpita,
    Arpita), and Latin spellings differ there too (Ehsan, Ahsan; Osman, Usman).
    """
    if not phonetic:
        return ""
    first = "a" if phonetic[0] in _VOWELS else phonetic[0]
    return first + "".join(char for char in phonetic[1:] if char not in _VOWELS)


# Letters a key is made of after its first: phonetic_word has folded q, x, z, w and v away.
_KEY_CONSONANTS = "bcdfghjklmnprsty"
# A key this short has most names of its length one slip away; such keys have no neighbours.
_SHORTEST_SLIPPED_KEY = 3


def keys_one_slip_away(key: str) -> set[str]:
    """The keys of the spellings one slip of the pen or keyboard from `key`: a consonant left
    out, added, put for another, or two swapped ("Prahbat" for Prabhat, "Sanjya" for
    Sanjay), on any letter but the first, which is the one written with care. Neither `key`
    nor any key shorter than three letters is among them."""
    if len(key) < _SHORTEST_SLIPPED_KEY:
        return set()
    slips = set()
    for at in range(1, len(key) + 1):
        head, tail = key[:at], key[at:]
        slips.update(head + letter + tail for letter in _KEY_CONSONANTS)
        if tail:
            slips.add(head + tail[1:])
            slips.update(head + letter + tail[1:] for letter in _KEY_CONSONANTS)
        if len(tail) > 1:
            slips.add(head + tail[1] + tail[0] + tail[2:])
    return {slip for slip in slips if len(slip) >= _SHORTEST_SLIPPED_KEY} - {key}


def _word_keys(text: str | None) -> Iterator[str]:
    """Skeletons of the words of a name, in order.

    Single letters are initials ("R. Kumar"); their skeleton would equal that of whole names
    such as Riya ("r"), so they are left out of the keys and only count in the ranking.
    """
    for word in to_latin(text or "").split():
        if len(word) < 2:
            continue
        key = skeleton(phonetic_word(word))
        if key:
            yield key


def name_keys(*names: str | None) -> list[str]:
    """Sorted distinct keys of every word of every name, as stored with a record."""
    return sorted({key for name in names for key in _word_keys(name)})


def query_keys(text: str | None) -> list[str]:
    """Distinct keys of a search query in word order; a record must carry all of them."""
    return list(dict.fromkeys(_word_keys(text)))


def normalise_name(text: str | None) -> str:
    """The phonetic words of a whole name, for ranking matches by similarity."""
    words = (phonetic_word(word) for word in to_latin(text or "").split())
    return " ".join(word for word in words if word)


def name_similarity(query: str | None, *names: str | None) -> float:
    """0-100: how closely the best of the names matches the query, after normalisation."""
    return normalised_similarity(normalise_name(query), *(normalise_name(name) for name in names))


def name_forms(*names: str | None) -> list[str]:
    """The normalised names a record keeps, so that ranking a search need not normalise again."""
    return [form for form in (normalise_name(name) for name in names) if form]


def name_words(forms: list[str]) -> list[str]:
    """Sorted distinct phonetic words of names already passed through normalise_name: a record
    holding every word of a query holds the name itself, in whatever order, and is ranked
    before those that only share its coarse keys."""
    return sorted({word for form in forms for word in form.split()})


def normalised_similarity(wanted: str, *forms: str) -> float:
    """name_similarity for names already passed through normalise_name."""
    scores = [fuzz.token_set_ratio(wanted, found) for found in forms if wanted and found]
    return float(max(scores, default=0.0))
