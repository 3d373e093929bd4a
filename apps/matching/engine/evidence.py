"""Each kind of evidence about a (missing, found) pair, as a log-likelihood-ratio contribution.

For every kind of evidence there is a `measure_*` function that compares one aspect of two
Profiles and returns a Measure whose `value` is, roughly,
log(P(what we see | same child) / P(what we see | two different children)): positive when the
observation is more typical of the same child, negative when it is more typical of two
children, and None when one side does not say (unknown evidence is neutral). A `describe_*`
function puts the same comparison into words for officials, as a Message (a code and its
parameters, see messages.py) that the portal translates. Ranking a thousand candidates only
needs the numbers; the words are written for the few pairs that are shown.

The numbers were set by reasoning about Indian records (how common a name is, how far apparent
ages are off, how soon children are found), so that each stays explainable; then how much
each kind counts against the name was fitted once on the engine's own evaluation sets (dates,
place, parents, height, languages, marks and complexion scaled as a whole, each keeping its
shape). docs/matching.md has the table, the reasons and the fit ("Fitted weights").
scoring.py adds them up and calibrates the sum.

Three observations are not weighed but rule a pair out (`exclusion`): a boy and a girl, a
child found well before going missing, and an age that cannot be reconciled.
"""

import datetime
import math
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from apps.matching.engine.descriptions import (
    COMPLEXION_STEPS,
    LINGUA_FRANCAS,
    agreeing_marks,
    marks_similarity,
)
from apps.matching.engine.messages import Message, message
from apps.matching.engine.names import (
    PET_NAME_WEIGHT,
    WEAK_WEIGHT,
    NameForm,
    NameMatch,
    compare_forms,
    pair_words,
)
from apps.matching.engine.profile import Profile

DAYS_PER_YEAR = 365.25


class Measure(NamedTuple):
    """`weight`: the most this evidence could add for this pair; `similarity`: 0..1;
    `value`: what it adds to the log-odds; `about`: what describing it needs."""

    weight: float
    similarity: float
    value: float
    about: object = None


def contribution(similarity: float, weight: float, pivot: float, penalty: float) -> float:
    """Linear from -penalty (similarity 0) through 0 (at pivot) to +weight (similarity 1)."""
    if similarity >= pivot:
        return weight * (similarity - pivot) / (1 - pivot) if pivot < 1 else 0.0
    return -penalty * (pivot - similarity) / pivot


# --- hard filters ----------------------------------------------------------------------------

# A found date this long before the missing date is taken as a different child; within it,
# as a mistyped date (FIRs are often filed days after the child was last seen).
DATE_GRACE_DAYS = 30
# How far apart ages may be before a pair is ruled out, in tolerances (see age_tolerance),
# plus a margin in years. An apparent age can be far off (a malnourished or frightened child
# looks years younger; a tall one older), and a name that agrees should still be weighed:
# within the margin the age only counts against (AGE_PENALTY), beyond it the pair is ruled out.
AGE_EXCLUSION_TOLERANCES = 2.0
AGE_EXCLUSION_MARGIN = 2.0
# Ages are also the field most often mistyped (15 entered as 5) or guessed at a glance: two
# reports whose names agree (the name evidence adds at least NAMES_AGREE, half a matching given
# name) are compared with this margin instead, so that a mistyped age does not hide a child's
# own report. The age still counts fully against them: such a pair ranks high only when the
# name and the rest agree.
NAMED_AGE_EXCLUSION_MARGIN = 4.0
# Two reports of one side (duplicates.py) both give ages told by the family or judged by
# officials at about the same time: the narrower margin of the first version stays.
SAME_SIDE_AGE_EXCLUSION_MARGIN = 1.0


def exclusion(missing: Profile, found: Profile) -> str | None:
    """Why the two reports cannot be the same child, or None when they can."""
    if missing.sex and found.sex and missing.sex != found.sex:
        return "a boy and a girl"
    days = elapsed_days(missing, found)
    if days is not None and days < -DATE_GRACE_DAYS:
        return f"found {-days} days before going missing"
    if missing.ages is not None and found.ages is not None:
        gap, tolerance = ages_apart(missing.ages, found.ages, days)
        if ages_irreconcilable(gap, tolerance) and not _age_excused_by_name(
            missing, found, gap, tolerance
        ):
            return f"ages {gap:.0f} years apart"
    return None


