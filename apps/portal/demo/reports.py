"""Realistic demo reports: a few thousand to try the portal with, a million for benchmarks.

`seed_demo_reports` files missing and found reports with the demo units that
`apps.portal.demo.units.seed_demo()` creates, in real districts of the directory, with children's
names in Latin, Devanagari and Bengali script. About one missing child in twenty is also found later
as a separate found report (a "true pair"): same sex, nearly the same age, a spelling variant of
the name or no name at all, found in the same State/UT, with similar marks. Nothing in the
records says which reports are pairs; the pairs are returned and written to
var/demo_true_pairs.csv, so that a matching engine can be scored against them.

Reports go in a batch at a time with PostgreSQL's COPY (see `_ReportWriter`), which skips
`Report.save()` and the services: the FIR year, the phonetic name keys and the
identification-mark search words are filled in here instead, and no change history, structured
marks or photos are written. Faker is used only to make pools of names up front; drawing from
the pools keeps a million reports within a few minutes.
"""

import csv
import random
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Func, IntegerField, Max, Value
from django.db.models.functions import Cast
from django.utils import timezone
from faker import Faker
from indic_transliteration import sanscript

from apps.accounts.models import Role, User
from apps.directory.models import CCI_UNIT_TYPES, District, Unit, UnitType
from apps.names.keys import name_keys, name_words, normalise_name, to_latin
from apps.reports.choices import (
    FILING_CONSENT_PURPOSES,
    Build,
    Circumstance,
    ClosureReason,
    Complexion,
    ConsentGiver,
    ConsentMethod,
    EyeColour,
    FoundBy,
    Language,
    Placement,
    RegistrationKind,
    ReportKind,
    Sex,
    Status,
)
from apps.reports.models import Consent, Report
from apps.reports.selectors import HOME_FIELDS, home_of

TRUE_PAIRS_CSV = Path(settings.BASE_DIR) / "var" / "demo_true_pairs.csv"

MISSING_SHARE = 0.6
TRUE_PAIR_SHARE = 0.05  # of the missing reports
YEARS_BACK = 3
NAME_POOL_DRAWS = 3000  # Faker calls per locale and name part
_MISSING_OWNER_TYPES = (UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE, UnitType.SJPU)
_FOUND_OWNER_TYPES = (*_MISSING_OWNER_TYPES, UnitType.CWC, UnitType.DCPU, *CCI_UNIT_TYPES)

# Demo districts (LGD codes, as in apps.portal.demo.units) with a few real localities and PIN codes.
DEMO_PLACES = {
    362: (
        ["Saheed Nagar", "Old Town", "Nayapalli", "Patia", "Chandrasekharpur", "Jatni"],
        ["751001", "751002", "751007"],
    ),
    212: (["Kankarbagh", "Boring Road", "Rajendra Nagar", "Patna City", "Danapur"], ["800001"]),
    482: (["Colaba", "Fort", "Byculla", "Nagpada", "Dongri"], ["400001", "400005"]),
    315: (["Bowbazar", "Sealdah", "Park Street", "Burrabazar", "Esplanade"], ["700001"]),
}
GENERIC_LOCALITIES = [
    "Station Road",
    "Main Bazar",
    "Old Town",
    "Civil Lines",
    "Gandhi Nagar",
    "Nehru Colony",
    "Bus Stand Area",
    "Ward 4",
    "Ward 11",
    "Housing Board Colony",
    "Subhash Nagar",
    "Indira Colony",
]
LANDMARKS = [
    "railway station, platform 1",
    "platform 3",
    "bus stand",
    "near the Hanuman temple",
    "government school gate",
    "vegetable market",
    "near the mosque",
    "riverside ghat",
    "hospital gate",
    "cinema hall",
]
# The language most children speak in each State/UT (LGD code); Hindi elsewhere.
STATE_LANGUAGES = {
    1: Language.KASHMIRI,
    3: Language.PUNJABI,
    11: Language.NEPALI,
    14: Language.MANIPURI,
    16: Language.BENGALI,
    18: Language.ASSAMESE,
    19: Language.BENGALI,
    21: Language.ODIA,
    24: Language.GUJARATI,
    27: Language.MARATHI,
    28: Language.TELUGU,
    29: Language.KANNADA,
    30: Language.KONKANI,
    31: Language.MALAYALAM,
    32: Language.MALAYALAM,
    33: Language.TAMIL,
    34: Language.TAMIL,
    36: Language.TELUGU,
    38: Language.GUJARATI,
}

# Nicknames a child answers to: Latin, and ITRANS for Devanagari and for Bengali.
NICKNAMES = {
    Sex.MALE: [
        ("Munna", "munnA", "munnA"),
        ("Guddu", "guDDU", "guDDu"),
        ("Chotu", "ChoTU", "ChoTu"),
        ("Bablu", "babalU", "babalu"),
        ("Pappu", "pappU", "pappu"),
        ("Sonu", "sonU", "sonu"),
        ("Golu", "golU", "golu"),
        ("Raju", "rAjU", "rAju"),
        ("Bapi", "bApI", "bApi"),
        ("Bittu", "bittU", "bittu"),
    ],
    Sex.FEMALE: [
        ("Pinky", "piMkI", "piMki"),
        ("Munni", "munnI", "munni"),
        ("Guddi", "guDDI", "guDDi"),
        ("Chutki", "ChuTakI", "ChuTaki"),
        ("Rani", "rAnI", "rAni"),
        ("Bulbul", "bulabula", "bulabula"),
        ("Mampi", "mAmpI", "mAmpi"),
        ("Puja", "pUjA", "pujA"),
    ],
}


