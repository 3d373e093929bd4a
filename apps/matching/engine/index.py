"""Candidate generation: which of a million reports are worth scoring against a new one.

Scoring a pair takes tens of microseconds, so a query cannot score every record of the other
side. CandidateIndex keeps seven ways in, and scores only their union:

1. name keys: posting lists from each blocking key (see blocking_keys) to the records that
   have it; records sharing more keys come first; then the records of the keys one slip of
   the pen away (apps.names.keys.keys_one_slip_away), nearest in place and age first;
2. parents' name keys, the same way (a child who gives no name may still name a parent);
3. place: records of the same district, nearest in age first (for children who give no name
   or only a name the report does not have);
4. face: the nearest stored face encodings, by an exact search over all of them;
5. date of birth: records born on the same day;
6. description: across the whole index, the records whose sex, age, dates, place, height,
   languages, marks and complexion add most to the log-odds (description_index.py);
7. home: records of a district the child is from (a found child's account of home against
   where missing children lived), nearest in age first.

The hard filters (sex, dates, age) are applied to every candidate before it is scored, on
compact per-record arrays so that long posting lists can be filtered quickly.
"""

import heapq
import math
from array import array
from collections import Counter, defaultdict
from dataclasses import replace

from apps.matching.engine.description_index import DescriptionColumns
from apps.matching.engine.evidence import (
    AGE_EXCLUSION_MARGIN,
    DATE_GRACE_DAYS,
    FACE_NO_EVIDENCE_DISTANCE,
    NAMED_AGE_EXCLUSION_MARGIN,
    ages_apart,
    ages_irreconcilable,
    exclusion,
)
from apps.matching.engine.faces import FaceStore
from apps.matching.engine.profile import Profile, read_profile
from apps.matching.engine.records import FOUND, ChildRecord, MatchScore
from apps.matching.engine.scoring import explain_pair, pair_log_odds, shortlist
from apps.names.keys import keys_one_slip_away

DEFAULT_CANDIDATE_LIMIT = 1000
DISTRICT_CANDIDATES = 200
PARENT_CANDIDATES = 100
FACE_CANDIDATES = 50
# Records born on the target's day of birth; a day shared by more (a default date such as
# the first of January) brings in none.
BIRTH_CANDIDATES = 50
# Records whose description (sex, age, dates, place, height, languages, marks, complexion)
# adds most, wherever they are: children who give no usable name (description_index.py).
DESCRIPTION_CANDIDATES = 50
# Records of the districts the child is from (evidence.measure_home), the closest in age.
HOME_CANDIDATES = 50
# Records whose name key is one slip away from one of the target's: a name misspelt in a
# consonant ("Prahbat" for Prabhat) shares no key with the report, and a child found in another
# district shares no district either.
SLIPPED_KEY_CANDIDATES = 20
# A key shared by more records than this (a very common name) is only used to rank records
# found through the target's other keys, not to bring in candidates of its own.
COMMON_KEY_SIZE = 50_000

_SEX_CODES = {"": 0, "M": 1, "F": 2}
_VOWELS = "aeiou"
_NO_DAY = 0
_NAN = math.nan


def blocking_keys(record: ChildRecord) -> list[str]:
    """The indexed keys of a record: apps.names.keys skeletons of every given-name word in
    its name, local-script name and other names (nicknames, aliases), with titles, fillers,
    relatives ("S/O ...") and weak words (Kumari, Md., Singh) left out."""
    return list(read_profile(record).keys)