def _age_excused_by_name(missing: Profile, found: Profile, gap: float, tolerance: float) -> bool:
    """Whether ages too far apart may still be one child because the names agree (see
    NAMED_AGE_EXCLUSION_MARGIN)."""
    if ages_irreconcilable(gap, tolerance, NAMED_AGE_EXCLUSION_MARGIN):
        return False
    name = measure_name(missing, found)
    return name is not None and name.value >= NAMES_AGREE


def elapsed_days(missing: Profile, found: Profile) -> int | None:
    if missing.day is None or found.day is None:
        return None
    return found.day - missing.day


# --- name ------------------------------------------------------------------------------------

# The name is weighed word by word. The first word that matches says most (a given name shared
# by one child in a few hundred); each further matching word adds less, since a surname is
# shared by a whole family and caste. A word that clearly differs counts against, but mildly:
# children give another surname (the caste name, the father's first name, "Kumari") or a pet
# name, and records misspell.
NAME_FIRST_WORD_WEIGHT = 5.0
NAME_MORE_WORD_WEIGHT = 2.5
NAMES_AGREE = NAME_FIRST_WORD_WEIGHT / 2
NAME_WORD_PIVOT = 0.75  # word similarity that is neither for nor against
NAME_DIFFERENT_WORD = 0.5  # at or below this similarity a word is simply different
NAME_CONFLICT_PENALTY = 2.3  # log(0.1 / 0.98): a tenth of children give a different word
NAME_MAX_PENALTY = 3.5
NAME_MISSING_WORD_PENALTY = 0.1  # a surname left out says almost nothing
# A pet name against another word: about half of the children whose report gives a name answer
# to a pet name it does not list (most reports list none), so this is weak: log(0.5).
NAME_PET_CONFLICT_PENALTY = 0.7


def measure_name(missing: Profile, found: Profile) -> Measure | None:
    if not missing.names or not found.names:
        return None
    best_value, best_pair = -math.inf, None
    for left in missing.names:
        for right in found.names:
            value = _form_pair_value(
                left.words, left.weights, right.words, right.weights, (left.abjad, right.abjad)
            )
            if value > best_value:
                best_value, best_pair = value, (left, right)
    match = compare_forms(*best_pair)
    return Measure(name_weight(match), match.similarity, best_value, match)


def describe_name(missing: Profile, found: Profile, measure: Measure) -> Message:
    match = measure.about
    return message(
        "name", missing=match.left.text, found=match.right.text, similarity=_percent(match)
    )


def _percent(measure) -> str:
    return f"{measure.similarity * 100:.0f}"


@lru_cache(maxsize=1 << 17)
def _form_pair_value(
    words: tuple[str, ...],
    weights: tuple[float, ...],
    other_words: tuple[str, ...],
    other_weights: tuple[float, ...],
    abjad: tuple[bool, bool],
) -> float:
    _, pairs, unpaired = pair_words(words, weights, other_words, other_weights, abjad)
    return words_value(pairs, unpaired)


def name_value(match: NameMatch) -> float:
    """The log-likelihood ratio of a pair of name forms, word by word (see above)."""
    return words_value(match.pairs, match.unpaired)


def words_value(pairs: tuple[tuple[float, float, bool], ...], unpaired: tuple[float, ...]) -> float:
    agreeing, surnames_agreeing = [], []
    against = NAME_MISSING_WORD_PENALTY * sum(unpaired)
    for similarity, weight, surnames in pairs:
        if similarity >= NAME_WORD_PIVOT:
            value = weight * (similarity - NAME_WORD_PIVOT) / (1 - NAME_WORD_PIVOT)
            (surnames_agreeing if surnames else agreeing).append(value)
        else:
            span = NAME_WORD_PIVOT - NAME_DIFFERENT_WORD
            share = min(1.0, (NAME_WORD_PIVOT - similarity) / span)
            if weight == PET_NAME_WEIGHT:  # one of the two words is a pet name
                against += NAME_PET_CONFLICT_PENALTY * share
            else:
                against += NAME_CONFLICT_PENALTY * weight * share
    # The strongest agreement counts as the first word, whatever order the words came in; a
    # shared surname never does, or every sibling and cousin would look like the child.
    agreeing.sort(reverse=True)
    support = sum(_word_weight(rank) * value for rank, value in enumerate(agreeing))
    support += NAME_MORE_WORD_WEIGHT * sum(surnames_agreeing)
    return support - min(against, NAME_MAX_PENALTY)


