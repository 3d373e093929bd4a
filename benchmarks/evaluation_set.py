"""A synthetic evaluation set with the noise of Indian records, and how to measure recall on it.

Real matched pairs cannot be shared, so the benchmark (benchmarks/bench_matching_quality.py)
generates children, files a missing report for each the way a police station would, and a
found report the way a railway police post or a Child Welfare Committee would when the child
turns up, months or years later and often in another state. Distractor missing reports (other
children, drawn from the same name lists, plus namesakes of the true children) make the search
hard. docs/matching.md describes the noise model and what it leaves out.

Names come from the person providers of Faker (a dependency of the project: en_IN, hi_IN,
bn_BD, or_IN, ta_IN, gu_IN, mr_IN), or from a CSV extract of them such as
/work/shared/testdata/india/indian_names_faker.csv passed in by the benchmark. Nothing here
runs in the product.
"""

import csv
import datetime
import importlib
import math
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from indic_transliteration import sanscript
from rapidfuzz import fuzz, process, utils

from apps.matching.engine.csvfiles import COLUMNS
from apps.matching.engine.records import FOUND, MISSING, ChildRecord
from apps.names.keys import to_latin

# --- name pools ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Where a child comes from: the names, script and language typical there."""

    key: str
    locale: str
    script: str | None  # None: names are Latin in the source lists
    languages: tuple[str, ...]
    states: tuple[str, ...]
    weight: float


REGIONS = (
    Region("hindi", "hi_IN", sanscript.DEVANAGARI, ("hi",), ("9", "10", "23", "8", "20", "7"), 40),
    Region("bengal", "bn_BD", sanscript.BENGALI, ("bn",), ("19", "18", "16"), 18),
    Region("odisha", "or_IN", sanscript.ORIYA, ("or",), ("21",), 8),
    Region("tamil", "ta_IN", sanscript.TAMIL, ("ta",), ("33",), 8),
    Region("marathi", "mr_IN", sanscript.DEVANAGARI, ("mr",), ("27",), 7),
    Region("gujarat", "gu_IN", sanscript.GUJARATI, ("gu",), ("24",), 5),
    Region("south", "en_IN", None, ("te", "kn", "ml"), ("36", "28", "29", "32"), 9),
    Region("punjab", "en_IN", None, ("pa",), ("3", "6"), 5),
)
# Districts per state code (synthetic numbering; roughly real counts). Big cities and
# destination states of trafficking also receive children from elsewhere.
STATE_DISTRICTS = {
    "9": 75,
    "10": 38,
    "23": 55,
    "8": 50,
    "20": 24,
    "7": 11,
    "19": 23,
    "18": 35,
    "16": 8,
    "21": 30,
    "33": 38,
    "27": 36,
    "24": 33,
    "36": 33,
    "28": 26,
    "29": 31,
    "32": 14,
    "3": 23,
    "6": 22,
}
DESTINATION_STATES = ("7", "27", "19", "29", "36", "24", "9", "6")

NICKNAMES = {
    "M": "Munna Pappu Guddu Sonu Monu Golu Chintu Bablu Raju Bittu Chhotu Bunty Lucky Tinku "
    "Rinku Pintu Montu Babu Bapi Bubai Tutu Kalu Bholu Sanju Ricky Vicky Happy Dablu Lalu "
    "Nanhe Chotu Pappi Babloo Bunny",
    "F": "Pinki Guddi Gudiya Munni Sonu Rani Babli Dolly Chutki Pari Tuni Mini Rinki Tinki "
    "Bulbul Mamoni Tumpa Rumpa Pinky Sweety Chhoti Laali Bittu Khushi Nikki Minni Bebo Chinki",
}
MARKS = (
    ("mole", "left", "cheek"),
    ("mole", "right", "cheek"),
    ("mole", "", "chin"),
    ("mole", "left", "hand"),
    ("scar", "", "forehead"),
    ("scar", "right", "knee"),
    ("scar", "left", "leg"),
    ("burn", "right", "hand"),
    ("burn", "left", "arm"),
    ("birthmark", "", "back"),
    ("birthmark", "left", "shoulder"),
    ("cut mark", "", "chin"),
    ("tattoo", "right", "arm"),
    ("wart", "", "nose"),
)
HINDI_MARK_WORDS = {
    "mole": "तिल",
    "scar": "चोट का निशान",
    "cut mark": "कटे का निशान",
    "burn": "जले का निशान",
    "birthmark": "जन्मचिह्न",
    "tattoo": "गोदना",
    "wart": "मस्सा",
    "left": "बाएं",
    "right": "दाएं",
    "cheek": "गाल",
    "chin": "ठोड़ी",
    "hand": "हाथ",
    "forehead": "माथे",
    "knee": "घुटने",
    "leg": "पैर",
    "arm": "बांह",
    "back": "पीठ",
    "shoulder": "कंधे",
    "nose": "नाक",
}
COMPLEXIONS = ("fair", "wheatish", "brown", "dark")
FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2026, 6, 30)