def _weighted(weights: dict) -> tuple[list, list[float]]:
    """Values and cumulative weights, for drawing with `_pick`."""
    return list(weights), list(accumulate(weights.values()))


def _pick(rng: random.Random, table: tuple[list, list[float]]):
    return rng.choices(table[0], cum_weights=table[1])[0]


# More girls than boys are reported missing, mostly teenagers; found children are younger.
MISSING_SEX = _weighted({Sex.MALE: 48, Sex.FEMALE: 51.5, Sex.TRANSGENDER: 0.5})
FOUND_SEX = _weighted({Sex.MALE: 50, Sex.FEMALE: 48, Sex.TRANSGENDER: 0.5, Sex.UNKNOWN: 1.5})
MISSING_AGES = _weighted(
    dict(zip(range(2, 18), [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 7, 10, 13, 14, 14, 12], strict=True))
)
FOUND_AGES = _weighted(
    dict(zip(range(2, 18), [2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 9, 8, 7], strict=True))
)
SCRIPTS = _weighted({"latin": 60, "deva": 25, "beng": 15})
BUILDS = [*Build.values, ""]
COMPLEXIONS = [*Complexion.values, Complexion.WHEATISH, ""]
EYE_COLOURS = _weighted({EyeColour.BLACK: 70, EyeColour.BROWN: 15, EyeColour.LIGHT: 2, "": 13})
MISSING_STATUSES = _weighted(
    {Status.OPEN: 68, Status.TRACED: 10, Status.MATCHED: 2, Status.RESTORED: 12, Status.CLOSED: 7}
)
FOUND_STATUSES = _weighted(
    {
        Status.OPEN: 50,
        Status.MATCHED: 8,
        Status.RESTORED: 27,
        Status.TRANSFERRED: 5,
        Status.CLOSED: 10,
    }
)
CLOSURE_REASONS = _weighted(
    {
        ClosureReason.RETURNED_HOME: 40,
        ClosureReason.TRACED_BY_POLICE: 25,
        ClosureReason.MATCHED_ON_PORTAL: 10,
        ClosureReason.DECEASED: 2,
        ClosureReason.DUPLICATE: 10,
        ClosureReason.OTHER: 13,
    }
)
CIRCUMSTANCES = _weighted(
    {
        Circumstance.LEFT_HOME: 40,
        Circumstance.LOST_IN_CROWD: 15,
        Circumstance.KIDNAPPING: 15,
        Circumstance.RAN_AWAY: 25,
        Circumstance.OTHER: 5,
    }
)
FOUND_BY = _weighted(
    {
        FoundBy.POLICE: 35,
        FoundBy.RAILWAY: 25,
        FoundBy.NGO: 15,
        FoundBy.CITIZEN: 15,
        FoundBy.CHILD_HELPLINE: 10,
    }
)
# Median height (cm) by age, from 2 to 17; girls are a little shorter from 13 on.
MEDIAN_HEIGHT = [87, 95, 102, 109, 115, 121, 127, 132, 137, 143, 149, 155, 160, 163, 165, 166]

MARK_COUNTS = _weighted({0: 25, 1: 50, 2: 25})
SIDES = ["left", "right"]
MARK_KINDS = {
    "mole": ["cheek", "chin", "forehead", "neck", "upper lip", "nose", "hand", "shoulder"],
    "black mole": ["cheek", "chin", "neck", "forehead"],
    "scar": ["forehead", "knee", "elbow", "chin", "eyebrow", "hand", "leg", "cheek"],
    "cut mark": ["forehead", "hand", "thumb", "knee"],
    "burn mark": ["hand", "arm", "leg", "neck", "foot"],
    "birthmark": ["back", "neck", "arm", "stomach", "thigh"],
    "tattoo of Om": ["hand", "forearm", "wrist"],
}
SIDED_PARTS = {"cheek", "hand", "knee", "elbow", "eyebrow", "leg", "arm", "foot", "thumb"}
SIDED_PARTS |= {"shoulder", "forearm", "wrist", "thigh"}
MARK_KIND_NAMES = list(MARK_KINDS)
SPECIAL_MARKS = [
    "pierced {side} ear",
    "missing front tooth",
    "six fingers on {side} hand",
    "squint in {side} eye",
    "limps on {side} leg",
    "stammers when speaking",
]
COLOURS = ["red", "blue", "green", "yellow", "white", "black", "grey", "pink", "orange", "brown"]
CLOTHES = {
    Sex.MALE: [
        "{c} T-shirt and {d} jeans",
        "{c} shirt and {d} half pant",
        "school uniform ({c} shirt, {d} trousers)",
        "{c} kurta and {d} pyjama",
        "{c} vest and {d} shorts",
    ],
    Sex.FEMALE: [
        "{c} frock",
        "{c} salwar kameez with {d} dupatta",
        "school uniform ({c} shirt, {d} skirt)",
        "{c} top and {d} leggings",
        "{c} lehenga and {d} blouse",
    ],
}
FOOTWEAR = ["", "", ", rubber slippers", ", black school shoes", ", barefoot", ", sandals"]
HAIR = {
    Sex.MALE: ["black, short", "black, very short", "black, curly", "brown, short", "shaved"],
    Sex.FEMALE: ["black, long, plaited", "black, shoulder length", "black, long", "brown, short"],
}
MEDICAL_NEEDS = [
    "Speech impairment",
    "Hearing impairment",
    "Epilepsy; needs daily medicine",
    "Intellectual disability",
    "Asthma",
]
CIRCUMSTANCE_DETAILS = {
    Circumstance.LEFT_HOME: [
        "Left for school in the morning and did not come back.",
        "Went to the shop nearby and did not return.",
        "Left home after a quarrel with the parents.",
    ],
    Circumstance.LOST_IN_CROWD: [
        "Separated from the family in the crowd at a festival.",
        "Lost at the railway station while the family boarded a train.",
    ],
    Circumstance.KIDNAPPING: [
        "Suspected to have been taken away by a labour contractor.",
        "Last seen with an unknown man on a motorcycle.",
    ],
    Circumstance.RAN_AWAY: [
        "Ran away from home with a friend; said he or she would go to the city for work.",
        "Ran away from the hostel at night.",
    ],
    Circumstance.OTHER: ["Went to play near the river and did not come home."],
}
OFFICER_RANKS = ["SI", "ASI", "Inspector"]