def name_weight(match: NameMatch) -> float:
    """The most this pair of forms could add: every paired word matching exactly."""
    given = sorted((weight for _, weight, surnames in match.pairs if not surnames), reverse=True)
    surnames = sum(weight for _, weight, is_surname in match.pairs if is_surname)
    ranked = sum(_word_weight(rank) * weight for rank, weight in enumerate(given))
    return ranked + NAME_MORE_WORD_WEIGHT * surnames


def _word_weight(rank: int) -> float:
    return NAME_FIRST_WORD_WEIGHT if rank == 0 else NAME_MORE_WORD_WEIGHT


# --- sex -------------------------------------------------------------------------------------

SEX_WEIGHT = math.log(2)  # a random child of the other side is the same sex half the time
_SEX_CODES = {"M": "sex.boys", "F": "sex.girls"}


def measure_sex(missing: Profile, found: Profile) -> Measure | None:
    if not missing.sex or not found.sex:
        return None
    return Measure(SEX_WEIGHT, 1.0, SEX_WEIGHT)


def describe_sex(missing: Profile, found: Profile, measure: Measure) -> Message:
    return message(_SEX_CODES[found.sex])


# --- dates -----------------------------------------------------------------------------------

# Most missing children are traced within days or weeks, while the open reports a found child
# is compared with were filed over years: a report filed in the weeks before the child was
# found is far likelier to be theirs. Children also stay in homes for years before anyone
# connects them to a report, so a long time counts against only mildly.
DATES_WEIGHT = 2.25  # within a month
DATES_SOON_DAYS = 30
DATES_NEUTRAL_DAYS = 2 * 365  # neither for nor against
DATES_LONG_DAYS = 6 * 365
DATES_LONG_PENALTY = 0.9
# A found date before the date missing, within DATE_GRACE_DAYS (further is ruled out): a date
# typed wrong, or a family that gave the day it went to the police rather than the day the
# child was last seen. Such slips are of a few days far more often than of weeks, so it counts
# against in proportion: nearly nothing a day or two early, DATES_MISTYPED_PENALTY at the edge
# of the grace. (It counted the full penalty at any day, which put a child found the day
# before her report's date below strangers' reports from the weeks before.)
DATES_MISTYPED_PENALTY = 2.25
_LOG_SOON_TO_NEUTRAL = math.log(DATES_NEUTRAL_DAYS / DATES_SOON_DAYS)
_LOG_NEUTRAL_TO_LONG = math.log(DATES_LONG_DAYS / DATES_NEUTRAL_DAYS)
_LOG_SOON_TO_LONG = math.log(DATES_LONG_DAYS / DATES_SOON_DAYS)


def measure_dates(missing: Profile, found: Profile) -> Measure | None:
    days = elapsed_days(missing, found)
    if days is None:
        return None
    if days < 0:
        return Measure(DATES_WEIGHT, 0.0, mistyped_dates_value(days), days)
    days_counted = max(days, DATES_SOON_DAYS)
    similarity = max(0.0, 1.0 - math.log(days_counted / DATES_SOON_DAYS) / _LOG_SOON_TO_LONG)
    if days_counted <= DATES_NEUTRAL_DAYS:
        value = DATES_WEIGHT * math.log(DATES_NEUTRAL_DAYS / days_counted) / _LOG_SOON_TO_NEUTRAL
    else:
        share = math.log(days_counted / DATES_NEUTRAL_DAYS) / _LOG_NEUTRAL_TO_LONG
        value = -DATES_LONG_PENALTY * min(1.0, share)
    return Measure(DATES_WEIGHT, similarity, value, days)


def mistyped_dates_value(days: int) -> float:
    """What a found date `days` (< 0) before the date missing, within the grace, adds."""
    return -DATES_MISTYPED_PENALTY * min(1.0, -days / DATE_GRACE_DAYS)


def describe_dates(missing: Profile, found: Profile, measure: Measure) -> Message:
    days = measure.about
    if days < 0:
        return message("dates.mistyped", days=-days)
    return message("dates.after", duration=duration(days))


