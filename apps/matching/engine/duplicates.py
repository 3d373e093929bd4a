"""Two reports of the same side that may be one child reported twice: missing at two police
stations (or by the family and by a citizen), or found by the police and registered again by a
Child Welfare Committee.

A missing and a found report describe two moments of a child's life: the engine ages the
missing child by the time between them, weighs a short time between going missing and being
found, and expects a found child far from home. Two reports of one side describe the *same*
moment twice, so some evidence means something else and is weighed here with its own numbers:

- dates: the two dates should nearly agree, in either order (a report is often filed days
  later, with a last-seen or found date typed from memory); a month apart counts against two
  missing reports (another disappearance), months apart mildly against two found reports;
- age: both ages are the same kind of estimate (a family's age in completed years, or an
  official's guess at a found child's age), so they are compared directly, the earlier report's
  age moved on by the time between them; a family's age is precise, a guess is not;
- place: two reports of one child are mostly filed in the same district; another State/UT
  counts against, where for a match it hardly does;
- height: the earlier height grown by the time between;
- parents: on two missing reports both sets of names come from the family, so every parent one
  report names should be among the other's, and one who clearly is not counts against as a
  different surname does.

Name, sex, languages, marks, complexion and face mean what they mean for a match; name, sex
and face are weighed the same way, the others with the weights they had before the match
weights were fitted (DUPLICATE_KINDS). The sum goes through a logistic curve of its own
(DUPLICATE_CURVE): the one matches had when the duplicate threshold was set and measured
(benchmarks/bench_duplicates_quality.py); the matches' curve was refitted with their weights
(docs/matching.md).
"""

import math
from typing import NamedTuple

from apps.matching.engine.evidence import (
    AGE_PENALTY,
    COMPLEXION_WEIGHT,
    DAYS_PER_YEAR,
    HEIGHT_WEIGHT,
    KINDS,
    LANGUAGE_WEIGHT,
    MARKS_WEIGHT,
    NAME_DIFFERENT_WORD,
    PARENT_MATCHED,
    PARENT_PIVOT,
    SAME_DISTRICT,
    SAME_SIDE_AGE_EXCLUSION_MARGIN,
    SAME_STATE,
    UNKNOWN_ELAPSED_YEARS,
    Kind,
    Measure,
    _parent_similarity,
    ages_irreconcilable,
    contribution,
    duration,
    elapsed_days,
    measure_height,
    measure_parents,
    measure_place,
)
from apps.matching.engine.faces import face_distance
from apps.matching.engine.messages import Message, message
from apps.matching.engine.profile import Profile, read_profile
from apps.matching.engine.records import MISSING, ChildRecord, MatchScore
from apps.matching.engine.scoring import Curve, calibrated_score, explain_pair, pair_log_odds

# Summed evidence 8.45 is a duplicate score of 50 (services.DUPLICATE_THRESHOLD): about one
# chance in four on the duplicates' evaluation set.
DUPLICATE_CURVE = Curve(slope=1.1, intercept=-9.3)


def ordered(one: Profile, other: Profile) -> tuple[Profile, Profile]:
    """The earlier report first; the given order when the dates are equal or not known."""
    if one.day is not None and other.day is not None and other.day < one.day:
        return other, one
    return one, other


def duplicate_exclusion(first: Profile, second: Profile) -> str | None:
    """Why two reports of one side (`ordered`) cannot be the same child, or None."""
    if first.record.side != second.record.side:
        raise ValueError("a duplicate is two reports of the same side")
    if first.sex and second.sex and first.sex != second.sex:
        return "a boy and a girl"
    if first.ages is not None and second.ages is not None:
        gap, tolerance = ages_apart_again(first, second)
        if ages_irreconcilable(gap, tolerance, SAME_SIDE_AGE_EXCLUSION_MARGIN):
            return f"ages {gap:.0f} years apart"
    return None


