"""Candidates by description, for children who give no usable name.

A child who gives no name, or only a pet name nobody reported, shares no name key with their
report, and may be found far from the district they went missing from. Such a child is
compared by description with every record; a child with a usable name only with the records
that have no name at all (a nameless child found before the report was filed). What is left is the
description: sex, age, dates, place, height, languages, identification marks and complexion.
DescriptionColumns keeps these of every indexed record as numpy-ready columns and ranks all
records against a target at once by the sum of what each would add to the engine's log-odds
(the same measures as evidence.py, without names and parents), after the hard filters. The
best of them are then scored by the whole engine like every other candidate, which alone also
weighs the languages the script of a name says (evidence.py): the columns keep the languages
listed and one set of mark words, as the portal's SQL does. From those words they count each
further mark of the target's whose kind and body part both agree, as the engine does, but
without telling sides apart (a mole on the left cheek is among "mole right cheek" words).

The portal does the same in SQL (apps.matching.selectors.description_candidate_ids).
"""

import math
from array import array

import numpy as np

from apps.matching.engine.descriptions import (
    BODY_PARTS,
    LINGUA_FRANCAS,
    MARK_KINDS,
    SIDES,
    kinds_and_parts,
)
from apps.matching.engine.evidence import (
    AGE_BASE_TOLERANCE,
    AGE_EXCLUSION_MARGIN,
    AGE_EXCLUSION_TOLERANCES,
    AGE_MOST_AGAINST,
    AGE_PENALTY,
    AGE_WEIGHT,
    COMPLETED_YEAR_SHIFT,
    COMPLEXION_PENALTY,
    COMPLEXION_PIVOT,
    COMPLEXION_WEIGHT,
    DATE_GRACE_DAYS,
    DATES_LONG_DAYS,
    DATES_LONG_PENALTY,
    DATES_MISTYPED_PENALTY,
    DATES_NEUTRAL_DAYS,
    DATES_SOON_DAYS,
    DATES_WEIGHT,
    DAYS_PER_YEAR,
    HEIGHT_BASE_TOLERANCE_CM,
    HEIGHT_PENALTY,
    HEIGHT_TOLERANCE_CM_PER_YEAR,
    HEIGHT_WEIGHT,
    LANGUAGE_PENALTY,
    LANGUAGE_WEIGHT,
    LINGUA_FRANCA_PENALTY,
    LINGUA_FRANCA_WEIGHT,
    MARKS_PENALTY,
    MARKS_PIVOT,
    MARKS_WEIGHT,
    PLACE_PENALTY,
    PLACE_PIVOT,
    PLACE_WEIGHT,
    SAME_DISTRICT,
    SAME_STATE,
    SEX_WEIGHT,
)
from apps.matching.engine.profile import Profile
from apps.matching.engine.records import FOUND

# Typical growth (cm a year) of the children compared: the evidence's own curve needs the age.
GROWTH_CM_PER_YEAR = 4.5
_MARK_WORDS = sorted({*MARK_KINDS.values(), *BODY_PARTS.values()})
MARK_SIDE_WORDS = sorted(set(SIDES.values()))
_MARK_BIT = {word: 1 << bit for bit, word in enumerate(_MARK_WORDS)}
_SIDE_BIT = {word: 1 << bit for bit, word in enumerate(MARK_SIDE_WORDS)}
MARK_SIDE_SHARE = 0.5  # a side counts half a kind or body part (descriptions.marks_similarity)
_SEX_CODES = {"": 0, "M": 1, "F": 2}