def duration(days: int) -> Message:
    if days < 2 * 30:
        return message("duration.days", count=days)
    if days < 2 * 365:
        return message("duration.months", months=f"{days / 30.4:.0f}")
    return message("duration.years", years=f"{days / DAYS_PER_YEAR:.1f}")


# --- age -------------------------------------------------------------------------------------

AGE_WEIGHT = 1.6
AGE_PENALTY = 3.0
# Hunger, puberty or fear make a child look years younger or older than she is, and such
# misjudging is not rare: past a few years off, further off says no more against.
AGE_MOST_AGAINST = 1.5
AGE_BASE_TOLERANCE = 2.0  # years: apparent ages of found children are often this far off
UNKNOWN_ELAPSED_YEARS = 3.0  # without both dates, allow this much growing older
# Parents give a child's age in completed years: "11" is anywhere from 11 to 12, so the
# missing side's ages are read from the middle of the year.
COMPLETED_YEAR_SHIFT = 0.5


def expected_ages(missing_ages: tuple[float, float], days: int | None) -> tuple[float, float]:
    """The ages the missing child would be at the found date, `days` after going missing."""
    low = missing_ages[0] + COMPLETED_YEAR_SHIFT
    high = missing_ages[1] + COMPLETED_YEAR_SHIFT
    if days is None:
        return (low, high + UNKNOWN_ELAPSED_YEARS)
    years = days / DAYS_PER_YEAR if days > 0 else 0.0
    return (low + years, high + years)


def ages_apart(
    missing_ages: tuple[float, float], found_ages: tuple[float, float], days: int | None
) -> tuple[float, float]:
    """(years between the expected and the apparent age ranges, their tolerance).

    The tolerance is ±2 years plus half the width of the two ranges: wide estimates are less
    precise.
    """
    low, high = expected_ages(missing_ages, days)
    found_low, found_high = found_ages
    gap = max(0.0, found_low - high, low - found_high)
    tolerance = AGE_BASE_TOLERANCE + ((high - low) + (found_high - found_low)) / 2
    return gap, tolerance


def ages_irreconcilable(gap: float, tolerance: float, margin: float = AGE_EXCLUSION_MARGIN) -> bool:
    return gap > AGE_EXCLUSION_TOLERANCES * tolerance + margin


def measure_age(missing: Profile, found: Profile) -> Measure | None:
    if missing.ages is None or found.ages is None:
        return None
    gap, tolerance = ages_apart(missing.ages, found.ages, elapsed_days(missing, found))
    similarity = max(0.0, 1.0 - gap / (2 * tolerance))
    # A narrow age says more than a wide one ("10-16") that half of all children fit.
    weight = AGE_WEIGHT * AGE_BASE_TOLERANCE / tolerance
    value = max(-AGE_MOST_AGAINST, contribution(similarity, weight, 0.5, AGE_PENALTY))
    return Measure(weight, similarity, value)


def describe_age(missing: Profile, found: Profile, measure: Measure) -> Message:
    days = elapsed_days(missing, found)
    ages = {
        "missing": _ages(missing.ages),
        "expected": _ages(expected_ages(missing.ages, days)),
        "found": _ages(found.ages),
    }
    if days is None:
        return message("age.dates_unknown", **ages)
    if days > 0:
        return message("age.earlier", duration=duration(days), **ages)
    return message("age.same_day", **ages)


def _ages(ages: tuple[float, float]) -> str:
    low, high = math.floor(ages[0]), math.floor(ages[1])
    return f"{low}" if low == high else f"{low}\N{EN DASH}{high}"


# --- date of birth ---------------------------------------------------------------------------

# Two children born on the same day are rare (one pair in about 6,500 among children), so a
# shared date of birth says almost as much as a shared given name. A date that differs by one
# figure, or with day and month swapped, is mostly a slip of the pen; a wholly different date
# speaks against, but mildly: a family may not know it, and an estimated date is often the
# first of January.
BIRTH_WEIGHT = 4.0
BIRTH_SLIP_VALUE = 1.5
BIRTH_SLIP_SIMILARITY = 0.7
BIRTH_PENALTY = 1.5