@dataclass
class NamePool:
    """First names by sex and surnames of one locale, as written in its own script."""

    male: list[str] = field(default_factory=list)
    female: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)

    def first(self, rng: random.Random, sex: str) -> str:
        return _zipf_choice(rng, self.male if sex == "M" else self.female)

    def surname(self, rng: random.Random) -> str:
        return _zipf_choice(rng, self.surnames)


def _zipf_choice(rng: random.Random, names: list[str]) -> str:
    """Some names are more common than others: the first of a list of a hundred is picked
    about three times in a hundred, the last about a third as often as the average."""
    count = len(names)
    index = min(count - 1, int(count * rng.random() ** 1.3))
    return names[index]


def faker_name_pools() -> dict[str, NamePool]:
    """Name pools from the Faker person providers installed with the project."""
    pools = {}
    for locale in {region.locale for region in REGIONS}:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        pools[locale] = NamePool(
            male=_unique(provider.first_names_male),
            female=_unique(provider.first_names_female),
            surnames=_unique(provider.last_names),
        )
    return pools


def csv_name_pools(path: Path) -> dict[str, NamePool]:
    """Name pools from a CSV with columns locale,name_part,gender,name (the shared extract),
    completed from Faker for locales the CSV lacks (it has no Bengali)."""
    pools: dict[str, NamePool] = defaultdict(NamePool)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pool = pools[row["locale"]]
            if row["name_part"] == "last":
                pool.surnames.append(row["name"])
            elif row["gender"] in ("male", "unisex"):
                pool.male.append(row["name"])
            if row["name_part"] == "first" and row["gender"] in ("female", "unisex"):
                pool.female.append(row["name"])
    merged = faker_name_pools()
    merged.update({locale: pool for locale, pool in pools.items() if pool.surnames})
    return merged


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name.strip()))


# --- writing names the way people do ------------------------------------------------------------

_ITRANS_TO_ENGLISH = (
    ("RRi", "ri"),
    ("j~n", "gy"),
    ("kSh", "ksh"),
    ("x", "ksh"),
    ("Sh", "sh"),
    ("Ch", "chh"),
    ("~N", "n"),
    ("~n", "n"),
    (".N", ""),
    (".n", "n"),
    (".h", ""),
    ("M", "n"),
    ("H", ""),
    ("T", "t"),
    ("D", "d"),
    ("N", "n"),
    ("L", "l"),
    ("R", "r"),
    ("q", "k"),
)


_VOWEL_LETTERS = "aeiouAEIOU"


def romanise(native: str, region: Region, rng: random.Random) -> str:
    """How a police clerk might write a native-script name in English: long vowels doubled or
    not, final schwa dropped, Bengali short a as o and b for v."""
    if region.script is None:
        return native
    words = []
    for word in native.split():
        if region.script == sanscript.TAMIL:
            latin = to_latin(word)
        else:
            latin = sanscript.transliterate(word, region.script, sanscript.ITRANS)
        words.append(_english_spelling(latin, region, rng))
    return " ".join(word.capitalize() for word in words if word)