# A word ending in a bare consonant letter (Devanagari or Bengali) ends in a silent vowel,
# unless the letter ends a conjunct (कृष्ण is Krishna, not Krishn).
_ENDS_IN_CONSONANT = re.compile(
    "(?<![\u094d\u09cd])[\u0915-\u0939\u0958-\u095f\u0995-\u09b9\u09dc-\u09df]$"
)
_BENGALI_LETTERS = re.compile("[\u0980-\u09ff]")
_ANUSVARA_M = re.compile("(?<=[aeiou])m(?=[cdgjkst])")


@dataclass
class DemoReportsSummary:
    missing: int = 0
    found: int = 0
    true_pairs: list[tuple[int, int]] = field(default_factory=list)  # (missing id, found id)


def seed_demo_reports(
    count: int, *, seed: int = 2026, batch_size: int = 5000, pairs_csv: Path | None = None
) -> DemoReportsSummary:
    """File `count` demo reports in batches and return how many of each kind, and the pairs.

    Needs the directory and the demo units and officials (`seed_demo`). Each batch is one
    transaction. The true pairs are appended to `pairs_csv` (var/demo_true_pairs.csv by default).
    """
    summary = DemoReportsSummary()
    if count <= 0:
        return summary
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    maker = _ReportMaker(rng, seed=seed, count=count)
    writer = _ReportWriter()
    sizes = [min(batch_size, count - start) for start in range(0, count, batch_size)]
    # One thread draws the next batch while this one waits for PostgreSQL to store the last.
    with ThreadPoolExecutor(max_workers=1) as drawing:
        upcoming = [drawing.submit(maker.batch, size) for size in sizes[:1]]
        for number in range(len(sizes)):
            rows, positions = upcoming.pop().result()
            if number + 1 < len(sizes):
                upcoming.append(drawing.submit(maker.batch, sizes[number + 1]))
            ids = writer.write(rows)
            pairs = [(ids[missing], ids[found]) for missing, found in positions]
            _write_pairs(pairs_csv or TRUE_PAIRS_CSV, pairs)  # each batch is committed
            missing_count = sum(row["kind"] == ReportKind.MISSING for row in rows)
            summary.missing += missing_count
            summary.found += len(rows) - missing_count
            summary.true_pairs += pairs
    return summary