def score_duplicate(one: ChildRecord, other: ChildRecord) -> MatchScore | None:
    """How likely two reports of the same side are one child reported twice; None when a hard
    filter rules the pair out (a boy and a girl, ages irreconcilable)."""
    first, second = ordered(read_profile(one), read_profile(other))
    if duplicate_exclusion(first, second) is not None:
        return None
    return explain_duplicate(first, second, face_distance(one.face, other.face))


def duplicate_log_odds(
    first: Profile, second: Profile, distance: float | None, *, floor: float = -math.inf
) -> float | None:
    """The summed contributions, as pair_log_odds; None when they cannot reach `floor`. Two
    missing reports both name the parents, and comparing every parent with every parent costs
    more than all else: parents come last, and are skipped when even their full weight could
    not lift the pair to `floor` (most candidates of a district)."""
    total = pair_log_odds(first, second, distance, kinds=_BEFORE_PARENTS)
    if total + BOTH_PARENTS_AGAIN_WEIGHT < floor:
        return None
    parents = measure_parents_again(first, second)
    return total + (parents.value if parents is not None else 0.0)


def duplicate_score(log_odds: float) -> float:
    """A duplicate pair's 0-100 score from its summed evidence (DUPLICATE_CURVE)."""
    return calibrated_score(log_odds, DUPLICATE_CURVE)


def explain_duplicate(first: Profile, second: Profile, distance: float | None) -> MatchScore:
    return explain_pair(first, second, distance, kinds=DUPLICATE_KINDS, curve=DUPLICATE_CURVE)


# --- dates -----------------------------------------------------------------------------------


class DatesAgain(NamedTuple):
    """How the days between two reports of one side weigh: `weight` up to `close` days,
    neither for nor against at `neutral`, `-penalty` from `far` on (log-linear between)."""

    weight: float
    close: int
    neutral: int
    far: int
    penalty: float

    def similarity(self, days: int) -> float:
        counted = max(days, self.close)
        return max(0.0, 1.0 - math.log(counted / self.close) / math.log(self.far / self.close))


# One disappearance reported twice is one date, give or take the days before an FIR is filed
# and a date typed from memory: a month apart already says "another disappearance", and two
# open reports of a child missing twice are no copies of one report. One child found and
# registered again (the police, then the CWC) mostly lies days apart too, but a child who ran
# from a home and was found again months later is the same child: far-apart dates count
# against only mildly there.
DATES_AGAIN = {
    MISSING: DatesAgain(weight=2.0, close=7, neutral=30, far=365, penalty=2.5),
    "found": DatesAgain(weight=2.0, close=7, neutral=90, far=2 * 365, penalty=1.0),
}


def measure_dates_again(first: Profile, second: Profile) -> Measure | None:
    days = elapsed_days(first, second)
    if days is None:
        return None
    rule = DATES_AGAIN[first.record.side]
    similarity = rule.similarity(days)
    value = contribution(similarity, rule.weight, rule.similarity(rule.neutral), rule.penalty)
    return Measure(rule.weight, similarity, value, days)


def describe_dates_again(first: Profile, second: Profile, measure: Measure) -> Message:
    if measure.about == 0:
        return message("duplicate.dates.same_day")
    return message("duplicate.dates", duration=duration(measure.about))


# --- age -------------------------------------------------------------------------------------

# Years either way that two ages of one child may differ by and still agree fully: a family
# gives the age in completed years (a birthday between two reports, or "about 11", makes a
# year); officials guess a found child's age, each as far off as the engine allows for a match.
AGE_AGAIN_TOLERANCE = {MISSING: 1.5, "found": 2.5}
# Two random children of a district share an age within a year or so about one time in seven.
AGE_AGAIN_WEIGHT = 2.0