def measure_birth(missing: Profile, found: Profile) -> Measure | None:
    if missing.born is None or found.born is None:
        return None
    if missing.born == found.born:
        return Measure(BIRTH_WEIGHT, 1.0, BIRTH_WEIGHT)
    if birth_dates_slip(missing.born, found.born):
        return Measure(BIRTH_WEIGHT, BIRTH_SLIP_SIMILARITY, BIRTH_SLIP_VALUE)
    return Measure(BIRTH_WEIGHT, 0.0, -BIRTH_PENALTY)


def birth_dates_slip(one: int, other: int) -> bool:
    """Whether two dates (ordinals) differ as a slip would: one figure of YYYYMMDD changed or
    two neighbouring figures swapped, or day and month swapped."""
    one_date, other_date = datetime.date.fromordinal(one), datetime.date.fromordinal(other)
    if (one_date.year, one_date.month, one_date.day) == (
        other_date.year,
        other_date.day,
        other_date.month,
    ):
        return True
    figures, other_figures = one_date.strftime("%Y%m%d"), other_date.strftime("%Y%m%d")
    differ = [i for i, (a, b) in enumerate(zip(figures, other_figures, strict=True)) if a != b]
    if len(differ) == 1:
        return True
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and figures[differ[0]] == other_figures[differ[1]]
        and figures[differ[1]] == other_figures[differ[0]]
    )


def describe_birth(missing: Profile, found: Profile, measure: Measure) -> Message:
    born = missing.record.birth_date.isoformat()
    if measure.similarity == 1.0:
        return message("birth.same", born=born)
    code = "birth.slip" if measure.similarity > 0 else "birth.different"
    return message(code, missing=born, found=found.record.birth_date.isoformat())


# --- place -----------------------------------------------------------------------------------

# Most children are found near home, so the same district counts much; but trafficked and
# runaway children are found far from home, often at railway stations in another state, so
# "elsewhere" counts only mildly against.
PLACE_WEIGHT = 3.2
PLACE_PENALTY = 0.64
PLACE_PIVOT = 0.4
SAME_DISTRICT, SAME_STATE, OTHER_DISTRICT, ELSEWHERE = 1.0, 0.6, 0.4, 0.0


def measure_place(missing: Profile, found: Profile) -> Measure | None:
    if missing.district and missing.district == found.district:
        similarity = SAME_DISTRICT
    elif missing.state and found.state:
        similarity = SAME_STATE if missing.state == found.state else ELSEWHERE
    elif missing.district and found.district:
        similarity = OTHER_DISTRICT
    else:
        return None
    value = contribution(similarity, PLACE_WEIGHT, PLACE_PIVOT, PLACE_PENALTY)
    return Measure(PLACE_WEIGHT, similarity, value)


def describe_place(missing: Profile, found: Profile, measure: Measure) -> Message:
    if measure.similarity == SAME_DISTRICT:
        return message("place.same_district", district=found.district)
    if measure.similarity == SAME_STATE:
        return message("place.same_state", state=found.state)
    if measure.similarity == OTHER_DISTRICT:
        return message("place.other_district")
    return message("place.other_state", state=found.state, missing_state=missing.state)


# --- home, as the child told it -------------------------------------------------------------

# A found child who names home names her own district far more often than a stranger's: the
# district agreeing counts a little more than the same district of the place found
# (PLACE_WEIGHT), which namesakes and strangers of the region share too; the State/UT alone
# says less. Children confuse places (a relative's district, a town on the way), so a home
# named elsewhere counts only mildly against. A child who names as home the place she was
# found in says little the place evidence has not counted already. Set by reasoning, not
# fitted: the evaluation sets hold no child's account of home (docs/matching.md, "Home as the
# child told it").
HOME_WEIGHT = 4.0
HOME_PENALTY = 1.0
HOME_PIVOT = 0.4


def measure_home(missing: Profile, found: Profile) -> Measure | None:
    if not found.record.home_told or not (found.home_districts or found.home_states):
        return None
    if not (missing.home_districts or missing.home_states):
        return None
    if found.home_districts & missing.home_districts:
        similarity = SAME_DISTRICT
    elif found.home_states & missing.home_states:
        similarity = SAME_STATE
    else:
        similarity = ELSEWHERE
    value = contribution(similarity, HOME_WEIGHT, HOME_PIVOT, HOME_PENALTY)
    if _home_is_where_found(found):
        # Then the place evidence has already weighed the same fact (the report's district or
        # State/UT against the one she was found in): together they count what home does.
        place = measure_place(missing, found)
        value -= place.value if place is not None else 0.0
    return Measure(HOME_WEIGHT, similarity, value)


