"""One calibrated 0-100 score per (missing, found) pair, with the evidence behind it.

The contributions of all evidence (each a log-likelihood ratio, see evidence.py) are summed
into log-odds and passed through a logistic curve whose two numbers were fitted on the
synthetic evaluation set (see docs/matching.md, "Calibration"):

    score = 100 / (1 + exp(-(SCORE_SLOPE * sum_of_contributions + SCORE_INTERCEPT)))

so 50 is where the evidence as a whole makes the two reports as likely the same child as not:
REVIEW_THRESHOLD, the point from which a pair is worth an official's look.
"""

import heapq
import math
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from apps.matching.engine.description_index import has_usable_name
from apps.matching.engine.evidence import (
    FACE_KEY,
    FACE_UNKNOWN,
    KINDS,
    Kind,
    Measure,
    describe_face,
    exclusion,
    measure_face,
    measure_name,
)
from apps.matching.engine.faces import face_distance
from apps.matching.engine.messages import Message
from apps.matching.engine.profile import Profile, read_profile
from apps.matching.engine.records import ChildRecord, Evidence, MatchScore

REVIEW_THRESHOLD = 50.0
# How strongly the summed evidence is trusted, and the log-odds before any evidence: fitted on
# the evaluation set so that 50 is one chance in four of the same child (docs/matching.md),
# refitted when the weights were (evidence.py).
SCORE_SLOPE = 1.2
SCORE_INTERCEPT = -10.6


class Curve(NamedTuple):
    """The logistic curve from summed evidence to the 0-100 score."""

    slope: float
    intercept: float


MATCH_CURVE = Curve(SCORE_SLOPE, SCORE_INTERCEPT)

_NOT_GIVEN = object()

# A child who gives no usable name (none, or only a pet name) is ranked by her description and,
# if she gives a pet name, by that name: every report that lists it gains the pet name's
# agreement, and hundreds list the common ones (Pinki, Monu, Guddu), while most reports list no
# pet name at all. So that the official also sees the reports that fit her best apart from the
# name, the last places of her shortlist go to the best of the rest ranked without the name
# evidence (shortlist). The first places are the engine's ranking, unchanged.
NAMELESS_SHORTLIST_PLACES = 4

Ranked = TypeVar("Ranked", bound=Sequence)


def score_pair(missing: ChildRecord, found: ChildRecord) -> MatchScore | None:
    """How likely `found` is the child of report `missing`; None when a hard filter rules the
    pair out (a boy and a girl, found long before going missing, ages irreconcilable)."""
    return score_profiles(read_profile(missing), read_profile(found))


def exclusion_reason(missing: ChildRecord, found: ChildRecord) -> str | None:
    """Why score_pair returns None for these two reports, or None when it does not."""
    return exclusion(read_profile(missing), read_profile(found))


def score_profiles(
    missing: Profile, found: Profile, distance: float | object | None = _NOT_GIVEN
) -> MatchScore | None:
    """score_pair for records already read; the index passes the face distance it has."""
    if exclusion(missing, found) is not None:
        return None
    if distance is _NOT_GIVEN:
        distance = face_distance(missing.record.face, found.record.face)
    return explain_pair(missing, found, distance)


def explain_pair(
    missing: Profile,
    found: Profile,
    distance: float | None,
    *,
    kinds: tuple[Kind, ...] = KINDS,
    curve: Curve = MATCH_CURVE,
) -> MatchScore:
    """The score with every piece of evidence in words (no hard filters checked here).
    `kinds` and `curve`: the comparison and its calibration (duplicates.DUPLICATE_KINDS and
    DUPLICATE_CURVE for two reports of one side)."""
    evidence = []
    for kind in kinds:
        measure = kind.measure(missing, found)
        if measure is None:
            evidence.append(_evidence(kind.key, None, kind.unknown))
        else:
            evidence.append(_evidence(kind.key, measure, kind.describe(missing, found, measure)))
    face = measure_face(distance)
    if face is None:
        evidence.append(_evidence(FACE_KEY, None, FACE_UNKNOWN))
    else:
        evidence.append(_evidence(FACE_KEY, face, describe_face(face)))
    log_odds = sum(item.contribution for item in evidence)
    return MatchScore(calibrated_score(log_odds, curve), tuple(evidence))


def _evidence(key: str, measure: Measure | None, detail: Message) -> Evidence:
    if measure is None:
        return Evidence(key, 0.0, None, detail.text(), 0.0, detail)
    return Evidence(key, measure.weight, measure.similarity, detail.text(), measure.value, detail)


def pair_log_odds(
    missing: Profile, found: Profile, distance: float | None, *, kinds: tuple[Kind, ...] = KINDS
) -> float:
    """The summed contributions alone: what ranking needs, without the words."""
    total = 0.0
    for kind in kinds:
        measure = kind.measure(missing, found)
        if measure is not None:
            total += measure.value
    face = measure_face(distance)
    return total + (face.value if face is not None else 0.0)


def calibrated_score(log_odds: float, curve: Curve = MATCH_CURVE) -> float:
    """0..100 from the summed contributions (see the module docstring)."""
    exponent = curve.slope * log_odds + curve.intercept
    if exponent < 0:
        odds = math.exp(exponent)
        return 100.0 * odds / (1.0 + odds)
    return 100.0 / (1.0 + math.exp(-exponent))


def log_odds_for(score: float, curve: Curve = MATCH_CURVE) -> float:
    """The summed contributions at which calibrated_score gives `score` (0 < score < 100)."""
    return (math.log(score / (100.0 - score)) - curve.intercept) / curve.slope


def shortlist(
    target: Profile,
    ranked: list[Ranked],
    top: int,
    pair_of: Callable[[Ranked], tuple[Profile, Profile]],
) -> list[Ranked]:
    """The `top` of `ranked` (best first, each item's first value minus its summed evidence)
    to show for `target`: the first `top`, except that for a child who gives no usable name
    the last NAMELESS_SHORTLIST_PLACES are the best of the others by all evidence but the
    name. `pair_of(item)` is the (missing, found) pair of an item."""
    places = NAMELESS_SHORTLIST_PLACES
    if len(ranked) <= top or top <= places or has_usable_name(target):
        return ranked[:top]
    kept, rest = ranked[: top - places], ranked[top - places :]

    def without_name(number: int) -> tuple[float, int]:
        name = measure_name(*pair_of(rest[number]))
        return rest[number][0] + (name.value if name is not None else 0.0), number

    best = heapq.nsmallest(places, range(len(rest)), key=without_name)
    return kept + [rest[number] for number in sorted(best)]