def _english_spelling(itrans: str, region: Region, rng: random.Random) -> str:
    word = itrans
    if len(word) > 3 and word[-1] == "a" and word[-2] not in _VOWEL_LETTERS:
        # राम is written Ram, not Rama; but आदित्य is Aditya: a cluster keeps its vowel.
        cluster = word[-3] not in _VOWEL_LETTERS and word[-2:-1] not in ("h",)
        if not cluster:
            word = word[:-1]
    if region.key == "bengal" and rng.random() < 0.35:
        # Bengali pronounces the inherent short a as o (Sourav, Debobrata): ITRANS "a", not "A".
        inherent = [
            i
            for i, char in enumerate(word)
            if char == "a" and word[i + 1 : i + 2] not in ("i", "u")
        ]
        if inherent:
            position = rng.choice(inherent)
            word = word[:position] + "o" + word[position + 1 :]
    for old, new in _ITRANS_TO_ENGLISH:
        word = word.replace(old, new)
    word = word.replace("A", "aa" if rng.random() < 0.1 else "a")
    word = word.replace("I", "ee" if rng.random() < 0.35 else "i")
    word = word.replace("U", "oo" if rng.random() < 0.3 else "u")
    if region.key == "bengal":
        word = word.replace("v", "b")
    elif rng.random() < 0.1:
        word = word.replace("v", "w")
    return "".join(char for char in word.lower() if "a" <= char <= "z")


def to_native(latin: str, script: str) -> str:
    """A Latin name in an Indian script, by a rough English-to-ITRANS reading."""
    words = []
    for word in latin.lower().split():
        itrans = word.replace("ee", "I").replace("oo", "U").replace("aa", "A").replace("w", "v")
        itrans = itrans.replace("x", "kS").replace("q", "k")
        if itrans.endswith("a"):
            itrans = itrans[:-1] + "A"
        elif itrans[-1:] not in "aeiouAIU":
            itrans += "a"  # no virama at the end of a name
        words.append(sanscript.transliterate(itrans, sanscript.ITRANS, script))
    return " ".join(words)


def typo(name: str, rng: random.Random) -> str:
    """One slip of the keyboard, rarely on the first letter."""
    if len(name) < 4:
        return name
    position = rng.randrange(1, len(name) - 1)
    kind = rng.random()
    if kind < 0.3:
        return name[:position] + name[position + 1 :]
    if kind < 0.55:
        return name[:position] + name[position] + name[position:]
    if kind < 0.8:
        letter = rng.choice("aeiounrmstkhl")
        return name[:position] + letter + name[position + 1 :]
    return name[:position] + name[position + 1] + name[position] + name[position + 2 :]


# --- children and their reports ----------------------------------------------------------------


@dataclass
class Child:
    """The truth about one child, from which reports are written with noise."""

    region: Region
    sex: str
    first: str  # as in the name list (native script, or Latin for en_IN)
    surname: str
    nickname: str
    birth: datetime.date
    state: str
    district: str
    father: str
    mother: str
    marks: tuple[tuple[str, str, str], ...]
    complexion: str
    height_at_missing: float
    missing_day: datetime.date
    muslim_prefix: bool = False

    def age_on(self, day: datetime.date) -> float:
        return (day - self.birth).days / 365.25