class CandidateIndex:
    """In-memory index of the reports of one side, queried with a report of the other side."""

    def __init__(self, *, common_key_size: int = COMMON_KEY_SIZE):
        self.common_key_size = common_key_size
        self._profiles: list[Profile] = []
        self._postings: dict[str, array] = {}
        self._parent_postings: dict[str, array] = {}
        self._districts: dict[str, array] = {}
        self._homes: dict[str, array] = {}
        self._births: dict[int, array] = {}
        self._sex = bytearray()
        self._age_low = array("f")
        self._age_high = array("f")
        self._day = array("i")
        self._faces = FaceStore()
        self._descriptions = DescriptionColumns()

    def __len__(self) -> int:
        return len(self._profiles)

    @property
    def face_count(self) -> int:
        return len(self._faces)

    def nearest_faces(self, face, count: int = 10, max_distance: float = 2.0):
        """(record, distance) of the stored faces nearest to `face`: exact search, no filters."""
        return [
            (self.record(position), distance)
            for position, distance in self._faces.nearest(face, count, max_distance)
        ]

    # --- building ---------------------------------------------------------------------------

    def add(self, record: ChildRecord) -> None:
        position = len(self._profiles)
        if record.face is not None and self._faces.add(position, record.face):
            record = replace(record, face=None)  # kept once, as a float32 row of the store
        profile = read_profile(record)
        self._profiles.append(profile)
        for key in profile.keys:
            self._postings.setdefault(key, array("i")).append(position)
        for key in profile.parent_keys:
            self._parent_postings.setdefault(key, array("i")).append(position)
        if profile.district:
            self._districts.setdefault(profile.district, array("i")).append(position)
        for district in profile.home_districts:
            self._homes.setdefault(district, array("i")).append(position)
        if profile.born is not None:
            self._births.setdefault(profile.born, array("i")).append(position)
        self._sex.append(_SEX_CODES[profile.sex])
        low, high = profile.ages or (_NAN, _NAN)
        self._age_low.append(low)
        self._age_high.append(high)
        self._day.append(profile.day or _NO_DAY)
        self._descriptions.add(profile)

    def record(self, position: int) -> ChildRecord:
        record = self._profiles[position].record
        if self._faces.has(position):
            return replace(record, face=self._faces.vector(position))
        return record

    # --- querying ---------------------------------------------------------------------------

    def candidates(
        self, target: ChildRecord, limit: int = DEFAULT_CANDIDATE_LIMIT
    ) -> list[ChildRecord]:
        """Records that may be `target` (hard filters applied), most promising first."""
        found = self._candidate_positions(read_profile(target), limit)
        return [self.record(position) for position in found]

    def top_matches(
        self, target: ChildRecord, top: int = 10, limit: int = DEFAULT_CANDIDATE_LIMIT
    ) -> list[tuple[ChildRecord, MatchScore]]:
        """The `top` best-scoring candidates for `target`, best first.

        Every candidate is ranked by its summed evidence; only the best are explained in
        words. The scores are exactly score_pair's. For a child who gives no usable name the
        last places go to the best by all evidence but the name (scoring.shortlist).
        """
        profile = read_profile(target)
        ranked = sorted(
            (-self._log_odds(profile, position), self._profiles[position].record.id, position)
            for position in self._candidate_positions(profile, limit)
        )
        chosen = shortlist(
            profile, ranked, top, lambda item: self._as_pair(profile, self._profiles[item[2]])
        )
        return [
            (self.record(position), self._explain(profile, position)) for _, _, position in chosen
        ]

    def _face_distance(self, target: Profile, position: int) -> float | None:
        if target.record.face is None:
            return None
        return self._faces.distance(position, target.record.face)

    def _log_odds(self, target: Profile, position: int) -> float:
        missing, found = self._as_pair(target, self._profiles[position])
        return pair_log_odds(missing, found, self._face_distance(target, position))

    def _explain(self, target: Profile, position: int) -> MatchScore:
        missing, found = self._as_pair(target, self._profiles[position])
        return explain_pair(missing, found, self._face_distance(target, position))

    @staticmethod
    def _as_pair(target: Profile, candidate: Profile) -> tuple[Profile, Profile]:
        """(missing, found): a found target is compared with missing reports and back."""
        return (candidate, target) if target.record.side == FOUND else (target, candidate)

    def _candidate_positions(self, target: Profile, limit: int) -> list[int]:
        """Up to `limit` positions: nearest faces, then name keys, parents' keys and the
        district, each way in keeping a share of the limit for the ones after it."""
        compatible = _Compatibility(self, target)
        chosen: dict[int, None] = {}  # insertion-ordered set
        for position in self._by_face(target, compatible, min(FACE_CANDIDATES, limit)):
            chosen[position] = None
        home_budget = min(HOME_CANDIDATES, limit - len(chosen))
        for position in self._by_home(target, compatible, home_budget, chosen):
            chosen[position] = None
        district_share = min(DISTRICT_CANDIDATES, limit // 5)
        parent_share = min(PARENT_CANDIDATES, limit // 10)
        description_share = min(DESCRIPTION_CANDIDATES, limit // 10)
        name_budget = limit - len(chosen) - district_share - parent_share - description_share
        # Ages further apart are let through here: the exact check below keeps those whose
        # names agree (evidence.NAMED_AGE_EXCLUSION_MARGIN).
        named = _Compatibility(self, target, age_margin=NAMED_AGE_EXCLUSION_MARGIN)
        for position in self._by_keys(self._postings, target.keys, named, name_budget, chosen):
            chosen[position] = None
        slipped = self._by_slipped_keys(target, named, SLIPPED_KEY_CANDIDATES, chosen)
        for position in slipped:
            chosen[position] = None
        for position in self._by_birth(target, compatible, chosen):
            chosen[position] = None
        parent_budget = limit - len(chosen) - district_share - description_share
        by_parents = self._by_keys(
            self._parent_postings, target.parent_keys, compatible, parent_budget, chosen
        )
        for position in by_parents:
            chosen[position] = None
        description_budget = min(description_share, limit - len(chosen) - district_share)
        for position in self._descriptions.best(target, description_budget, chosen):
            chosen[position] = None
        for position in self._by_district(target, compatible, limit - len(chosen), chosen):
            chosen[position] = None
        # The arrays only approximate the hard filters; the exact check has the last word.
        return [
            position
            for position in chosen
            if self._excluded(target, self._profiles[position]) is None
        ]

    def _by_face(self, target: Profile, compatible, budget: int) -> list[int]:
        if target.record.face is None or budget <= 0:
            return []
        nearest = self._faces.nearest(target.record.face, budget, FACE_NO_EVIDENCE_DISTANCE)
        return [position for position, _ in nearest if compatible(position)]

    def _by_birth(self, target: Profile, compatible, chosen) -> list[int]:
        """Records born on the same day: few, and as telling as a name."""
        posting = self._births.get(target.born) if target.born is not None else None
        if not posting or len(posting) > BIRTH_CANDIDATES:
            return []
        return [p for p in posting if p not in chosen and compatible(p)]

    def _excluded(self, target: Profile, candidate: Profile) -> str | None:
        return exclusion(*self._as_pair(target, candidate))

    def _by_keys(
        self, postings: dict, keys: tuple[str, ...], compatible, budget: int, chosen
    ) -> list[int]:
        """Records sharing the most keys with the target, then the nearest in place and age."""
        if budget <= 0 or not keys:
            return []
        shared: Counter = Counter()
        common = []
        for key in keys:
            posting = postings.get(key)
            if posting is None:
                continue
            if len(posting) > self.common_key_size:
                common.append(posting)
            else:
                shared.update(posting)
        if not shared and common:
            # Only very common keys: take the smallest list rather than nothing.
            smallest = min(common, key=len)
            common.remove(smallest)
            shared.update(smallest)
        for posting in common:
            members = set(posting)
            for position in shared:
                if position in members:
                    shared[position] += 1
        positions = [p for p in shared if p not in chosen and compatible(p)]
        if len(positions) <= budget:
            return positions
        return _best_by_shared_keys(positions, shared, compatible, budget)

    def _by_slipped_keys(self, target: Profile, compatible, budget: int, chosen) -> list[int]:
        postings = [self._postings.get(key, ()) for key in slipped_keys(target.keys)]
        positions = dict.fromkeys(position for posting in postings for position in posting)
        # The nearest of them all, as the portal's database takes them, less those already in.
        nearest = _nearest_in_age(positions, compatible, budget, chosen={})
        return [position for position in nearest if position not in chosen]

    def _by_district(self, target: Profile, compatible, budget: int, chosen) -> list[int]:
        posting = self._districts.get(target.district) if target.district else None
        return _nearest_in_age(posting or (), compatible, budget, chosen)

    def _by_home(self, target: Profile, compatible, budget: int, chosen) -> list[int]:
        homes = [self._homes.get(district, ()) for district in sorted(target.home_districts)]
        postings = dict.fromkeys(position for posting in homes for position in posting)
        return _nearest_in_age(postings, compatible, budget, chosen)


def slipped_keys(keys) -> list[str]:
    """The keys one slip away from any of `keys` that are not among them, in a fixed order."""
    slipped = set().union(*(keys_one_slip_away(key) for key in keys)) if keys else set()
    return sorted(slipped - set(keys))


def _nearest_in_age(positions, compatible, budget: int, chosen) -> list[int]:
    if budget <= 0:
        return []
    positions = [p for p in positions if p not in chosen and compatible(p)]
    return heapq.nsmallest(budget, positions, key=lambda position: compatible.rank(position, 0))


def _best_by_shared_keys(positions: list[int], shared: Counter, compatible, budget: int):
    """The `budget` positions sharing most keys; ties broken by place and age. Only the group
    that does not fit whole is ranked in full, since ranking costs more than counting."""
    groups = defaultdict(list)
    for position in positions:
        groups[shared[position]].append(position)
    best: list[int] = []
    for count in sorted(groups, reverse=True):
        room = budget - len(best)
        if room <= 0:
            break
        best += heapq.nsmallest(room, groups[count], key=lambda p: compatible.rank(p, count))
    return best


class _Compatibility:
    """The hard filters and a cheap ranking, read from the index's compact arrays."""

    def __init__(
        self, index: CandidateIndex, target: Profile, age_margin: float = AGE_EXCLUSION_MARGIN
    ):
        self.index = index
        self.age_margin = age_margin
        self.target_is_found = target.record.side == FOUND
        self.sex = _SEX_CODES[target.sex]
        low, high = target.ages or (_NAN, _NAN)
        self.low, self.high = low, high
        self.day = target.day or _NO_DAY
        self.district, self.state = target.district, target.state

    def __call__(self, position: int) -> bool:
        index = self.index
        sex = index._sex[position]
        if sex and self.sex and sex != self.sex:
            return False
        days = self._days(position)
        if days is not None and days < -DATE_GRACE_DAYS:
            return False
        return not ages_irreconcilable(*self._age_gap(position, days), self.age_margin)

    def rank(self, position: int, shared_keys: int) -> tuple:
        """Sort key: more shared name keys, then same district or state, then closer age."""
        profile = self.index._profiles[position]
        place = 2 if profile.district and profile.district == self.district else 0
        place = place or (1 if profile.state and profile.state == self.state else 0)
        gap, tolerance = self._age_gap(position, self._days(position))
        return (-shared_keys, -place, gap / tolerance if tolerance else 0.0)

    def _days(self, position: int) -> int | None:
        """Days from going missing to being found, or None."""
        other = self.index._day[position]
        if other == _NO_DAY or self.day == _NO_DAY:
            return None
        return self.day - other if self.target_is_found else other - self.day

    def _age_gap(self, position: int, days: int | None) -> tuple[float, float]:
        """evidence.ages_apart for the target and one record; (0, 1) when either has no age."""
        index = self.index
        other = (index._age_low[position], index._age_high[position])
        if math.isnan(other[0]) or math.isnan(self.low):
            return 0.0, 1.0
        if self.target_is_found:
            return ages_apart(other, (self.low, self.high), days)
        return ages_apart((self.low, self.high), other, days)
