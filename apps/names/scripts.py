"""Latin spellings of names in Perso-Arabic, Meitei Mayek and Ol Chiki.

These are the scripts of the scheduled languages that indic-transliteration cannot read as
names: its `urdu` and `ol_chiki` schemes are made for writing Devanagari in those scripts, so
read backwards they leave unvowelled Urdu and every Ol Chiki consonant as they are, and its
`manipuri` scheme lacks Meitei Mayek's final-consonant (lonsum) letters. Each reader here turns
one word of its script into lowercase Latin letters, spelt the way Indian officials write such
names in English; apps.names.keys folds the spellings further.
"""

import re
import unicodedata
from dataclasses import dataclass

PERSO_ARABIC = "perso_arabic"
MEETEI_MAYEK = "meetei_mayek"
OL_CHIKI = "ol_chiki"
_LATIN_VOWELS = "aeiou"

# Unicode blocks: Arabic (U+0600-06FF) and Arabic Supplement (U+0750-077F), which hold the
# Urdu, Kashmiri and Sindhi letters; Meetei Mayek (U+ABC0-ABFF); Ol Chiki (U+1C50-1C7F).
_BLOCKS = (
    (0x0600, 0x06FF, PERSO_ARABIC),
    (0x0750, 0x077F, PERSO_ARABIC),
    (0xABC0, 0xABFF, MEETEI_MAYEK),
    (0x1C50, 0x1C7F, OL_CHIKI),
)


def script_of(char: str) -> str | None:
    """PERSO_ARABIC, MEETEI_MAYEK or OL_CHIKI for a letter or mark of that script, else None."""
    code = ord(char)
    for first, last, script in _BLOCKS:
        if first <= code <= last:
            return script
    return None


def _table(pairs: str) -> dict[str, str]:
    """{letter: Latin} from space-separated "letter=latin" pairs."""
    return dict(pair.split("=") for pair in pairs.split())


# The characters of Perso-Arabic's blocks, found by one regular expression rather than by
# script_of character by character (a name of another script has none).
_PERSO_ARABIC_CHARACTERS = re.compile(
    "["
    + "".join(
        f"\\u{first:04x}-\\u{last:04x}" for first, last, script in _BLOCKS if script == PERSO_ARABIC
    )
    + "]"
)


def written_without_short_vowels(text: str) -> bool:
    """Whether a name is in Perso-Arabic, which leaves its short vowels out (an abjad)."""
    return any(
        unicodedata.category(char) == "Lo" for char in _PERSO_ARABIC_CHARACTERS.findall(text)
    )


# --- Perso-Arabic: Urdu, Kashmiri, Sindhi ---------------------------------------------------
#
# The Unicode charts "Arabic" and "Arabic Supplement" list the letters; the sounds are those
# of Urdu, with Sindhi's and Kashmiri's own letters. Aspiration, retroflexion and the Arabic
# emphatics are spelt as Indian names are (ٹ and ط are both t, ص is s, ض and ظ are z):
# phonetic_word folds them further. (Ruff's RUF001 takes the Arabic alif and do-chashmi heh
# beside Latin letters for an l and an o, hence its noqa below.)
_CONSONANTS = _table(
    "ب=b پ=p ت=t ٹ=t ث=s ج=j چ=ch ح=h خ=kh د=d ڈ=d ذ=z ر=r ڑ=r ز=z ژ=z س=s ش=sh ص=s ض=z ط=t "
    "ظ=z غ=gh ف=f ق=q ک=k ك=k گ=g ل=l م=m ن=n ں=n ھ=h "  # noqa: RUF001
    # Sindhi (ک is kh there and ڪ is k; both fold to k)
    "ٻ=b ڀ=bh ٽ=t ٺ=th ٿ=th ڄ=j ڃ=n ڇ=chh ڊ=d ڌ=dh ڍ=dh ڏ=d ڙ=r ڦ=ph ڪ=k ڳ=g ڱ=ng ڻ=n"
)
# Letters that are always vowels. ئ and ؤ carry a hamza between vowels (عائشہ, داؤد); ے ends
# words (پانڈے Pandey); ٲ ٳ ۄ ێ are Kashmiri vowels; ى is the a of Arabic spellings (موسى).
_VOWEL_LETTERS = _table(
    "ا=a آ=a أ=a إ=i ٱ=a ٲ=a ٳ=i ئ=i ؤ=u ے=e ۓ=e ێ=e ې=e ۄ=o ۆ=o ۇ=u ۈ=u ۉ=o ى=a"  # noqa: RUF001
)
# Alif and ain: at the start of a word they carry the first vowel, whichever it is.
_CARRIERS = "اآأإٱٲٳع"
_AIN = "ع"
_WAW = "و"  # v, or the vowel u/o
_YEH = "یيؠ"  # y, or the vowel i/e
_HEH = "ہهۂۀۃة"  # h, or a final a (فاطمہ Fatima, عائشہ Ayesha)
_ALEFS = "اآأٱٲ"  # a final heh after one of these is an h (شاہ Shah)
# Vowel signs, rarely written in names; a short one (zabar, zer, pesh) after و or ی makes it a
# consonant. Every other mark (shadda, sukun, tanvin, hamzas, Kashmiri signs) is left out.
_SHORT_VOWEL_SIGNS = {"\u064e": "a", "\u0650": "i", "\u064f": "u"}
_VOWEL_SIGNS = {
    **_SHORT_VOWEL_SIGNS,
    "\u0670": "a",  # superscript alif: مصطفیٰ Mustafa, سلمیٰ Salma
    "\u0656": "i",  # subscript alif (Kashmiri)
    "\u0657": "u",  # inverted damma (Kashmiri): خاتوٗن Khatoon
}
_SUPERSCRIPT_ALIF = "\u0670"
# عبدالرحمن is written as one word and spelt Abdul Rahman; names ending in اللہ (Allah) are
# spelt -ullah, with the h (عبداللہ Abdullah, سیف اللہ Saif Ullah).
_ABDUL = "عبدال"
_ALLAH = ("اللہ", "الله")