class _ReportWriter:
    """Stores rows of report fields with COPY, the fastest way into PostgreSQL.

    `bulk_create` turned out to manage about 550 reports a second for this wide model: Django
    and psycopg spend milliseconds per row building and parsing one huge INSERT. COPY into a
    temporary table, then one INSERT ... SELECT that also fills in the identification-mark
    search words, stores several thousand a second and leaves no dead rows behind.
    """

    STAGE = "demo_report_stage"

    def __init__(self):
        self.fields = [f for f in Report._meta.concrete_fields if f.attname != "marks_search"]
        self.attnames = [f.attname for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        quote = connection.ops.quote_name
        self.table = quote(Report._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in self.fields)

    def write(self, rows: list[dict]) -> list[int]:
        """Store the rows as new reports, in one transaction, and return their ids in order."""
        unknown = set(rows[0]) - set(self.attnames) if rows else set()
        if unknown:
            raise ValueError(f"Not fields of a report: {sorted(unknown)}")
        defaults = self.defaults
        for row in rows:
            # Kept by the portal on every save (reports.services), so here too; read before
            # the COPY, which holds the connection until it ends.
            home = home_of({name: row.get(name, defaults[name]) for name in HOME_FIELDS})
            row["home_district_ids"] = sorted(home.districts)
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Report._meta.db_table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.STAGE} (LIKE {self.table})")
            cursor.execute(f"TRUNCATE {self.STAGE}")
            with cursor.copy(f"COPY {self.STAGE} ({self.columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, rows, strict=True):
                    row["id"] = pk
                    copy.write_row([row.get(name, defaults[name]) for name in self.attnames])
            cursor.execute(
                f"INSERT INTO {self.table} ({self.columns}, marks_search) "  # noqa: S608 - Django's names
                f"SELECT {self.columns}, to_tsvector('simple', identification_marks) "
                f"FROM {self.STAGE}"
            )
            # The filing form's consent becomes records, as filing does (file_report).
            cursor.execute(
                f"INSERT INTO {quote(Consent._meta.db_table)} (report_id, purpose, "  # noqa: S608 - Django's names
                "given_by_kind, given_by_name, method, given_at, recorded_at, withdrawal_note) "
                "SELECT id, purpose, %s, '', %s, created_at, created_at, '' "
                f"FROM {self.STAGE} CROSS JOIN unnest(%s::text[]) AS purpose "
                "WHERE publication_consent",
                [ConsentGiver.NOT_STATED, ConsentMethod.FORM, list(FILING_CONSENT_PURPOSES)],
            )
        return ids


def _write_pairs(path: Path, pairs: list[tuple[int, int]]) -> None:
    """Append the pairs, naming the database, so pairs of an older database can be told apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    database = connection.settings_dict["NAME"]
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new_file:
            writer.writerow(["database", "missing_id", "found_id"])
        writer.writerows((database, missing, found) for missing, found in pairs)


@lru_cache(maxsize=100_000)
def _word_keys(word: str) -> tuple[str, ...]:
    return tuple(name_keys(word))


def demo_name_keys(*names: str) -> list[str]:
    """`name_keys(*names)`, remembered word by word: names come from small pools."""
    return sorted({key for name in names for word in name.split() for key in _word_keys(word)})


@lru_cache(maxsize=100_000)
def _name_form(name: str) -> str:
    return normalise_name(name)


@lru_cache(maxsize=20_000)
def romanise(native: str) -> str:
    """How a Devanagari or Bengali name is usually spelled in Latin letters ("Dayaram")."""
    words = []
    for word in native.split():
        latin = to_latin(word).replace(" ", "").replace("rri", "ri")  # ऋ: Krishna, not Krrishna
        bengali = _BENGALI_LETTERS.search(word)
        if bengali:
            latin = latin.replace("v", "b")  # Bengali has no v: বিশাল is Bishal
        if _ENDS_IN_CONSONANT.search(word) and len(latin) > 2 and latin.endswith("a"):
            latin = latin[:-1]  # the inherent vowel is not spoken at the end of a name
        words.append(_ANUSVARA_M.sub("n", latin).capitalize())
    return " ".join(word for word in words if word)


_VARIANTS = [
    ("ee", "i"),
    ("i", "ee"),
    ("oo", "u"),
    ("u", "oo"),
    ("v", "b"),
    ("w", "v"),
    ("sh", "s"),
    ("th", "t"),
    ("t", "th"),
    ("ph", "f"),
    ("aa", "a"),
    ("ou", "au"),
    ("au", "ou"),
    ("kh", "k"),
    ("dh", "d"),
    ("bh", "b"),
    ("y", "i"),
    ("z", "j"),
    ("q", "k"),
]


def spelling_variant(name: str, rng: random.Random) -> str:
    """Another everyday Latin spelling of a name (Pooja/Puja, Vishal/Bishal, Ankit/Ankith)."""
    lower = name.lower()
    options = [(old, new) for old, new in _VARIANTS if old in lower[1:]]
    if lower.endswith("a") and len(lower) > 3:
        options.append(("a$", ""))
    elif lower[-1:] not in "aeiouy" and len(lower) > 2:
        options.append(("$", "a"))
    if not options:
        return name
    old, new = rng.choice(options)
    if old.endswith("$"):
        lower = lower[: len(lower) - len(old) + 1] + new
    else:
        at = lower.index(old, 1)
        lower = lower[:at] + new + lower[at + len(old) :]
    return " ".join(word.capitalize() for word in lower.split())


@dataclass
class _Child:
    """What stays the same when one child is reported missing and later found."""

    sex: str
    age: int
    script: str  # "latin", "deva" or "beng"
    first: str  # in the name's own script
    last: str
    nickname: tuple[str, str, str] | None
    language: str
    marks: list[tuple[str, str, str]]  # (kind, side, body part)
    height: int | None
    build: str
    complexion: str
    eye_colour: str
    hair: str
    clothing: str
    father_first: str
    home_district: int


class _ReportMaker:
    """Makes the field values of reports from pre-drawn pools; all randomness from one `rng`.

    The `count` reports are made oldest first, a batch covering the next stretch of the last
    three years, and each batch is stored in the order the reports were filed: on a live portal
    the table's rows lie roughly in date order too, which the query planner counts on.
    """

    def __init__(self, rng: random.Random, *, seed: int, count: int):
        self.rng = rng
        self.now = timezone.now()
        self.earliest = self.now - timedelta(days=365 * YEARS_BACK)
        self.count, self.made = count, 0
        self.stretch = (0.0, 1.0)  # of the time between `earliest` and two hours ago
        self._load_directory()
        self._load_names(seed)
        self.fir_serials = self._last_fir_serials()

    # --- set-up ------------------------------------------------------------------------

    def _load_directory(self) -> None:
        districts = list(
            District.objects.current().values_list("pk", "state_id", "lgd_code", "name_en")
        )
        if not districts:
            raise ValueError("Load the LGD directory first (manage.py load_lgd).")
        self.district_pks = [pk for pk, _state, _code, _name in districts]
        self.state_of = {pk: state for pk, state, _code, _name in districts}
        self.district_name = {pk: name for pk, _state, _code, name in districts}
        self.lgd_of = {pk: code for pk, _state, code, _name in districts}
        state_lgd = dict(District.objects.values_list("state_id", "state__lgd_code"))
        self.language_of = {
            pk: STATE_LANGUAGES.get(state_lgd[state], Language.HINDI)
            for pk, state, _code, _name in districts
        }
        by_state = defaultdict(list)
        for pk, state, _code, _name in districts:
            by_state[state].append(pk)
        self.districts_in_state = dict(by_state)

        units = list(
            Unit.objects.filter(
                unit_type__in=_FOUND_OWNER_TYPES, is_active=True, district__isnull=False
            ).values_list("pk", "unit_type", "district_id")
        )
        self.unit_district = {pk: district for pk, _type, district in units}
        missing_units = [pk for pk, kind, _d in units if kind in _MISSING_OWNER_TYPES]
        if not missing_units:
            raise ValueError("Create the demo police stations first (manage.py seed_demo).")
        self.missing_units = self._spread_over_districts(missing_units)
        self.found_units = self._spread_over_districts([pk for pk, _kind, _d in units])
        self.ccis = [pk for pk, kind, _d in units if kind in CCI_UNIT_TYPES]
        self.units_near = defaultdict(list)  # by district and by State/UT
        for pk, _kind, district in units:
            self.units_near[district].append(pk)
            self.units_near[("state", self.state_of[district])].append(pk)

        officials = User.objects.exclude(roles=[]).filter(unit__isnull=False)
        self.filer_of = dict(officials.order_by("-pk").values_list("unit_id", "pk"))
        fallback = (
            User.objects.filter(username="police_capital").first()
            or officials.filter(roles__contains=[Role.POLICE_OFFICER]).first()
            or officials.first()
            or User.objects.filter(is_superuser=True).first()
        )
        if fallback is None:
            raise ValueError("Create the demo officials first (manage.py seed_demo).")
        self.fallback_filer = fallback.pk

    def _spread_over_districts(self, units: list[int]) -> tuple[list, list[float]]:
        """Units weighted so that each district has the same share, however many units it has."""
        per_district = defaultdict(int)
        for pk in units:
            per_district[self.unit_district[pk]] += 1
        return _weighted({pk: 1 / per_district[self.unit_district[pk]] for pk in units})

    def _unit_near(self, district: int) -> int:
        """A unit that may file a found report in this district, else in its State/UT, else any."""
        nearby = self.units_near.get(district) or self.units_near.get(
            ("state", self.state_of[district])
        )
        return self.rng.choice(nearby) if nearby else _pick(self.rng, self.found_units)

    def _load_names(self, seed: int) -> None:
        """Pools of Faker names per script, sex and part (with repeats, as names repeat)."""
        self.names = {}
        for script, locale in (("latin", "en_IN"), ("deva", "hi_IN"), ("beng", "bn_BD")):
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.names[script] = {
                Sex.MALE: [fake.first_name_male() for _ in range(NAME_POOL_DRAWS)],
                Sex.FEMALE: [fake.first_name_female() for _ in range(NAME_POOL_DRAWS)],
                "last": [fake.last_name() for _ in range(NAME_POOL_DRAWS)],
            }
        itrans = sanscript.ITRANS
        self.nicknames = {
            sex: [
                {
                    "latin": latin,
                    "deva": sanscript.transliterate(hindi, itrans, sanscript.DEVANAGARI),
                    "beng": sanscript.transliterate(bangla, itrans, sanscript.BENGALI),
                }
                for latin, hindi, bangla in names
            ]
            for sex, names in NICKNAMES.items()
        }

    @staticmethod
    def _last_fir_serials() -> dict[tuple[int, str, int], int]:
        """The highest "serial/year" FIR number so far per station, kind and year."""
        numbered = (
            Report.objects.filter(
                kind=ReportKind.MISSING, fir_number__regex=r"^[0-9]{1,9}/[0-9]{4}$"
            )
            .annotate(
                serial=Cast(
                    Func(F("fir_number"), Value("/"), Value(1), function="split_part"),
                    IntegerField(),
                )
            )
            .values_list("owning_unit_id", "registration_kind", "fir_year")
            .annotate(last=Max("serial"))
        )
        return {(unit, kind, year): last for unit, kind, year, last in numbered}

    # --- batches -------------------------------------------------------------------------

    def batch(self, size: int) -> tuple[list[dict], list[tuple[int, int]]]:
        """The next `size` reports, in filing order, and the positions of the true pairs."""
        rng = self.rng
        self.stretch = (self.made / self.count, (self.made + size) / self.count)
        self.made += size
        missing_count = round(size * MISSING_SHARE)
        found_count = size - missing_count
        pair_count = min(found_count, round(missing_count * TRUE_PAIR_SHARE))
        missing = [self._missing() for _ in range(missing_count)]
        twins = rng.sample(range(missing_count), pair_count)
        for i in twins:  # still sought: the pair is there for the matching to find
            missing[i][0].update(status=Status.OPEN, closure_reason="")
            missing[i][0]["updated_at"] = missing[i][0]["created_at"]
        found = [self._twin_of(*missing[i]) for i in twins]
        found += [
            self._found(self._child(ReportKind.FOUND)) for _ in range(found_count - len(found))
        ]
        rows = [row for row, _child in missing] + found
        order = sorted(range(size), key=lambda old: rows[old]["created_at"])
        position = {old: new for new, old in enumerate(order)}
        pairs = [(position[m], position[missing_count + n]) for n, m in enumerate(twins)]
        return [rows[old] for old in order], pairs

    # --- the child -----------------------------------------------------------------------

    def _child(self, kind: str, home_district: int | None = None) -> _Child:
        rng = self.rng
        missing = kind == ReportKind.MISSING
        sex = _pick(rng, MISSING_SEX if missing else FOUND_SEX)
        age = _pick(rng, MISSING_AGES if missing else FOUND_AGES)
        named_sex = sex if sex in NICKNAMES else rng.choice([Sex.MALE, Sex.FEMALE])
        script = _pick(rng, SCRIPTS)
        pool = self.names[script]
        home = home_district or rng.choice(self.district_pks)
        language = {"deva": Language.HINDI, "beng": Language.BENGALI}.get(script)
        if language is None or rng.random() < 0.2:
            language = self.language_of[home]
        height = None
        if rng.random() < 0.85:
            median = MEDIAN_HEIGHT[age - 2] - (4 if sex == Sex.FEMALE and age >= 13 else 0)
            height = max(60, round(rng.gauss(median, 6)))
        return _Child(
            sex=sex,
            age=age,
            script=script,
            first=rng.choice(pool[named_sex]),
            last=rng.choice(pool["last"]),
            nickname=rng.choice(self.nicknames[named_sex]) if rng.random() < 0.3 else None,
            language=language,
            marks=self._marks(),
            height=height,
            build=rng.choice(BUILDS),
            complexion=rng.choice(COMPLEXIONS),
            eye_colour=_pick(rng, EYE_COLOURS),
            hair=rng.choice(HAIR[named_sex]) if rng.random() < 0.8 else "",
            clothing=self._clothing(named_sex),
            father_first=rng.choice(pool[Sex.MALE]),
            home_district=home,
        )

    def _marks(self) -> list[tuple[str, str, str]]:
        rng = self.rng
        marks = []
        for _ in range(_pick(rng, MARK_COUNTS)):
            if rng.random() < 0.12:
                mark = ("special", rng.choice(SIDES), rng.choice(SPECIAL_MARKS))
            else:
                kind = rng.choice(MARK_KIND_NAMES)
                part = rng.choice(MARK_KINDS[kind])
                mark = (kind, rng.choice(SIDES) if part in SIDED_PARTS else "", part)
            if mark not in marks:
                marks.append(mark)
        return marks

    def _clothing(self, sex: str) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return ""
        first, second = rng.sample(COLOURS, 2)
        return rng.choice(CLOTHES[sex]).format(c=first, d=second) + rng.choice(FOOTWEAR)

    # --- names ---------------------------------------------------------------------------

    @staticmethod
    def _spell(native: str, script: str, *, latin: bool) -> str:
        return romanise(native) if latin and script != "latin" else native

    def _names_of(self, child: _Child, *, with_surname: bool) -> tuple[str, str, str]:
        """(full_name, other_names, name_local) as the family gives them."""
        native = f"{child.first} {child.last}" if with_surname else child.first
        latin = child.script == "latin" or self.rng.random() < 0.55
        full_name = self._spell(native, child.script, latin=latin)
        name_local = "" if child.script == "latin" else native
        other_names = child.nickname["latin" if latin else child.script] if child.nickname else ""
        return full_name, other_names, name_local

    # --- places, times and people --------------------------------------------------------

    def _event_district(self, unit: int) -> int:
        """Mostly the unit's own district, sometimes elsewhere in its State/UT or in India."""
        rng = self.rng
        roll = rng.random()
        home = self.unit_district[unit]
        if roll < 0.6:
            return home
        if roll < 0.75:
            return rng.choice(self.districts_in_state[self.state_of[home]])
        return rng.choice(self.district_pks)

    def _place(self, district: int) -> dict:
        rng = self.rng
        localities, pins = DEMO_PLACES.get(self.lgd_of[district], (GENERIC_LOCALITIES, []))
        return {
            "event_district_id": district,
            "event_state_id": self.state_of[district],
            "event_locality": rng.choice(localities) if rng.random() < 0.85 else "",
            "event_pin_code": rng.choice(pins) if pins and rng.random() < 0.5 else "",
            "event_landmark": rng.choice(LANDMARKS) if rng.random() < 0.4 else "",
        }

    def _event_at(self) -> datetime:
        """A minute in this batch's stretch of the last three years, up to two hours ago."""
        span = (self.now - self.earliest).total_seconds() - 7200
        start, end = self.stretch
        share = start + self.rng.random() * (end - start)
        return _minute(self.earliest + timedelta(seconds=share * span))

    def _later(self, moment: datetime, low_hours: float, high_hours: float) -> datetime:
        hours = self.rng.uniform(low_hours, high_hours)
        return _minute(min(moment + timedelta(hours=hours), self.now))

    def _phone(self) -> str:
        rng = self.rng
        number = f"{rng.choice('6789')}{rng.randrange(10**9):09d}"
        return f"+91 {number[:5]} {number[5:]}" if rng.random() < 0.3 else number

    def _status(self, kind: str, event_at: datetime) -> tuple[str, str]:
        rng = self.rng
        if (self.now - event_at).days < 30 and rng.random() < 0.9:
            return Status.OPEN, ""
        status = _pick(rng, MISSING_STATUSES if kind == ReportKind.MISSING else FOUND_STATUSES)
        return status, _pick(rng, CLOSURE_REASONS) if status == Status.CLOSED else ""

    def _filed(self, unit: int, at: datetime, status: str) -> dict:
        """Who filed the report and when; a report that moved on was last changed later."""
        changed = at if status == Status.OPEN else self._later(at, 24, 24 * 90)
        return {
            "owning_unit_id": unit,
            "created_by_id": self.filer_of.get(unit, self.fallback_filer),
            "created_at": at,
            "updated_at": changed,
        }

    # --- reports -------------------------------------------------------------------------

    def _child_fields(self, child: _Child, marks_text: str) -> dict:
        rng = self.rng
        languages = [child.language]
        if child.language != Language.HINDI and rng.random() < 0.3:
            languages.append(Language.HINDI)
        if child.age >= 8 and rng.random() < 0.2:
            languages.append(Language.ENGLISH)
        return {
            "sex": child.sex,
            "height_cm": child.height,
            "build": child.build,
            "complexion": child.complexion,
            "eye_colour": child.eye_colour,
            "hair": child.hair,
            "identification_marks": marks_text,
            "clothing": child.clothing,
            "languages": languages,
            "medical_needs": rng.choice(MEDICAL_NEEDS) if rng.random() < 0.03 else "",
        }

    def _names_fields(self, full_name: str, other_names: str, name_local: str) -> dict:
        forms = [form for form in map(_name_form, (full_name, other_names, name_local)) if form]
        return {
            "full_name": full_name,
            "other_names": other_names,
            "name_local": name_local,
            "name_keys": demo_name_keys(full_name, other_names, name_local),
            "name_forms": forms,
            "name_words": name_words(forms),
        }

    def _missing(self) -> tuple[dict, _Child]:
        rng = self.rng
        unit = _pick(rng, self.missing_units)
        home = self._event_district(unit) if rng.random() < 0.3 else self.unit_district[unit]
        child = self._child(ReportKind.MISSING, home_district=home)
        event_at = self._event_at()
        registered_at = self._later(event_at, 0.75, 12)
        fir_year = timezone.localtime(registered_at).year
        registration = RegistrationKind.FIR if rng.random() < 0.8 else RegistrationKind.GD
        key = (unit, registration, fir_year)
        self.fir_serials[key] = serial = self.fir_serials.get(key, 0) + 1
        status, reason = self._status(ReportKind.MISSING, event_at)
        names = self._names_of(child, with_surname=rng.random() < 0.95)
        latin = not names[2] or names[0] != names[2]  # family names in the same script
        surname = self._spell(child.last, child.script, latin=latin)
        father = self._spell(child.father_first, child.script, latin=latin)
        mother = self._spell(
            rng.choice(self.names[child.script][Sex.FEMALE]), child.script, latin=latin
        )
        latin_names = self.names["latin"]
        officer = " ".join(
            [
                rng.choice(OFFICER_RANKS),
                rng.choice(latin_names[Sex.MALE]),
                rng.choice(latin_names["last"]),
            ]
        )
        date_of_birth = None
        if rng.random() < 0.4:
            days = child.age * 365.25 + rng.randrange(360)
            date_of_birth = timezone.localtime(event_at - timedelta(days=days)).date()
            child.age = _years_between(date_of_birth, timezone.localtime(event_at).date())
        circumstance = _pick(rng, CIRCUMSTANCES)
        place = self._event_district(unit) if rng.random() < 0.5 else child.home_district
        row = {
            "kind": ReportKind.MISSING,
            "status": status,
            "closure_reason": reason,
            "registration_kind": registration,
            "fir_number": f"{serial}/{fir_year}",
            "fir_registered_at": registered_at,
            "fir_year": fir_year,
            "investigating_officer": officer,
            "investigating_officer_phone": self._phone(),
            "date_of_birth": date_of_birth,
            "age_min": child.age,
            "age_max": child.age,
            "mother_tongue": child.language,
            "school_class": f"Class {child.age - 5}"
            if 6 <= child.age <= 16 and rng.random() < 0.5
            else "",
            "father_name": f"{father} {surname}" if rng.random() < 0.9 else "",
            "father_phone": self._phone() if rng.random() < 0.8 else "",
            "mother_name": f"{mother} {surname}" if rng.random() < 0.85 else "",
            "mother_phone": self._phone() if rng.random() < 0.5 else "",
            "permanent_state_id": self.state_of[child.home_district],
            "permanent_district_id": child.home_district,
            "permanent_locality": rng.choice(GENERIC_LOCALITIES),
            "event_at": event_at,
            "circumstances": circumstance,
            "circumstances_detail": rng.choice(CIRCUMSTANCE_DETAILS[circumstance])
            if rng.random() < 0.7
            else "",
            "publication_consent": rng.random() < 0.5,
            **self._names_fields(*names),
            **self._place(place),
            **self._child_fields(child, _marks_text(child.marks, rng.randrange(3))),
            **self._filed(unit, registered_at, status),
        }
        return row, child

    def _told_home(self, child: _Child) -> str:
        """Some children name their home district when asked; more name a street or nothing
        the directory knows."""
        draw = self.rng.random()
        if draw < 0.15:
            return self.district_name[child.home_district]
        return self.rng.choice(GENERIC_LOCALITIES) if draw < 0.3 else ""

    def _found(
        self,
        child: _Child,
        *,
        names: tuple[str, str, str] | None = None,
        district: int | None = None,
        event_at: datetime | None = None,
        ages: tuple[int, int] | None = None,
        told_parents: str = "",
        status: tuple[str, str] | None = None,
    ) -> dict:
        rng = self.rng
        if district is None:
            unit = _pick(rng, self.found_units)
            district = self._event_district(unit)
        else:
            unit = self._unit_near(district)
        event_at = event_at or self._event_at()
        if names is None:
            with_name = rng.random() < 0.75
            names = (
                self._names_of(child, with_surname=rng.random() < 0.5)
                if with_name
                else ("", "", "")
            )
        status, reason = status or self._status(ReportKind.FOUND, event_at)
        placement = Placement.NOT_PLACED
        if status == Status.RESTORED:
            placement = Placement.FAMILY
        elif self.ccis and rng.random() < 0.7:
            placement = Placement.CCI
        in_cci = placement == Placement.CCI
        father = self._spell(child.father_first, child.script, latin=True)
        ages = ages or _apparent_ages(child.age, rng)
        return {
            "kind": ReportKind.FOUND,
            "status": status,
            "closure_reason": reason,
            "age_min": ages[0],
            "age_max": ages[1],
            "event_at": event_at,
            "found_by": _pick(rng, FOUND_BY),
            "told_parent_names": told_parents,
            "told_home_place": self._told_home(child),
            "told_language": child.language if rng.random() < 0.85 else "",
            "placement": placement,
            "placed_at_id": rng.choice(self.ccis) if in_cci else None,
            "cwc_order_reference": f"CWC/{event_at.year}/{rng.randrange(1, 999)}"
            if in_cci and rng.random() < 0.6
            else "",
            "handed_over_to": f"Father, {father}" if placement == Placement.FAMILY else "",
            "publication_consent": rng.random() < 0.3,
            **self._names_fields(*names),
            **self._place(district),
            **self._child_fields(child, _marks_text(child.marks, rng.randrange(3))),
            **self._filed(unit, self._later(event_at, 1, 12), status),
        }

    def _twin_of(self, missing: dict, child: _Child) -> dict:
        """The same child, found later in the same State/UT and described by someone else."""
        rng = self.rng
        room = (self.now - missing["event_at"]).total_seconds()
        later = min(rng.uniform(3 * 3600, 120 * 86400), room * rng.uniform(0.3, 0.99))
        event_at = _minute(missing["event_at"] + timedelta(seconds=later))
        home = missing["event_district_id"]
        district = (
            home if rng.random() < 0.6 else rng.choice(self.districts_in_state[self.state_of[home]])
        )
        twin = replace(child)
        if len(twin.marks) > 1 and rng.random() < 0.3:
            twin.marks = [rng.choice(twin.marks)]  # whoever found the child noticed only one
        if twin.height and rng.random() < 0.7:
            twin.height += rng.randint(-3, 3)
        else:
            twin.height = None
        if rng.random() < 0.5:
            twin.clothing = self._clothing(child.sex if child.sex in CLOTHES else Sex.MALE)
        told_parents = ""
        if rng.random() < 0.4:
            father = self._spell(child.father_first, child.script, latin=rng.random() < 0.6)
            told_parents = f"Father: {father}"
        return self._found(
            twin,
            names=self._told_names(child),
            district=district,
            event_at=event_at,
            ages=_apparent_ages(child.age, rng, spread=1),
            told_parents=told_parents,
            status=(Status.OPEN, ""),
        )

    def _told_names(self, child: _Child) -> tuple[str, str, str]:
        """The name a found child gives: often none, often a first name, spelled another way."""
        rng = self.rng
        roll = rng.random()
        nickname = child.nickname["latin"] if child.nickname and rng.random() < 0.5 else ""
        if roll < 0.3:
            return "", nickname, ""
        surname = rng.random() < 0.4
        if child.script == "latin":
            first = spelling_variant(child.first, rng) if roll < 0.8 else child.first
            return (f"{first} {child.last}" if surname else first), nickname, ""
        native = f"{child.first} {child.last}" if surname else child.first
        if roll < 0.55:  # written down in the child's own script
            return native, "", native
        latin = romanise(native)
        return (spelling_variant(latin, rng) if roll < 0.8 else latin), nickname, ""


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _apparent_ages(age: int, rng: random.Random, *, spread: int = 0) -> tuple[int, int]:
    """An exact age, or a range such as 8-10, as whoever found the child judged it."""
    guess = min(17, max(0, age + rng.randint(-spread, spread)))
    if rng.random() < 0.4:
        return guess, guess
    return max(0, guess - 1), min(17, guess + 1)


def _marks_text(marks: list[tuple[str, str, str]], style: int) -> str:
    """The marks as an official writes them; a twin's report uses another style, same marks."""
    parts = []
    for kind, side, part in marks:
        if kind == "special":
            words = part.format(side=side)
        elif style == 0:
            words = f"{kind} on {side} {part}"
        elif style == 1:
            words = f"{kind}, {side} {part}"
        else:
            words = f"{side} {part} {kind}"
        parts.append(" ".join(words.split()))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _years_between(born, on) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