def ages_apart_again(first: Profile, second: Profile) -> tuple[float, float]:
    """(years between the earlier report's age, moved on to the later date, and the later
    report's age; their tolerance): the side's tolerance plus half the width of both ranges."""
    days = elapsed_days(first, second)
    low, high = first.ages
    if days is None:  # either may be the earlier one
        low, high = low - UNKNOWN_ELAPSED_YEARS, high + UNKNOWN_ELAPSED_YEARS
    else:
        low, high = low + days / DAYS_PER_YEAR, high + days / DAYS_PER_YEAR
    later_low, later_high = second.ages
    gap = max(0.0, later_low - high, low - later_high)
    width = (first.ages[1] - first.ages[0]) + (later_high - later_low)
    return gap, AGE_AGAIN_TOLERANCE[first.record.side] + width / 2


def measure_age_again(first: Profile, second: Profile) -> Measure | None:
    if first.ages is None or second.ages is None:
        return None
    gap, tolerance = ages_apart_again(first, second)
    similarity = max(0.0, 1.0 - gap / (2 * tolerance))
    # A narrow age says more than a wide one.
    weight = AGE_AGAIN_WEIGHT * AGE_AGAIN_TOLERANCE[MISSING] / tolerance
    return Measure(weight, similarity, contribution(similarity, weight, 0.5, AGE_PENALTY))


def describe_age_again(first: Profile, second: Profile, measure: Measure) -> Message:
    days = elapsed_days(first, second)
    ages = {"first": _ages(first.ages), "second": _ages(second.ages)}
    if days is None:
        return message("duplicate.age.dates_unknown", **ages)
    if days == 0:
        return message("duplicate.age.same_day", **ages)
    return message("duplicate.age", duration=duration(days), **ages)


def _ages(ages: tuple[float, float]) -> str:
    low, high = math.floor(ages[0]), math.floor(ages[1])
    return f"{low}" if low == high else f"{low}\N{EN DASH}{high}"


# --- place -----------------------------------------------------------------------------------

# Two reports of one child are filed where the child lives, was lost or was found: mostly one
# district. Another district of the state is neither for nor against (the home station and the
# station of the fair where the child was lost); another State/UT counts against, more than
# for a match (evidence.PLACE_PENALTY), where it is what trafficking looks like.
PLACE_AGAIN_WEIGHT = 2.5
PLACE_AGAIN_PENALTY = 1.5


def measure_place_again(first: Profile, second: Profile) -> Measure | None:
    measure = measure_place(first, second)
    if measure is None:
        return None
    value = contribution(measure.similarity, PLACE_AGAIN_WEIGHT, SAME_STATE, PLACE_AGAIN_PENALTY)
    return Measure(PLACE_AGAIN_WEIGHT, measure.similarity, value)


def describe_place_again(first: Profile, second: Profile, measure: Measure) -> Message:
    if measure.similarity == SAME_DISTRICT:
        return message("duplicate.place.same_district", district=first.district)
    if measure.similarity == SAME_STATE:
        return message("duplicate.place.same_state", state=first.state)
    if first.state and second.state:
        return message("duplicate.place.other_state", first=first.state, second=second.state)
    return message("duplicate.place.other_district")


# --- height ----------------------------------------------------------------------------------


def describe_height_again(first: Profile, second: Profile, measure: Measure) -> Message:
    return message(
        "duplicate.height",
        first=f"{first.height:.0f}",
        expected=f"{measure.about:.0f}",
        second=f"{second.height:.0f}",
    )


# --- parents ---------------------------------------------------------------------------------

# Two missing reports both name the parents as the family gave them: every parent one report
# names should be among the other's, and one who clearly is not (similarity at or below
# NAME_DIFFERENT_WORD) counts against as a different surname does. Found reports both hold what
# the child said ("Papa", a first name), which is compared as for a match.
PARENT_AGAIN_PENALTY = 3.0
# What agreeing parents add for two reports of one side: the weights a match had before they
# were raised for matches (3 and 4.5, docs/matching.md), kept so that duplicates are proposed
# as before.
PARENT_AGAIN_WEIGHT = 3.0
BOTH_PARENTS_AGAIN_WEIGHT = 4.5
TOLD_PARENT_AGAIN_PENALTY = 1.0  # what the children said of a parent, told differently