@dataclass(frozen=True, slots=True)
class _Letter:
    char: str
    signs: str  # the vowel signs and other marks written on it


def _letters(word: str) -> list[_Letter]:
    letters: list[_Letter] = []
    for char in word:
        if unicodedata.category(char) == "Mn" and letters:
            letters[-1] = _Letter(letters[-1].char, letters[-1].signs + char)
        elif unicodedata.category(char) == "Lo":
            letters.append(_Letter(char, ""))
    return letters


class _Word:
    """One Perso-Arabic word, letter by letter, with which of its letters are vowels.

    Short vowels are not written, so only alif, the vowel letters, and و and ی when they are
    not consonants, say where a vowel is. و and ی are consonants (v, y) at the start of a word,
    with a short vowel sign, or before a vowel (تنویر Tanveer, پریانکا Priyanka); و also
    after an alif (جاوید Javed). Otherwise they are the vowels u and i (نور Noor, سلیم Salim).
    """

    def __init__(self, word: str):
        self.letters = _letters(word)

    def char(self, position: int) -> str:
        if 0 <= position < len(self.letters):
            return self.letters[position].char
        return ""

    def is_vowel(self, position: int) -> bool:
        """Whether the letter at `position` is read as a vowel (a first alif or ain is, even
        where it only carries the vowel after it)."""
        char = self.char(position)
        if char in _VOWEL_LETTERS or (position == 0 and char in _CARRIERS):
            return True
        if char in _HEH:
            return self._final_a(position)
        if char and char in _WAW + _YEH:
            return not self.is_consonant(position)
        return False

    def is_consonant(self, position: int) -> bool:
        """Whether و or ی at `position` is the consonant v or y."""
        letter = self.letters[position]
        if position == 0 or any(sign in _SHORT_VOWEL_SIGNS for sign in letter.signs):
            return True
        if self.is_vowel(position + 1):
            return True
        # After an alif inside the word (a first alif only carries the next vowel).
        return letter.char == _WAW and position > 1 and self.char(position - 1) in _ALEFS

    def _final_a(self, position: int) -> bool:
        return position == len(self.letters) - 1 and self.char(position - 1) not in _ALEFS

    def sound(self, position: int) -> str:
        """The Latin letters of one letter, without its vowel signs."""
        char = self.char(position)
        if char in _CONSONANTS:
            return _CONSONANTS[char]
        if position == 0 and char in _CARRIERS:
            return self._first_vowel()
        if char == _AIN:
            return "" if position == len(self.letters) - 1 else "a"  # ربیع Rabi, سعد Saad
        if char in _VOWEL_LETTERS:
            return _VOWEL_LETTERS[char]
        if char in _HEH:
            return self._heh(position)
        if char in _WAW + _YEH:
            return self._glide_or_vowel(position)
        return ""

    def _heh(self, position: int) -> str:
        """A final a (فاطمہ Fatima), else an h. After a consonant the h is doubled, so that
        phonetic_word does not take it for an aspirate: سہیل is Sohail, not Shil, and بہادر
        Bahadur, not Badur."""
        if self._final_a(position):
            return "a"
        return "hh" if position > 0 and not self.is_vowel(position - 1) else "h"

    def _first_vowel(self) -> str:
        """A first alif or ain: silent before a written vowel (ایمان Iman, عید Eid, اوشا Usha),
        else an a (احمد Ahmad, علی Ali; عمران Imran is keyed alike, see skeleton)."""
        first = self.letters[0]
        if any(sign in _VOWEL_SIGNS for sign in first.signs) or self.is_vowel(1):
            return ""
        return _VOWEL_LETTERS.get(first.char, "a")

    def _glide_or_vowel(self, position: int) -> str:
        letter = self.letters[position]
        if letter.char in _YEH and _SUPERSCRIPT_ALIF in letter.signs:
            return ""  # the ی of سلمیٰ only carries the a of its superscript alif
        is_waw = letter.char == _WAW
        if not self.is_consonant(position):
            return "u" if is_waw else "i"
        if is_waw:
            return "v"
        # A consonant y after a consonant is spelt "iy": پریانکا Priyanka, رضیہ Raziya.
        return "iy" if position > 0 and not self.is_vowel(position - 1) else "y"