class Generator:
    """Deterministic (given the seed) maker of children and their reports."""

    def __init__(self, seed: int = 2026, pools: dict[str, NamePool] | None = None):
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.pools = pools or faker_name_pools()
        self._districts = {
            state: [f"{state}{number:03d}" for number in range(1, count + 1)]
            for state, count in STATE_DISTRICTS.items()
        }
        self._serial = 0
        self.stories: list[str] = []  # how each found child gave their name, in order

    # --- the child --------------------------------------------------------------------------

    def child(self) -> Child:
        rng = self.rng
        region = rng.choices(REGIONS, weights=[region.weight for region in REGIONS])[0]
        pool = self.pools[region.locale]
        sex = "F" if rng.random() < 0.55 else "M"  # more missing girls than boys in India
        age = self._age_when_missing()
        missing_day = FIRST_DAY + datetime.timedelta(days=rng.randrange(5 * 365))
        state = rng.choice(region.states)
        surname = pool.surname(rng)
        return Child(
            region=region,
            sex=sex,
            first=pool.first(rng, sex),
            surname=surname,
            nickname=rng.choice(NICKNAMES[sex].split()),
            birth=missing_day - datetime.timedelta(days=round(age * 365.25)),
            state=state,
            district=_zipf_choice(rng, self._districts[state]),
            father=f"{pool.first(rng, 'M')} {surname}",
            mother=f"{pool.first(rng, 'F')} {surname if rng.random() < 0.6 else ''}".strip(),
            marks=tuple(rng.sample(MARKS, rng.choice((1, 1, 2)))) if rng.random() < 0.45 else (),
            complexion=rng.choices(COMPLEXIONS, weights=(2, 4, 3, 2))[0],
            height_at_missing=_typical_height(age) + rng.gauss(0, 6),
            missing_day=missing_day,
            muslim_prefix=region.key == "bengal" and sex == "M" and rng.random() < 0.2,
        )

    def namesake(self, child: Child) -> Child:
        """Another child with the same first name (and often surname): a hard distractor."""
        other = self.child()
        pool = self.pools[child.region.locale]
        surname = child.surname if self.rng.random() < 0.5 else pool.surname(self.rng)
        return replace(
            other,
            region=child.region,
            sex=child.sex,
            first=child.first,
            surname=surname,
            father=f"{pool.first(self.rng, 'M')} {surname}",
        )

    def _age_when_missing(self) -> float:
        bucket = self.rng.random()
        if bucket < 0.6:
            return self.rng.uniform(12, 17.9)
        if bucket < 0.9:
            return self.rng.uniform(6, 12)
        return self.rng.uniform(2, 6)

    # --- the missing report -----------------------------------------------------------------

    def missing_report(self, child: Child) -> ChildRecord:
        rng = self.rng
        region = child.region
        latin = self._latin_name(child)
        name = latin
        if child.muslim_prefix:
            name = f"{rng.choice(('Md.', 'Md', 'Mohd', 'Mohammad'))} {name}"
        elif rng.random() < 0.12:
            name = f"{self._title(child)} {name}"
        other_names = child.nickname if rng.random() < 0.6 else ""
        if other_names and rng.random() < 0.15:
            name, other_names = f"{name} {rng.choice(('urf', 'alias', '@'))} {other_names}", ""
        native = self._native_name(child) if rng.random() < 0.5 else ""
        age = child.age_on(child.missing_day)
        low, high = self._reported_age(age, exact=True)
        return ChildRecord(
            id=self._next_id("M"),
            side=MISSING,
            name=name,
            local_name=native,
            other_names=other_names,
            sex=child.sex if rng.random() > 0.01 else "U",
            age_min=low,
            age_max=high,
            event_date=child.missing_day,
            state=child.state,
            district=child.district,
            height_cm=round(child.height_at_missing) if rng.random() < 0.5 else None,
            complexion=child.complexion if rng.random() < 0.6 else "",
            identification_marks=self._describe_marks(child.marks, hindi=rng.random() < 0.15),
            languages=frozenset(self._languages(child)) if rng.random() < 0.8 else frozenset(),
            father_name=romanise(child.father, region, rng) if rng.random() < 0.85 else "",
            mother_name=romanise(child.mother, region, rng) if rng.random() < 0.7 else "",
            # Where she went missing is her home, as the portal and read_csv_records take it.
            home_districts=frozenset({child.district}),
            home_states=frozenset({child.state}),
        )

    # --- the found report -------------------------------------------------------------------

    def found_report(self, child: Child, missing: ChildRecord | None) -> ChildRecord:
        """A found report of the child; `missing` is their missing report, if any."""
        rng = self.rng
        found_day = self._found_day(child)
        name, local_name, story = self._told_name(child, missing)
        self.stories.append(story)
        low, high = self._reported_age(child.age_on(found_day) + _age_error(rng), exact=False)
        grown = child.height_at_missing + _growth(child.age_on(child.missing_day), found_day, child)
        state, district = self._found_place(child)
        return ChildRecord(
            id=self._next_id("F"),
            side=FOUND,
            name=name,
            local_name=local_name,
            sex=child.sex if rng.random() > 0.03 else "U",
            age_min=low,
            age_max=high,
            event_date=found_day,
            state=state,
            district=district,
            height_cm=round(grown + rng.gauss(0, 4)) if rng.random() < 0.4 else None,
            complexion=self._seen_complexion(child) if rng.random() < 0.5 else "",
            identification_marks=self._seen_marks(child),
            languages=self._told_languages(child),
            father_name=self._told_parents(child),
        )

    def _found_day(self, child: Child) -> datetime.date:
        rng = self.rng
        bucket = rng.random()
        if bucket < 0.02:  # a mistyped date: "found" a few days before the missing date
            days = -rng.randint(1, 10)
        elif bucket < 0.42:
            days = round(rng.expovariate(1 / 10))
        elif bucket < 0.77:
            days = rng.randint(30, 365)
        else:
            days = rng.randint(365, 4 * 365)
        # Found reports are for children: someone who has turned 18 is not filed as one.
        adulthood = child.birth + datetime.timedelta(days=round(18 * 365.25))
        days_to_adulthood = (adulthood - child.missing_day).days
        if days > days_to_adulthood - 1:
            days = rng.randint(min(0, days_to_adulthood - 1), max(0, days_to_adulthood - 1))
        return min(LAST_DAY, child.missing_day + datetime.timedelta(days=days))

    def told_home(self, child: Child, record: ChildRecord, rng: random.Random) -> ChildRecord:
        """The found report with the home the child named: her own district mostly; another
        of her State/UT or one far away (a relative's, a town on the way) sometimes."""
        bucket = rng.random()
        if bucket < 0.8:
            state, district = child.state, child.district
        elif bucket < 0.9:
            state, district = child.state, rng.choice(self._districts[child.state])
        else:
            state = rng.choice(sorted(self._districts))
            district = rng.choice(self._districts[state])
        return replace(
            record,
            home_districts=frozenset({district}),
            home_states=frozenset({state}),
            home_told=district,
        )

    def _found_place(self, child: Child) -> tuple[str, str]:
        rng = self.rng
        bucket = rng.random()
        if bucket < 0.5:
            return child.state, child.district
        if bucket < 0.7:
            return child.state, rng.choice(self._districts[child.state])
        state = rng.choice(DESTINATION_STATES)
        return state, _zipf_choice(rng, self._districts[state])

    def _told_name(self, child: Child, missing: ChildRecord | None) -> tuple[str, str, str]:
        """(name, local_name, story): what the found report records the child as saying."""
        rng = self.rng
        listed_nickname = missing is not None and child.nickname in (
            missing.other_names + missing.name
        )
        first_latin = romanise(child.first, child.region, rng)
        bucket = rng.random()
        if bucket < 0.03:
            return "", "", "no name"  # too young or too shaken to say
        if bucket < 0.18:
            if listed_nickname:
                return child.nickname, "", "nickname only"
            return self._maybe_typo(first_latin), "", "first name only"
        if bucket < 0.20:
            return rng.choice(NICKNAMES[child.sex].split()), "", "unreported pet name"
        if bucket < 0.38:
            return self._maybe_typo(first_latin), self._native_first(child), "first name only"
        if bucket < 0.53:
            return "", self._native_name(child), "local script only"
        if bucket < 0.61:
            surname = romanise(child.surname, child.region, rng)
            return f"{surname} {first_latin}", "", "surname first"
        if bucket < 0.67:
            other_surname = self.pools[child.region.locale].surname(rng)
            other = romanise(other_surname, child.region, rng)
            return f"{first_latin} {other}", "", "another surname"
        if bucket < 0.72:
            noise = rng.choice(("Baby", "Unknown girl" if child.sex == "F" else "Unknown boy"))
            return f"{noise} {first_latin}", "", "title or filler"
        return self._maybe_typo(self._latin_name(child)), "", "full name, respelt"

    def _maybe_typo(self, name: str) -> str:
        if self.rng.random() >= 0.15 or not name:
            return name
        words = name.split()
        index = self.rng.randrange(len(words))
        words[index] = typo(words[index], self.rng)
        return " ".join(words)

    def _native_first(self, child: Child) -> str:
        return self._native_name(child).split()[0] if self.rng.random() < 0.3 else ""

    def _told_languages(self, child: Child) -> frozenset[str]:
        rng = self.rng
        bucket = rng.random()
        if bucket < 0.3:
            return frozenset()
        if bucket < 0.8:
            return frozenset(self._languages(child))
        if bucket < 0.95:
            return frozenset({"hi"})  # recorded in the language of the staff
        return frozenset({rng.choice(("bn", "or", "te", "mr"))})

    def _told_parents(self, child: Child) -> str:
        rng = self.rng
        bucket = rng.random()
        father = romanise(child.father, child.region, rng)
        mother = romanise(child.mother, child.region, rng)
        if bucket < 0.55:
            return ""
        if bucket < 0.75:
            return father.split()[0]
        if bucket < 0.85:
            return father
        if bucket < 0.95:
            return f"{father.split()[0]} and {mother.split()[0]}"
        return "Papa"

    def _seen_complexion(self, child: Child) -> str:
        rank = COMPLEXIONS.index(child.complexion)
        bucket = self.rng.random()
        if bucket < 0.7:
            return child.complexion
        if bucket < 0.95:
            step = self.rng.choice((-1, 1))
            return COMPLEXIONS[min(3, max(0, rank + step))]
        return self.rng.choice(COMPLEXIONS)

    def _seen_marks(self, child: Child) -> str:
        rng = self.rng
        if child.marks and rng.random() < 0.45:
            marks = child.marks if rng.random() < 0.7 else (rng.choice(MARKS),)
            return self._describe_marks(marks, hindi=rng.random() < 0.15)
        if not child.marks and rng.random() < 0.2:
            return self._describe_marks((rng.choice(MARKS),), hindi=False)
        return ""

    # --- pieces ---------------------------------------------------------------------------

    def _latin_name(self, child: Child) -> str:
        first = romanise(child.first, child.region, self.rng)
        return f"{first} {romanise(child.surname, child.region, self.rng)}"

    def _native_name(self, child: Child) -> str:
        if child.region.script is not None:
            return f"{child.first} {child.surname}"
        return to_native(f"{child.first} {child.surname}", sanscript.DEVANAGARI)

    def _title(self, child: Child) -> str:
        if child.sex == "F":
            return self.rng.choice(("Kumari", "Km.", "Baby", "Miss"))
        return self.rng.choice(("Master", "Mr.", "Sri"))

    def _reported_age(self, age: float, *, exact: bool) -> tuple[float, float]:
        """A missing report gives the age parents say (whole years, sometimes a range); a
        found report gives the apparent age, often as a range."""
        age = min(17.0, max(0.0, age))
        if exact and self.rng.random() < 0.85:
            return float(int(age)), float(int(age))
        if not exact and self.rng.random() < 0.5:
            return float(round(age)), float(round(age))
        spread = self.rng.choice((1, 2))
        return float(max(0, round(age) - spread)), float(min(17, round(age) + spread))

    def _languages(self, child: Child) -> set[str]:
        languages = {self.rng.choice(child.region.languages)}
        if child.region.key != "hindi" and self.rng.random() < 0.3:
            languages.add("hi")
        return languages

    def _describe_marks(self, marks: Iterable[tuple[str, str, str]], *, hindi: bool) -> str:
        descriptions = []
        for kind, side, part in marks:
            if hindi:
                words = [HINDI_MARK_WORDS[side] if side else "", HINDI_MARK_WORDS[part]]
                descriptions.append(" ".join([*filter(None, words), "पर", HINDI_MARK_WORDS[kind]]))
            else:
                where = f"{side} {part}".strip()
                descriptions.append(self.rng.choice((f"{kind} on {where}", f"{kind}, {where}")))
        return "; ".join(descriptions)

    def _next_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial:07d}"