def _home_is_where_found(found: Profile) -> bool:
    return found.district in found.home_districts or (
        not found.home_districts and found.state in found.home_states
    )


def describe_home(missing: Profile, found: Profile, measure: Measure) -> Message:
    if found.record.home_from_address:
        # Not her words: a place, named in the reader's language like any other.
        prefix, quoted = (
            "home.address.",
            {"address": min(found.home_districts or found.home_states)},
        )
    else:
        prefix, quoted = "home.", {"told": found.record.home_told}
    if measure.similarity == SAME_DISTRICT:
        district = min(found.home_districts & missing.home_districts)
        return message(prefix + "same_district", **quoted, district=district)
    if measure.similarity == SAME_STATE:
        state = min(found.home_states & missing.home_states)
        return message(prefix + "same_state", **quoted, state=state)
    return message(prefix + "elsewhere", **quoted, district=missing.district or missing.state)


# --- height ----------------------------------------------------------------------------------

HEIGHT_WEIGHT = 1.2
HEIGHT_PENALTY = 2.4
HEIGHT_BASE_TOLERANCE_CM = 7.0  # heights are often estimated, not measured
HEIGHT_TOLERANCE_CM_PER_YEAR = 2.5  # growth differs between children
_UNKNOWN_AGE = 10.0


def growth_cm(age: float, years: float) -> float:
    """Typical growth of a child of `age` over `years`: ~6 cm a year before puberty, less in
    the early teens, almost none after 16."""
    grown, step = 0.0, 0.25
    for index in range(round(years / step)):
        grown += _growth_rate(age + (index + 0.5) * step) * step
    return grown


def _growth_rate(age: float) -> float:
    if age < 2:
        return 12.0
    if age < 12:
        return 6.0
    if age < 14:
        return 5.0
    if age < 16:
        return 3.0
    return 1.0 if age < 18 else 0.0


def measure_height(missing: Profile, found: Profile) -> Measure | None:
    if missing.height is None or found.height is None:
        return None
    expected, tolerance = _expected_height(missing, found)
    similarity = max(0.0, 1.0 - abs(found.height - expected) / (2 * tolerance))
    value = contribution(similarity, HEIGHT_WEIGHT, 0.5, HEIGHT_PENALTY)
    return Measure(HEIGHT_WEIGHT, similarity, value, expected)


def _expected_height(missing: Profile, found: Profile) -> tuple[float, float]:
    days = elapsed_days(missing, found)
    years = max(days or 0, 0) / DAYS_PER_YEAR
    age = (sum(missing.ages) / 2 + COMPLETED_YEAR_SHIFT) if missing.ages else _UNKNOWN_AGE
    tolerance = HEIGHT_BASE_TOLERANCE_CM + HEIGHT_TOLERANCE_CM_PER_YEAR * years
    if days is None:
        tolerance += HEIGHT_TOLERANCE_CM_PER_YEAR * UNKNOWN_ELAPSED_YEARS
    return missing.height + growth_cm(age, years), tolerance


def describe_height(missing: Profile, found: Profile, measure: Measure) -> Message:
    return message(
        "height",
        missing=f"{missing.height:.0f}",
        expected=f"{measure.about:.0f}",
        found=f"{found.height:.0f}",
    )


# --- parents ---------------------------------------------------------------------------------

# A parent's given name is about as rare as a child's (NAME_FIRST_WORD_WEIGHT), a little less
# for fathers' common names. At 3 (4.5 for two) it counted less than a common pet name listed
# on a stranger's report (PET_NAME_WEIGHT) and the pet-name conflict of the child's own report.
PARENT_WEIGHT = 4.8
BOTH_PARENTS_WEIGHT = 7.2
PARENT_PENALTY = 1.2  # children give "Papa", nicknames or a grandparent's name
PARENT_PIVOT = 0.75
PARENT_MATCHED = 0.85


