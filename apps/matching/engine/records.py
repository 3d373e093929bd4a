"""The engine's plain view of one child report, and the evidence it returns about a pair.

Nothing here knows about Django: the portal turns a stored report into a ChildRecord
(apps/matching/records.py), and the evaluation tools build them from CSV files.
"""

import datetime
import hashlib
import math
from dataclasses import dataclass, field

from apps.matching.engine.messages import Message

MISSING = "missing"
FOUND = "found"
SIDES = (MISSING, FOUND)

# Sex as the engine reads it: only a boy and a girl exclude each other. "O" (other, "T" in the
# portal) and "U" (not known) are compatible with everything.
MALE, FEMALE = "M", "F"
DECIDED_SEXES = frozenset({MALE, FEMALE})


@dataclass(frozen=True, slots=True)
class ChildRecord:
    """What one missing or found report says about the child, all of it optional but `id`.

    `age_min`/`age_max` are the age when the child went missing (missing side) or the apparent
    age when found (found side); `event_date` is the date missing or found; `birth_date` the
    date of birth, when a document or the family gives it. On the found side
    the child's own account of the parents' names goes into the parents' fields.
    """

    id: str
    side: str
    name: str = ""
    local_name: str = ""
    other_names: str = ""
    sex: str = "U"
    age_min: float | None = None
    age_max: float | None = None
    event_date: datetime.date | None = None
    state: str = ""
    district: str = ""
    place: str = ""
    height_cm: float | None = None
    complexion: str = ""
    identification_marks: str = ""
    # Out of the repr: a set's order changes with the process's hash seed (see pair_fingerprint).
    languages: frozenset[str] = field(default=frozenset(), repr=False)
    father_name: str = ""
    mother_name: str = ""
    guardian_name: str = ""
    face: tuple[float, ...] | None = None
    # Out of the repr, which pairs are fingerprinted with (pair_fingerprint): pairs stored
    # before the engine read dates of birth keep their fingerprints.
    birth_date: datetime.date | None = field(default=None, repr=False)
    # Home: for a missing child the districts where she lived or went missing, "District,
    # State/UT" as `district`, and their States/UTs; for a found child those she named when
    # asked (apps.matching.engine.places), in her own words in `home_told`. Out of the repr
    # (pair_fingerprint adds them when given): pairs stored before the engine read them keep
    # their fingerprints.
    home_districts: frozenset[str] = field(default=frozenset(), repr=False)
    home_states: frozenset[str] = field(default=frozenset(), repr=False)
    home_told: str = field(default="", repr=False)
    # A found child who said nothing of home has her family's address on the report as her
    # home, its districts in `home_told` too (which pairs are fingerprinted with).
    home_from_address: bool = field(default=False, repr=False)

    def __post_init__(self):
        if self.side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, not {self.side!r}")


def pair_fingerprint(missing: ChildRecord, found: ChildRecord) -> str:
    """What a pair's two records said when it was scored, the same in every process: a rejected
    pair is looked at again only once either record says something new."""
    said = [(record, sorted(record.languages), *_home(record)) for record in (missing, found)]
    return hashlib.sha256(repr(said).encode()).hexdigest()


def _home(record: ChildRecord) -> tuple:
    if not (record.home_districts or record.home_states or record.home_told):
        return ()
    return (sorted(record.home_districts), sorted(record.home_states), record.home_told)


def decided_sex(record: ChildRecord) -> str:
    """'M' or 'F', or '' when the record leaves the sex open (unknown, other, blank)."""
    sex = (record.sex or "").strip().upper()[:1]
    return sex if sex in DECIDED_SEXES else ""


def age_range(record: ChildRecord) -> tuple[float, float] | None:
    """(youngest, oldest) age the record allows, or None when it gives no age at all.

    One bound alone stands for both; bounds typed the wrong way round are put in order.
    """
    given = [age for age in (record.age_min, record.age_max) if _is_number(age)]
    if not given:
        return None
    return (float(min(given)), float(max(given)))


def known_height(record: ChildRecord) -> float | None:
    return float(record.height_cm) if _is_number(record.height_cm) else None


def _is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence about a pair.

    `weight` is the most this kind of evidence could add to the log-odds for this pair,
    `similarity` is 0..1 (None when one side does not say), `contribution` is what it actually
    added (negative when it speaks against the match; 0 when unknown), `detail` says why in
    English and `message` says the same as a code with parameters, for translation
    (messages.py).
    """

    key: str
    weight: float
    similarity: float | None
    detail: str
    contribution: float = 0.0
    message: Message | None = None

    def as_dict(self) -> dict:
        """JSON for the portal; "code" and "params" (when there is a message) let it show the
        detail in the reader's language, "detail" is the English."""
        data = {
            "key": self.key,
            "weight": round(self.weight, 2),
            "similarity": None if self.similarity is None else round(self.similarity, 3),
            "detail": self.detail,
            "contribution": round(self.contribution, 2),
        }
        if self.message is not None:
            data.update(self.message.as_dict())
        return data


@dataclass(frozen=True, slots=True)
class MatchScore:
    """How likely two reports are the same child: `score` 0..100 and the evidence behind it."""

    score: float
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 1),
            "evidence": [item.as_dict() for item in self.evidence],
        }

    @property
    def log_odds(self) -> float:
        """The summed contributions, before calibration (see scoring.calibrated_score)."""
        return sum(item.contribution for item in self.evidence)

    def evidence_for(self, key: str) -> Evidence | None:
        return next((item for item in self.evidence if item.key == key), None)