def _typical_height(age: float) -> float:
    """Rough median height (cm) of an Indian child of this age."""
    return 76 + 6.0 * min(age, 12) + 5.0 * max(0, min(age, 14) - 12) + 3.0 * max(0, age - 14)


def _growth(age: float, found_day: datetime.date, child: Child) -> float:
    years = max(0.0, (found_day - child.missing_day).days / 365.25)
    return _typical_height(age + years) - _typical_height(age)


def _age_error(rng: random.Random) -> float:
    """How far an apparent age is off: within ±3 years, mostly much less."""
    return rng.triangular(-3.0, 3.0, 0.0)


# --- the evaluation set --------------------------------------------------------------------------


@dataclass
class EvaluationSet:
    missing: list[ChildRecord]
    found: list[ChildRecord]
    truth: dict[str, str]  # found id -> id of the same child's missing report
    stories: dict[str, str]  # found id -> how the name was given and where the child was found


def generate(
    pairs: int = 1000,
    distractors: int = 20000,
    *,
    seed: int = 2026,
    unreported_share: float = 0.1,
    namesake_share: float = 0.1,
    pools: dict[str, NamePool] | None = None,
    told_home_share: float = 0.0,
) -> EvaluationSet:
    """`pairs` children with both reports, `distractors` other missing children (a share of
    them namesakes of the children found), and found children nobody reported missing; a
    `told_home_share` of the found children name their home (drawn apart, so the rest of the
    set is the same whatever the share)."""
    generator = Generator(seed, pools)
    home_rng = random.Random(f"{seed}-home")  # noqa: S311 - test data

    def found_report(child: Child, report: ChildRecord | None) -> ChildRecord:
        record = generator.found_report(child, report)
        if home_rng.random() < told_home_share:
            return generator.told_home(child, record, home_rng)
        return record

    missing, found, truth, stories = [], [], {}, {}
    children = []
    for _ in range(pairs):
        child = generator.child()
        report = generator.missing_report(child)
        told = found_report(child, report)
        stories[told.id] = generator.stories[-1]
        children.append(child)
        missing.append(report)
        found.append(told)
        truth[told.id] = report.id
    for _ in range(distractors):
        if children and generator.rng.random() < namesake_share:
            other = generator.namesake(generator.rng.choice(children))
        else:
            other = generator.child()
        missing.append(generator.missing_report(other))
    for _ in range(round(pairs * unreported_share)):
        found.append(found_report(generator.child(), None))
    generator.rng.shuffle(missing)
    generator.rng.shuffle(found)
    return EvaluationSet(missing, found, truth, stories)