def measure_parents_again(first: Profile, second: Profile) -> Measure | None:
    if first.record.side != MISSING:
        return measure_parents(
            first, second, PARENT_AGAIN_WEIGHT, BOTH_PARENTS_AGAIN_WEIGHT, TOLD_PARENT_AGAIN_PENALTY
        )
    if not first.parents or not second.parents:
        return None
    fewer, more = sorted((first.parents, second.parents), key=len)
    family = first.name_words | second.name_words
    pairs = [
        max(
            ((_parent_similarity(parent, other, family), parent, other) for other in more),
            key=lambda pair: pair[0],
        )
        for parent in fewer
    ]
    worst, parent, other = min(pairs, key=lambda pair: pair[0])
    matched = sum(similarity >= PARENT_MATCHED for similarity, _parent, _other in pairs)
    weight = BOTH_PARENTS_AGAIN_WEIGHT if matched >= 2 else PARENT_AGAIN_WEIGHT
    if worst >= PARENT_PIVOT:
        value = weight * (worst - PARENT_PIVOT) / (1 - PARENT_PIVOT)
    else:
        share = min(1.0, (PARENT_PIVOT - worst) / (PARENT_PIVOT - NAME_DIFFERENT_WORD))
        value = -PARENT_AGAIN_PENALTY * share
    # In the order of the reports, for the words.
    pair = (parent, other) if fewer is first.parents else (other, parent)
    return Measure(weight, worst, value, (pair, matched))


def describe_parents_again(first: Profile, second: Profile, measure: Measure) -> Message:
    (parent, other), matched = measure.about
    names = {
        "first": parent.text,
        "second": other.text,
        "similarity": f"{measure.similarity * 100:.0f}",
    }
    if matched >= 2:
        return message("duplicate.parents.several", matched=matched, **names)
    return message("duplicate.parents.one", **names)


# --- all kinds -------------------------------------------------------------------------------

# The match weights of height, languages, marks and complexion were fitted on missing/found
# pairs (docs/matching.md, section 2); two reports of one side keep the weights their threshold
# was measured with (benchmarks/bench_duplicates_quality.py).
HEIGHT_AGAIN_WEIGHT = 1.0
LANGUAGE_AGAIN_WEIGHT = 1.2
MARKS_AGAIN_WEIGHT = 2.5
COMPLEXION_AGAIN_WEIGHT = 0.3


def reweighted(kind: Kind, weight: float, match_weight: float) -> Kind:
    """`kind` counting `weight` where a match counts `match_weight`, penalties alike."""
    factor = weight / match_weight

    def measure(first: Profile, second: Profile) -> Measure | None:
        found = kind.measure(first, second)
        if found is None:
            return None
        return found._replace(weight=found.weight * factor, value=found.value * factor)

    return kind._replace(measure=measure)


_SAME_AS_MATCH = {kind.key: kind for kind in KINDS}
DUPLICATE_KINDS = (
    _SAME_AS_MATCH["name"],
    _SAME_AS_MATCH["sex"],
    Kind("age", measure_age_again, describe_age_again, message("age.unknown")),
    Kind("dates", measure_dates_again, describe_dates_again, message("duplicate.dates.unknown")),
    Kind("place", measure_place_again, describe_place_again, message("place.unknown")),
    reweighted(
        Kind("height", measure_height, describe_height_again, message("height.unknown")),
        HEIGHT_AGAIN_WEIGHT,
        HEIGHT_WEIGHT,
    ),
    Kind("parents", measure_parents_again, describe_parents_again, message("parents.unknown")),
    reweighted(_SAME_AS_MATCH["languages"], LANGUAGE_AGAIN_WEIGHT, LANGUAGE_WEIGHT),
    reweighted(_SAME_AS_MATCH["marks"], MARKS_AGAIN_WEIGHT, MARKS_WEIGHT),
    reweighted(_SAME_AS_MATCH["complexion"], COMPLEXION_AGAIN_WEIGHT, COMPLEXION_WEIGHT),
)
_BEFORE_PARENTS = tuple(kind for kind in DUPLICATE_KINDS if kind.key != "parents")