class DescriptionColumns:
    """The description of every record added, one column per measure, in adding order."""

    def __init__(self):
        self._sex = bytearray()
        self._age_low = array("f")
        self._age_high = array("f")
        self._day = array("i")
        self._height = array("f")
        self._state = array("i")
        self._district = array("i")
        self._languages = array("q")
        self._marks = array("q")
        self._mark_sides = array("q")
        self._complexion = array("b")
        self._named = bytearray()
        self._places: dict[str, int] = {"": 0}
        self._language_bits: dict[str, int] = {}

    def add(self, profile: Profile) -> None:
        low, high = profile.ages or (math.nan, math.nan)
        self._sex.append(_SEX_CODES[profile.sex])
        self._age_low.append(low)
        self._age_high.append(high)
        self._day.append(profile.day or 0)
        self._height.append(math.nan if profile.height is None else profile.height)
        self._state.append(self._place(profile.state))
        self._district.append(self._place(profile.district))
        self._languages.append(self._language_mask(profile.languages, grow=True))
        self._marks.append(_mask(profile.marks, _MARK_BIT))
        self._mark_sides.append(_mask(profile.marks, _SIDE_BIT))
        self._complexion.append(-1 if profile.complexion is None else profile.complexion)
        self._named.append(bool(profile.keys))

    def _place(self, name: str) -> int:
        return self._places.setdefault(name, len(self._places)) if name else 0

    def _language_mask(self, languages: frozenset[str], *, grow: bool = False) -> int:
        mask = 0
        for code in languages:
            bit = self._language_bits.get(code)
            if bit is None and grow and len(self._language_bits) < 63:
                bit = self._language_bits[code] = len(self._language_bits)
            if bit is not None:
                mask |= 1 << bit
        return mask

    def best(self, target: Profile, count: int, chosen) -> list[int]:
        """Up to `count` positions not in `chosen` whose description adds most for `target`,
        best first; the hard filters (sex, date order, ages) are applied. A target with a
        usable name (has_usable_name) is only compared so with records that have no name at
        all: two named reports meet through their names."""
        if count <= 0 or not len(self._sex):
            return []
        keep = self._may_be(target)
        if has_usable_name(target):
            keep &= np.frombuffer(self._named, dtype=np.bool_) == 0
        positions = np.flatnonzero(keep)
        if chosen:
            taken = np.fromiter(chosen, dtype=np.int64, count=len(chosen))
            positions = positions[~np.isin(positions, taken)]
        positions, total = self.scores(target, positions)
        count = min(count, len(positions))
        if count <= 0:
            return []
        top = np.argpartition(-total, count - 1)[:count]
        top = top[np.argsort(-total[top], kind="stable")]
        return [int(position) for position in positions[top]]

    def log_odds(self, target: Profile) -> np.ndarray:
        """What each record's description adds to the log-odds of being `target`'s child;
        -inf where a hard filter rules it out."""
        total = np.full(len(self._sex), -np.inf)
        positions, values = self.scores(target, np.flatnonzero(self._may_be(target)))
        total[positions] = values
        return total

    def _may_be(self, target: Profile) -> np.ndarray:
        """Whether each record passes the cheap hard filters, sex and date order, computed on
        the whole columns at once (the age needs more arithmetic: scores applies it)."""
        sex = np.frombuffer(self._sex, dtype=np.uint8)
        code = _SEX_CODES[target.sex]
        keep = (sex == 0) | (sex == code) if code else np.ones(len(sex), dtype=np.bool_)
        if target.day is not None:
            day = np.frombuffer(self._day, dtype=np.int32)
            if target.record.side == FOUND:
                keep &= (day == 0) | (day <= target.day + DATE_GRACE_DAYS)
            else:
                keep &= (day == 0) | (day >= target.day - DATE_GRACE_DAYS)
        return keep

    def scores(self, target: Profile, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(those of `positions` that pass the age filter, what their descriptions add), for
        positions that passed _may_be: the measures are computed only for the records left."""
        found_target = target.record.side == FOUND
        sex = np.frombuffer(self._sex, dtype=np.uint8)[positions]
        code = _SEX_CODES[target.sex]
        days = self._elapsed_days(target, found_target, positions)
        total = self._age_term(target, days, found_target, positions)
        keep = np.isfinite(total)
        positions, sex, days, total = positions[keep], sex[keep], days[keep], total[keep]
        if code:
            total += np.where(sex == code, SEX_WEIGHT, 0.0)
        total += _dates_term(days)
        total += self._place_term(target, positions)
        total += self._height_term(target, days, found_target, positions)
        total += self._languages_term(target, positions)
        total += self._marks_term(target, found_target, positions)
        total += self._complexion_term(target, positions)
        return positions, total

    # --- hard filters and measures, as in evidence.py -------------------------------------

    def _elapsed_days(self, target: Profile, found_target: bool, positions) -> np.ndarray:
        """Days from going missing to being found; NaN where a date is not known."""
        if target.day is None:
            return np.full(len(positions), np.nan)
        day = np.frombuffer(self._day, dtype=np.int32)[positions].astype(np.float64)
        day[day == 0] = np.nan
        return target.day - day if found_target else day - target.day

    def _age_term(self, target: Profile, days, found_target: bool, positions) -> np.ndarray:
        low = np.frombuffer(self._age_low, dtype=np.float32)[positions].astype(np.float64)
        high = np.frombuffer(self._age_high, dtype=np.float32)[positions].astype(np.float64)
        if target.ages is None:
            return np.zeros(len(low))
        if found_target:
            missing_low, missing_high, found_low, found_high = low, high, *target.ages
        else:
            missing_low, missing_high = target.ages
            found_low, found_high = low, high
        years = np.where(np.isnan(days), np.nan, np.maximum(days, 0) / DAYS_PER_YEAR)
        expected_low = missing_low + COMPLETED_YEAR_SHIFT + np.nan_to_num(years)
        expected_high = (
            missing_high
            + COMPLETED_YEAR_SHIFT
            + np.where(np.isnan(days), 3.0, np.nan_to_num(years))
        )
        gap = np.maximum(0, np.maximum(found_low - expected_high, expected_low - found_high))
        tolerance = (
            AGE_BASE_TOLERANCE + ((expected_high - expected_low) + (found_high - found_low)) / 2
        )
        similarity = np.maximum(0.0, 1.0 - gap / (2 * tolerance))
        weight = AGE_WEIGHT * AGE_BASE_TOLERANCE / tolerance
        value = np.maximum(-AGE_MOST_AGAINST, _contribution(similarity, weight, 0.5, AGE_PENALTY))
        excluded = gap > AGE_EXCLUSION_TOLERANCES * tolerance + AGE_EXCLUSION_MARGIN
        return np.where(np.isnan(gap), 0.0, np.where(excluded, -np.inf, value))

    def _place_term(self, target: Profile, positions) -> np.ndarray:
        state = np.frombuffer(self._state, dtype=np.int32)[positions]
        district = np.frombuffer(self._district, dtype=np.int32)[positions]
        target_state = self._places.get(target.state, -1) if target.state else 0
        target_district = self._places.get(target.district, -1) if target.district else 0
        known_states = (state != 0) & bool(target.state)
        similarity = np.where(
            (district != 0) & (district == target_district),
            SAME_DISTRICT,
            np.where(known_states & (state == target_state), SAME_STATE, 0.0),
        )
        value = _contribution(similarity, PLACE_WEIGHT, PLACE_PIVOT, PLACE_PENALTY)
        known = ((district != 0) & (district == target_district)) | known_states
        return np.where(known, value, 0.0)

    def _height_term(self, target: Profile, days, found_target: bool, positions) -> np.ndarray:
        if target.height is None:
            return np.zeros(len(positions))
        height = np.frombuffer(self._height, dtype=np.float32)[positions].astype(np.float64)
        years = np.maximum(np.nan_to_num(days), 0) / DAYS_PER_YEAR
        missing, found = (height, target.height) if found_target else (target.height, height)
        expected = missing + GROWTH_CM_PER_YEAR * years
        tolerance = HEIGHT_BASE_TOLERANCE_CM + HEIGHT_TOLERANCE_CM_PER_YEAR * years
        similarity = np.maximum(0.0, 1.0 - np.abs(found - expected) / (2 * tolerance))
        value = _contribution(similarity, HEIGHT_WEIGHT, 0.5, HEIGHT_PENALTY)
        return np.where(np.isnan(height), 0.0, value)

    def _languages_term(self, target: Profile, positions) -> np.ndarray:
        if not target.languages:
            return np.zeros(len(positions))
        languages = np.frombuffer(self._languages, dtype=np.int64)[positions]
        mine = self._language_mask(target.languages)
        francas = self._language_mask(LINGUA_FRANCAS)
        shared = languages & mine
        regional = (shared & ~francas) != 0
        theirs_franca_only = (languages & ~francas) == 0
        mine_franca_only = target.languages <= LINGUA_FRANCAS
        # Codes the index has never seen cannot be shared: the target has more languages
        # than its mask shows, which only matters for the share below.
        counts = np.minimum(np.bitwise_count(languages), len(target.languages))
        share = np.bitwise_count(shared) / np.maximum(counts, 1)
        weight = np.where(regional, LANGUAGE_WEIGHT, LINGUA_FRANCA_WEIGHT)
        against = np.where(
            theirs_franca_only | mine_franca_only, -LINGUA_FRANCA_PENALTY, -LANGUAGE_PENALTY
        )
        value = np.where(shared != 0, weight * share, against)
        return np.where(languages == 0, 0.0, value)

    def _marks_term(self, target: Profile, found_target: bool, positions) -> np.ndarray:
        mine, my_sides = _mask(target.marks, _MARK_BIT), _mask(target.marks, _SIDE_BIT)
        if not mine and not my_sides:
            return np.zeros(len(positions))
        marks = np.frombuffer(self._marks, dtype=np.int64)[positions]
        sides = np.frombuffer(self._mark_sides, dtype=np.int64)[positions]
        my_weight = bin(mine).count("1") + MARK_SIDE_SHARE * bin(my_sides).count("1")
        their_weight = np.bitwise_count(marks) + MARK_SIDE_SHARE * np.bitwise_count(sides)
        shared = np.bitwise_count(marks & mine) + MARK_SIDE_SHARE * np.bitwise_count(
            sides & my_sides
        )
        # The share of the description with fewer words found in the other, the missing
        # report's when both have as many (marks_similarity).
        their_count = np.bitwise_count(marks) + np.bitwise_count(sides)
        my_count = bin(mine).count("1") + bin(my_sides).count("1")
        theirs_shorter = their_count <= my_count if found_target else their_count < my_count
        shorter = np.where(theirs_shorter, their_weight, my_weight)
        similarity = np.where(shorter > 0, shared / np.maximum(shorter, 1e-9), 0.0)
        value = _contribution(similarity, MARKS_WEIGHT, MARKS_PIVOT, MARKS_PENALTY)
        value += MARKS_WEIGHT * _further_marks(target, marks)
        return np.where(their_weight > 0, value, 0.0)

    def _complexion_term(self, target: Profile, positions) -> np.ndarray:
        if target.complexion is None:
            return np.zeros(len(positions))
        complexion = np.frombuffer(self._complexion, dtype=np.int8)[positions].astype(np.float64)
        similarity = 1.0 - np.abs(complexion - target.complexion) / 3
        value = _contribution(similarity, COMPLEXION_WEIGHT, COMPLEXION_PIVOT, COMPLEXION_PENALTY)
        return np.where(complexion < 0, 0.0, value)


def _further_marks(target: Profile, marks: np.ndarray) -> np.ndarray:
    """How many more of the target's marks than one are among each record's mark words, kind
    and body part both: the engine's further agreeing marks (evidence.measure_marks), read
    from one set of words, so that a side is not told apart."""
    agreeing = np.zeros(len(marks), dtype=np.int64)
    for mask in {_mask(words, _MARK_BIT) for words in kinds_and_parts(target.separate_marks)}:
        agreeing += (marks & mask) == mask
    return np.maximum(agreeing - 1, 0)


def has_usable_name(profile: Profile) -> bool:
    """A given name, not only a pet name or words millions share (Kumari, Md.)."""
    return bool(profile.name_words)


def _dates_term(days: np.ndarray) -> np.ndarray:
    """evidence.measure_dates over all records; -inf for a found date long before missing."""
    counted = np.maximum(np.nan_to_num(days, nan=DATES_SOON_DAYS), DATES_SOON_DAYS)
    soon = (
        DATES_WEIGHT
        * np.log(DATES_NEUTRAL_DAYS / counted)
        / math.log(DATES_NEUTRAL_DAYS / DATES_SOON_DAYS)
    )
    share = np.log(counted / DATES_NEUTRAL_DAYS) / math.log(DATES_LONG_DAYS / DATES_NEUTRAL_DAYS)
    late = -DATES_LONG_PENALTY * np.minimum(1.0, share)
    value = np.where(counted <= DATES_NEUTRAL_DAYS, soon, late)
    mistyped = -DATES_MISTYPED_PENALTY * np.minimum(1.0, -days / DATE_GRACE_DAYS)
    value = np.where(days < 0, mistyped, value)
    value = np.where(days < -DATE_GRACE_DAYS, -np.inf, value)
    return np.where(np.isnan(days), 0.0, value)


def _contribution(similarity, weight, pivot: float, penalty: float) -> np.ndarray:
    """evidence.contribution over arrays."""
    above = weight * (similarity - pivot) / (1 - pivot)
    below = -penalty * (pivot - similarity) / pivot
    return np.where(similarity >= pivot, above, below)


def _mask(words: frozenset[str], bits: dict[str, int]) -> int:
    mask = 0
    for word in words:
        mask |= bits.get(word, 0)
    return mask