def write_csv_records(records: Iterable[ChildRecord], path: Path) -> None:
    """Records in the match_eval CSV format (faces are not written: there are no photos)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))


def _csv_row(record: ChildRecord) -> dict[str, str]:
    same_age = record.age_min == record.age_max
    return {
        "id": record.id,
        "name": record.name,
        "local_name": record.local_name,
        "other_names": record.other_names,
        "sex": record.sex,
        "age_years": _number(record.age_min) if same_age else "",
        "age_min": "" if same_age else _number(record.age_min),
        "age_max": "" if same_age else _number(record.age_max),
        "date": record.event_date.isoformat() if record.event_date else "",
        "date_of_birth": record.birth_date.isoformat() if record.birth_date else "",
        "state": record.state,
        "district": record.district,
        "place": record.place,
        "height_cm": _number(record.height_cm),
        "complexion": record.complexion,
        "identification_marks": record.identification_marks,
        "languages": ";".join(sorted(record.languages)),
        "father_name": record.father_name,
        "mother_name": record.mother_name,
        "guardian_name": record.guardian_name,
        "photo": "",
        **_csv_home(record),
    }


def _csv_home(record: ChildRecord) -> dict[str, str]:
    """A missing file's district and state count as home already (read_csv_records)."""
    districts, states = record.home_districts, record.home_states
    if record.side == MISSING:
        districts, states = districts - {record.district}, states - {record.state}
    return {"home_district": ";".join(sorted(districts)), "home_state": ";".join(sorted(states))}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def write_truth(truth: dict[str, str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("found_id", "missing_id"))
        writer.writerows(sorted(truth.items()))


def read_truth(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["found_id"]: row["missing_id"] for row in csv.DictReader(handle)}


def read_ranked_rows(path: Path) -> list[tuple[str, str, int, float]]:
    """The rows match_eval wrote: (found_id, missing_id, rank, score)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["found_id"], row["missing_id"], int(row["rank"]), float(row["score"]))
            for row in csv.DictReader(handle)
        ]


# --- measures ----------------------------------------------------------------------------------


def recall_at(rows: Iterable[tuple[str, str, int, float]], truth: dict[str, str], k: int) -> float:
    """Share of found children with a missing report whose report is ranked within the top k."""
    hits = {found for found, missing, rank, _ in rows if rank <= k and truth.get(found) == missing}
    return len(hits) / len(truth) if truth else 0.0


def baseline_rows(
    missing: list[ChildRecord], found: list[ChildRecord], top: int = 10
) -> list[tuple[str, str, int, float]]:
    """The plain approach to compare with: rapidfuzz token_sort_ratio of the found child's
    name (or local name, or other name) against each missing child's name, nothing else."""
    choices = [record.name for record in missing]
    rows = []
    for child in found:
        query = child.name or child.local_name or child.other_names
        if not query:
            continue
        best = process.extract(
            query, choices, scorer=fuzz.token_sort_ratio, processor=utils.default_process, limit=top
        )
        for rank, (_, score, index) in enumerate(best, start=1):
            rows.append((child.id, missing[index].id, rank, float(score)))
    return rows


@dataclass(frozen=True)
class Calibration:
    bins: list[tuple[int, int, int]]  # (lowest score of the bin, pairs, of which true)
    true_above_threshold: float  # share of true pairs that score at or above the threshold
    precision_above_threshold: float  # share of pairs at or above the threshold that are true
    pairs_above_threshold_per_found: float


def recall_by_story(
    rows: Iterable[tuple[str, str, int, float]], evaluation: EvaluationSet, k: int
) -> dict[str, tuple[int, float]]:
    """recall@k for each way the found child gave their name: story -> (children, recall)."""
    hits = {
        found
        for found, missing, rank, _ in rows
        if rank <= k and evaluation.truth.get(found) == missing
    }
    by_story: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for found, story in evaluation.stories.items():
        by_story[story][0] += 1
        by_story[story][1] += found in hits
    return {story: (count, hit / count) for story, (count, hit) in sorted(by_story.items())}


def calibration(
    rows: list[tuple[str, str, int, float]], truth: dict[str, str], threshold: float = 50.0
) -> Calibration:
    """How often pairs of each score band are the same child, over the ranked lists."""
    bins = defaultdict(lambda: [0, 0])
    above = above_true = 0
    for found, missing, _, score in rows:
        is_true = truth.get(found) == missing
        band = min(90, int(score // 10) * 10)
        bins[band][0] += 1
        bins[band][1] += is_true
        if score >= threshold:
            above += 1
            above_true += is_true
    found_ids = {found for found, *_ in rows} | set(truth)
    return Calibration(
        bins=[(band, *bins[band]) for band in sorted(bins)],
        true_above_threshold=above_true / len(truth) if truth else 0.0,
        precision_above_threshold=above_true / above if above else 0.0,
        pairs_above_threshold_per_found=above / len(found_ids) if found_ids else 0.0,
    )


def fit_logistic(
    log_odds: list[float], outcomes: list[bool], steps: int = 100
) -> tuple[float, float]:
    """(slope, intercept) of P(true) = 1 / (1 + exp(-(slope * x + intercept))) that best fit
    the outcomes (maximum likelihood, Newton's method with step halving); used to choose
    scoring.SCORE_SLOPE and SCORE_INTERCEPT (see docs/matching.md)."""
    data = list(zip(log_odds, [float(y) for y in outcomes], strict=True))
    slope, intercept = 1.0, 0.0
    current = _log_likelihood(data, slope, intercept)
    for _ in range(steps):
        step_slope, step_intercept = _newton_step(data, slope, intercept)
        scale = 1.0
        while scale > 1e-6:
            candidate = (slope + scale * step_slope, intercept + scale * step_intercept)
            likelihood = _log_likelihood(data, *candidate)
            if likelihood >= current:
                break
            scale /= 2
        else:
            break
        improved = likelihood - current
        (slope, intercept), current = candidate, likelihood
        if improved < 1e-9:
            break
    return slope, intercept


def _probability(x: float, slope: float, intercept: float) -> float:
    return 1 / (1 + math.exp(-max(-35.0, min(35.0, slope * x + intercept))))


def _log_likelihood(data, slope: float, intercept: float) -> float:
    total = 0.0
    for x, y in data:
        p = min(1 - 1e-12, max(1e-12, _probability(x, slope, intercept)))
        total += y * math.log(p) + (1 - y) * math.log(1 - p)
    return total


def _newton_step(data, slope: float, intercept: float) -> tuple[float, float]:
    g_slope = g_intercept = 0.0
    h_ss = h_si = h_ii = 1e-9
    for x, y in data:
        p = _probability(x, slope, intercept)
        g_slope += (y - p) * x
        g_intercept += y - p
        weight = p * (1 - p)
        h_ss += weight * x * x
        h_si += weight * x
        h_ii += weight
    determinant = h_ss * h_ii - h_si * h_si
    if determinant <= 0:
        return 0.0, 0.0
    return (
        (h_ii * g_slope - h_si * g_intercept) / determinant,
        (h_ss * g_intercept - h_si * g_slope) / determinant,
    )