def measure_parents(
    missing: Profile,
    found: Profile,
    weight: float = PARENT_WEIGHT,
    both_weight: float = BOTH_PARENTS_WEIGHT,
    penalty: float = PARENT_PENALTY,
) -> Measure | None:
    if not missing.parents or not found.parents:
        return None
    # The family surname is in the child's name too; it must not count twice.
    family = missing.name_words | found.name_words
    best, best_pair, matched = -1.0, None, 0
    for parent in missing.parents:
        best_for_parent = -1.0
        for told in found.parents:
            similarity = _parent_similarity(parent, told, family)
            if similarity > best_for_parent:
                best_for_parent = similarity
            if similarity > best:
                best, best_pair = similarity, (parent, told)
        matched += best_for_parent >= PARENT_MATCHED
    weight = both_weight if matched >= 2 else weight
    value = contribution(best, weight, PARENT_PIVOT, penalty)
    return Measure(weight, best, value, (best_pair, matched))


def _parent_similarity(parent: NameForm, told: NameForm, family: frozenset[str]) -> float:
    """How alike two parents' names are, with the family's surname counting as weak."""
    weights = _reweighted(parent, family)
    told_weights = _reweighted(told, family)
    return pair_words(parent.words, weights, told.words, told_weights, (parent.abjad, told.abjad))[
        0
    ]


def _reweighted(form: NameForm, weak: frozenset[str]) -> tuple[float, ...]:
    if weak.isdisjoint(form.words):
        return form.weights
    return tuple(
        WEAK_WEIGHT if word in weak else weight
        for word, weight in zip(form.words, form.weights, strict=True)
    )


def describe_parents(missing: Profile, found: Profile, measure: Measure) -> Message:
    (parent, told), matched = measure.about
    names = {"parent": parent.text, "told": told.text, "similarity": _percent(measure)}
    if matched >= 2:
        return message("parents.several", matched=matched, **names)
    return message("parents.one", **names)


# --- languages -------------------------------------------------------------------------------

LANGUAGE_WEIGHT = 0.6
LINGUA_FRANCA_WEIGHT = 0.2
LANGUAGE_PENALTY = 0.6
# A side that lists only Hindi or English may simply have recorded the language the child
# and the staff spoke together, so not sharing it says less.
LINGUA_FRANCA_PENALTY = 0.2


def measure_languages(missing: Profile, found: Profile) -> Measure | None:
    missing_languages = missing.languages or missing.written_languages
    found_languages = found.languages or found.written_languages
    if not missing_languages or not found_languages:
        return None
    shared = missing_languages & found_languages
    about = (shared, missing_languages, found_languages)
    if not shared:
        lingua_franca_only = (
            missing_languages <= LINGUA_FRANCAS or found_languages <= LINGUA_FRANCAS
        )
        penalty = LINGUA_FRANCA_PENALTY if lingua_franca_only else LANGUAGE_PENALTY
        return Measure(LANGUAGE_WEIGHT, 0.0, -penalty, about)
    weight = LINGUA_FRANCA_WEIGHT if shared <= LINGUA_FRANCAS else LANGUAGE_WEIGHT
    similarity = len(shared) / min(len(missing_languages), len(found_languages))
    return Measure(weight, similarity, weight * similarity, about)


def describe_languages(missing: Profile, found: Profile, measure: Measure) -> Message:
    # Language codes (hi, bn, or): the portal writes their names.
    shared, missing_languages, found_languages = measure.about
    listed = {"missing": tuple(sorted(missing_languages)), "found": tuple(sorted(found_languages))}
    written = "" if missing.languages and found.languages else ".written"
    if not shared:
        return message("languages.none_shared" + written, **listed)
    return message("languages.shared" + written, shared=tuple(sorted(shared)), **listed)


# --- identification marks --------------------------------------------------------------------

MARKS_WEIGHT = 1.75
MARKS_PIVOT = 0.34
MARKS_PENALTY = 0.28  # a mark is easily missed or described differently