def read_perso_arabic(word: str) -> str:
    """Latin letters for one Urdu, Kashmiri or Sindhi word: its consonants and written vowels."""
    for allah in _ALLAH:
        if word.endswith(allah):
            return read_perso_arabic(word.removesuffix(allah)) + "ullah"
    rest = word.removeprefix(_ABDUL)
    if rest != word and len(rest) > 1:
        return "abdul " + read_perso_arabic(rest)
    parsed = _Word(word)
    pieces = []
    for position, letter in enumerate(parsed.letters):
        if letter.char in _CONSONANTS and letter.char == parsed.char(position - 1):
            # A doubled sound is written once (with a shadda), so the same letter twice has a
            # vowel between, mostly a: ممتاز Mumtaz, ببلو Bablu, پپو Pappu.
            pieces.append("a")
        pieces.append(parsed.sound(position))
        pieces.extend(_VOWEL_SIGNS.get(sign, "") for sign in letter.signs)
    return "".join(pieces)


# --- Meitei Mayek: Manipuri -----------------------------------------------------------------
#
# The Unicode chart "Meetei Mayek", with the letters' usual Latin spellings in Manipur. A
# consonant carries an inherent a, as in the Brahmic scripts: a vowel sign replaces it, and the
# apun iyek (a virama) or a lonsum letter (a final consonant) has none. ꯑ (atiya) is the bare
# vowel a; ꯏ and ꯎ are i and u, o after a vowel (ꯆꯥꯎꯕ Chaoba).
_MEETEI_CONSONANTS = _table(
    "ꯀ=k ꯁ=s ꯂ=l ꯃ=m ꯄ=p ꯅ=n ꯆ=ch ꯇ=t ꯈ=kh ꯉ=ng ꯊ=th ꯋ=w ꯌ=y ꯍ=h ꯐ=ph ꯑ= ꯒ=g ꯓ=jh ꯔ=r ꯕ=b "
    "ꯖ=j ꯗ=d ꯘ=gh ꯙ=dh ꯚ=bh"
)
_MEETEI_VOWEL_SIGNS = _table("ꯣ=o ꯤ=i ꯥ=a ꯦ=e ꯧ=ou ꯨ=u ꯩ=ei")
_MEETEI_APUN_IYEK = "\uabed"
# The vowel letters, the lonsum letters and the nung (a nasal after the vowel, ng).
_MEETEI_OTHERS = _table("ꯏ=i ꯎ=u ꯛ=k ꯜ=l ꯝ=m ꯞ=p ꯟ=n ꯠ=t ꯡ=ng ꯢ=i ꯪ=ng")
_MEETEI_UN = "ꯎ"


def read_meetei_mayek(word: str) -> str:
    """Latin letters for one Manipuri word in Meitei Mayek."""
    latin = inherent = ""
    for char in word:
        if char in _MEETEI_VOWEL_SIGNS or char == _MEETEI_APUN_IYEK:
            latin += _MEETEI_VOWEL_SIGNS.get(char, "")
            inherent = ""
            continue
        latin += inherent
        inherent = ""
        if char in _MEETEI_CONSONANTS:
            latin += _MEETEI_CONSONANTS[char]
            inherent = "a"
        elif char == _MEETEI_UN and latin and latin[-1] in _LATIN_VOWELS:
            latin += "o"
        else:
            latin += _MEETEI_OTHERS.get(char, "")  # the lum iyek (a tone) is not spelt
    return latin + inherent


# --- Ol Chiki: Santali ----------------------------------------------------------------------
#
# The Unicode chart "Ol Chiki": an alphabet that writes every vowel, so each letter has its
# sound. ᱚ is the open o of Santali names (ᱥᱚᱨᱮᱱ Soren), ᱷ aspirates the letter before it
# (ᱨᱟᱜᱷᱩᱱᱟᱛᱷ Raghunath), ᱸ and ᱺ nasalise (ᱦᱟᱸᱥᱫᱟ Hansda); the other modifiers (vowel
# length and quality, the glottal stop) are not spelt.
_OL_CHIKI = _table(
    "ᱚ=o ᱛ=t ᱜ=g ᱝ=ng ᱞ=l ᱟ=a ᱠ=k ᱡ=j ᱢ=m ᱣ=w ᱤ=i ᱥ=s ᱦ=h ᱧ=ny ᱨ=r ᱩ=u ᱪ=ch ᱫ=d ᱬ=n ᱭ=y ᱮ=e "
    "ᱯ=p ᱰ=d ᱱ=n ᱲ=r ᱳ=o ᱴ=t ᱵ=b ᱶ=w ᱷ=h ᱸ=n ᱺ=n"
)


def read_ol_chiki(word: str) -> str:
    """Latin letters for one Santali word in Ol Chiki."""
    return "".join(_OL_CHIKI.get(char, "") for char in word)


READERS = {
    PERSO_ARABIC: read_perso_arabic,
    MEETEI_MAYEK: read_meetei_mayek,
    OL_CHIKI: read_ol_chiki,
}