def measure_marks(missing: Profile, found: Profile) -> Measure | None:
    if not missing.marks or not found.marks:
        return None
    # A mark one side mentions and the other does not was easily missed: the closest two
    # marks say as much as the descriptions as a whole.
    similarity = max(
        [
            marks_similarity(missing.marks, found.marks),
            *(
                marks_similarity(mark, other)
                for mark in found.separate_marks
                for other in missing.separate_marks
            ),
        ]
    )
    value = contribution(similarity, MARKS_WEIGHT, MARKS_PIVOT, MARKS_PENALTY)
    # Each further mark seen where the family said is another coincidence a stranger would
    # need: two agreeing marks say far more than one.
    agreeing = agreeing_marks(found.separate_marks, missing.separate_marks)
    further = max(0, agreeing - 1)
    weight = MARKS_WEIGHT * (1 + further)
    return Measure(weight, similarity, value + MARKS_WEIGHT * further, agreeing)


def describe_marks(missing: Profile, found: Profile, measure: Measure) -> Message:
    marks = {
        "missing": missing.record.identification_marks,
        "found": found.record.identification_marks,
        "similarity": _percent(measure),
    }
    if measure.about >= 2:
        return message("marks.several", agreeing=measure.about, **marks)
    return message("marks", **marks)


# --- complexion ------------------------------------------------------------------------------

COMPLEXION_WEIGHT = 0.6
COMPLEXION_PENALTY = 2.0
COMPLEXION_PIVOT = 2 / 3  # one step apart (fair/wheatish) is as likely as not


def measure_complexion(missing: Profile, found: Profile) -> Measure | None:
    if missing.complexion is None or found.complexion is None:
        return None
    similarity = 1.0 - abs(missing.complexion - found.complexion) / COMPLEXION_STEPS
    value = contribution(similarity, COMPLEXION_WEIGHT, COMPLEXION_PIVOT, COMPLEXION_PENALTY)
    return Measure(COMPLEXION_WEIGHT, similarity, value)


def describe_complexion(missing: Profile, found: Profile, measure: Measure) -> Message:
    return message(
        "complexion",
        missing=missing.record.complexion.lower(),
        found=found.record.complexion.lower(),
    )


# --- face ------------------------------------------------------------------------------------

# dlib encodings are unreliable for children and for South Asian faces, so a close face adds
# at most this much, less than a name, and a distant face counts for nothing at all.
FACE_WEIGHT = 2.5
FACE_STRONG_DISTANCE = 0.4
FACE_CLOSE_DISTANCE = 0.5
FACE_NO_EVIDENCE_DISTANCE = 0.7


def measure_face(distance: float | None) -> Measure | None:
    if distance is None:
        return None
    span = FACE_NO_EVIDENCE_DISTANCE - FACE_STRONG_DISTANCE
    similarity = min(1.0, max(0.0, (FACE_NO_EVIDENCE_DISTANCE - distance) / span))
    return Measure(FACE_WEIGHT, similarity, FACE_WEIGHT * similarity, distance)


def describe_face(measure: Measure) -> Message:
    distance = measure.about
    if distance < FACE_CLOSE_DISTANCE:
        code = "face.close"
    elif measure.similarity > 0:
        code = "face.somewhat_close"
    else:
        code = "face.none"
    return message(code, distance=f"{distance:.2f}")


# --- all kinds -------------------------------------------------------------------------------


class Kind(NamedTuple):
    key: str
    measure: Callable[[Profile, Profile], Measure | None]
    describe: Callable[[Profile, Profile, Measure], Message]
    unknown: Message  # the detail when one side does not say


KINDS = (
    Kind("name", measure_name, describe_name, message("name.unknown")),
    Kind("sex", measure_sex, describe_sex, message("sex.unknown")),
    Kind("age", measure_age, describe_age, message("age.unknown")),
    Kind("dates", measure_dates, describe_dates, message("dates.unknown")),
    Kind("birth", measure_birth, describe_birth, message("birth.unknown")),
    Kind("place", measure_place, describe_place, message("place.unknown")),
    Kind("home", measure_home, describe_home, message("home.unknown")),
    Kind("height", measure_height, describe_height, message("height.unknown")),
    Kind("parents", measure_parents, describe_parents, message("parents.unknown")),
    Kind("languages", measure_languages, describe_languages, message("languages.unknown")),
    Kind("marks", measure_marks, describe_marks, message("marks.unknown")),
    Kind("complexion", measure_complexion, describe_complexion, message("complexion.unknown")),
)
FACE_KEY = "face"
FACE_UNKNOWN = message("face.unknown")
