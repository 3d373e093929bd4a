"""Reads for matching: candidate sets for the engine, review queues and who may decide."""

import math
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction
from apps.matching.engine import DATE_GRACE_DAYS
from apps.matching.engine.description_index import (
    GROWTH_CM_PER_YEAR,
    MARK_SIDE_SHARE,
    MARK_SIDE_WORDS,
    has_usable_name,
)
from apps.matching.engine.descriptions import LINGUA_FRANCAS, kinds_and_parts
from apps.matching.engine.duplicates import AGE_AGAIN_TOLERANCE
from apps.matching.engine.evidence import (
    AGE_BASE_TOLERANCE,
    AGE_EXCLUSION_MARGIN,
    AGE_EXCLUSION_TOLERANCES,
    AGE_MOST_AGAINST,
    AGE_PENALTY,
    AGE_WEIGHT,
    COMPLETED_YEAR_SHIFT,
    DATES_LONG_DAYS,
    DATES_LONG_PENALTY,
    DATES_MISTYPED_PENALTY,
    DATES_NEUTRAL_DAYS,
    DATES_SOON_DAYS,
    DATES_WEIGHT,
    DAYS_PER_YEAR,
    FACE_NO_EVIDENCE_DISTANCE,
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
    NAMED_AGE_EXCLUSION_MARGIN,
    PLACE_PENALTY,
    PLACE_PIVOT,
    PLACE_WEIGHT,
    SAME_SIDE_AGE_EXCLUSION_MARGIN,
    SAME_STATE,
    SEX_WEIGHT,
    contribution,
)
from apps.matching.engine.faces import FACE_DIMENSIONS, closest_faces, face_distance
from apps.matching.engine.index import (
    FACE_CANDIDATES,
    HOME_CANDIDATES,
    SLIPPED_KEY_CANDIDATES,
    slipped_keys,
)
from apps.matching.engine.profile import read_profile
from apps.matching.face_index import nearest_open_faces
from apps.matching.models import (
    DISTRICT_KEY_PREFIX,
    HOME_KEY_PREFIX,
    CandidateKind,
    CandidateStatus,
    FaceStatus,
    MatchCandidate,
)
from apps.reports.choices import ReportKind, Sex, Status
from apps.reports.models import IdentificationMark, Report
from apps.reports.selectors import HOME_FIELDS, can_search, has_full_access, home_of_report

# How many candidates the database hands to the engine: enough for recall across the country,
# few enough to score within the time budget (docs/matching.md, "The production path").
KEY_CANDIDATE_LIMIT = 400
DISTRICT_CANDIDATE_LIMIT = 200
# Of the same district's reports, this many of the closest in time are ranked by how well
# their ages agree (as the engine's age evidence would), and DISTRICT_CANDIDATE_LIMIT kept.
DISTRICT_POSTINGS_READ = 2000
SCORED_CANDIDATES = 200
# Reports of the other side from the districts the child is from (home_candidate_ids): of the
# closest in time, those whose ages agree best.
HOME_POSTINGS_READ = 2000
HOME_CANDIDATE_LIMIT = HOME_CANDIDATES
# Children who give no usable name: of the open reports of each side and sex that may be the
# child, this many of the closest in time are ranked by description, and the best scored.
DESCRIPTION_ROWS_READ = 1000  # across India
DESCRIPTION_STATE_ROWS_READ = 2000  # of the same State/UT
DESCRIPTION_CANDIDATE_LIMIT = 50

# Two reports of one child nearly always share a name key and a district, so the duplicate
# search scores fewer: a missing report's candidates of its own side are missing reports,
# whose names and parents' names cost the most to read.
DUPLICATE_CANDIDATES = 100
# At most this many of a name key's reports are read, the closest in time first: a very common
# key ("Monu", "Guddu") has tens of thousands, and reading them all costs more than it brings.
KEY_POSTINGS_READ = 5000
# Of a key one slip away from the report's, at most this many: such a key is a different name,
# and most of its reports are other children.
SLIPPED_POSTINGS_READ = 200
# Earlier cases compared with a new missing report: a repeat needs a strong match (a score
# of 65), which those sharing the most name keys, in the same district, give.
EARLIER_CASES_LIMIT = 100
# Reports of the same side are read the newest first from this long after the report's date: a
# second report of one child mostly follows the first within days, and seldom comes years later.
DUPLICATE_READ_AHEAD = timedelta(days=365)
RECENTLY_CHANGED = timedelta(days=2)
REMATCH_CYCLE_DAYS = 30
# What the engine reads of a candidate (apps.matching.records.child_record), and no more: wide
# rows cost more to load than to score.
RECORD_FIELDS = (
    "id",
    "kind",
    "full_name",
    "other_names",
    "name_local",
    "sex",
    "age_min",
    "age_max",
    "event_at",
    "date_of_birth",
    "event_state__name_en",
    "event_district__name_en",
    "event_locality",
    "event_landmark",
    "height_cm",
    "complexion",
    "identification_marks",
    "languages",
    "mother_tongue",
    "told_language",
    "father_name",
    "told_parent_names",
    "mother_name",
    "guardian_name",
    *(name for name in HOME_FIELDS if name != "kind"),
)
MARK_FIELDS = ("report_id", "kind", "side", "body_part", "description")
FACE_STATUSES = (FaceStatus.OK, FaceStatus.SEVERAL_FACES)
# A child a citizen saw is matched like a child the police found.
FOUND_SIDE = (ReportKind.FOUND, ReportKind.SIGHTING)
# Face candidates (face_candidate_ids): a face farther than this adds nothing to a pair's score
# (apps.matching.engine.evidence.measure_face), so it could not be why the engine proposes a
# pair; as many of the nearest as the engine's own index takes by face.
FACE_CANDIDATE_DISTANCE = FACE_NO_EVIDENCE_DISTANCE
FACE_CANDIDATE_LIMIT = FACE_CANDIDATES

# The postings of one key ({key}) of one wanted kind that pass the hard filters (with the age
# test {age_test}), the `read` closest in time, from the index alone: the name keys', the
# district's and the home districts' candidates.
_NEAREST_POSTINGS = """
    SELECT {columns}
    FROM matching_candidatekey AS posting
    WHERE posting.key = {key} AND posting.status = 'open'
      AND posting.kind = wanted_kind.kind
      AND posting.event_at {date_test} %(date_bound)s
      AND {sex_test} AND {age_test}
    ORDER BY posting.event_at {order}
    LIMIT {read}
"""


def _nearest_postings(
    sql: dict,
    *,
    key: str,
    read: str,
    columns: str = "report_id, event_at, age_min, age_max",
    age_test: str = "age_test",
) -> str:
    """_NEAREST_POSTINGS with a _Filters' SQL; `age_test` names which of its age tests."""
    return _NEAREST_POSTINGS.format(
        **{**sql, "age_test": sql[age_test]}, key=key, read=read, columns=columns
    )


def _name_key_postings(sql: dict, columns: str) -> str:
    """The postings of each wanted name key, at most %(per_key)s: reports whose names agree
    are let through further apart in age (evidence.NAMED_AGE_EXCLUSION_MARGIN)."""
    return _nearest_postings(
        sql, key="wanted.key", read="%(per_key)s", columns=columns, age_test="named_age_test"
    )


# Candidates from the posting lists of matching_candidatekey (CandidateKey): for each of the
# report's name keys the closest compatible reports in time, read from the index alone, then
# ranked by how many keys each shares, same district, same state, closeness in time; and, of
# the same district's reports closest in time, those whose age agrees best. The {...} parts
# are filled in for the report's side (see _Filters).
# Each side's kind (found and sighting) is read apart, `posting.kind = wanted_kind.kind`: with
# `kind = ANY(...)` the index no longer gives the postings in time order, so PostgreSQL read
# every posting of the key or district and sorted them (in parallel workers for a busy
# district: 100-200 ms on a loaded machine) where it now stops at the LIMIT.
_CANDIDATES_SQL = """
WITH by_key AS (
    SELECT found.*
    FROM unnest(%(keys)s::varchar[]) AS wanted(key)
    CROSS JOIN LATERAL (
        SELECT of_kind.*
        FROM unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
        CROSS JOIN LATERAL ({key_postings}) AS of_kind
        ORDER BY of_kind.event_at {order}
        LIMIT %(per_key)s
    ) AS found
),
ranked AS (
    SELECT report_id, count(*) AS shared
    FROM by_key
    GROUP BY report_id
    ORDER BY count(*) DESC,
             (max(district_id) = %(district)s) IS TRUE DESC,
             (max(state_id) = %(state)s) IS TRUE DESC,
             abs(extract(epoch FROM max(event_at) - %(event_at)s)) ASC,
             report_id
    LIMIT %(key_limit)s
)
SELECT report_id, shared FROM ranked
UNION ALL
(
    SELECT report_id, 0
    FROM (
        SELECT of_kind.*
        FROM unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
        CROSS JOIN LATERAL ({district_postings}) AS of_kind
        ORDER BY of_kind.event_at {order}
        LIMIT %(district_read)s
    ) AS nearby
    ORDER BY {age_gap}, abs(extract(epoch FROM event_at - %(event_at)s)), report_id
    LIMIT %(district_limit)s
)
"""
# Years from going missing to being found (0 when the found date comes first); a year is
# 365.25 days of 86,400 seconds, as in the engine.
_YEARS_APART = "greatest(0, date_part('epoch', {found} - {missing})) / 31557600"
# The engine compares local dates, this timestamps: a little slack so that SQL never rules
# out a pair the engine would keep.
_SQL_AGE_SLACK_YEARS = 0.05


def _age_sql(
    missing: tuple[str, str],
    found: tuple[str, str],
    years: str,
    margin: float = AGE_EXCLUSION_MARGIN,
) -> tuple[str, str]:
    """SQL for (the gap between the ages, whether the engine would still compare them):
    apps.matching.engine.evidence.ages_apart and ages_irreconcilable with `margin`, with
    (age_min, age_max) of each side as SQL expressions."""
    gap, tolerance = _age_gap_sql(missing, found, years)
    limit = f"{AGE_EXCLUSION_TOLERANCES} * {tolerance} + {margin}"
    return gap, f"{gap} <= {limit} + {_SQL_AGE_SLACK_YEARS}"


def _age_gap_sql(missing: tuple[str, str], found: tuple[str, str], years: str) -> tuple[str, str]:
    """SQL for evidence.ages_apart: (the gap between the ages, its tolerance)."""
    low = f"({missing[0]} + {COMPLETED_YEAR_SHIFT} + {years})"
    high = f"({missing[1]} + {COMPLETED_YEAR_SHIFT} + {years})"
    gap = f"greatest(0, {found[0]} - {high}, {low} - {found[1]})"
    widths = f"(({missing[1]} - {missing[0]}) + ({found[1]} - {found[0]}))"
    return gap, f"({AGE_BASE_TOLERANCE} + {widths} / 2.0)"


def candidate_ids(report: Report, keys: list[str], *, same_side: bool = False) -> list[int]:
    """Open reports of the other side (of the same side with `same_side`: possible duplicates)
    that could be this child, most promising first (at most SCORED_CANDIDATES, or
    DUPLICATE_CANDIDATES of the same side): sharing the
    most of its name `keys` (apps.matching.engine.blocking_keys), then in the same district or
    state, then the closest in time; then reports of the same district. The engine's hard
    filters (sex, dates, age) are already applied."""
    filters = _SameSideFilters(report) if same_side else _Filters(report)
    params = {
        **filters.params,
        "keys": list(keys),
        "per_key": KEY_POSTINGS_READ,
        "key_limit": KEY_CANDIDATE_LIMIT,
        "district": report.event_district_id,
        "state": report.event_state_id,
        "event_at": report.event_at,
        "district_key": f"{DISTRICT_KEY_PREFIX}{report.event_district_id}",
        "district_limit": DISTRICT_CANDIDATE_LIMIT,
        "district_read": DISTRICT_POSTINGS_READ,
    }
    with connection.cursor() as cursor:
        key_postings = _name_key_postings(filters.sql, "report_id, district_id, state_id, event_at")
        district_postings = _nearest_postings(
            filters.sql, key="%(district_key)s", read="%(district_read)s"
        )
        statement = _CANDIDATES_SQL.format(
            **filters.sql, key_postings=key_postings, district_postings=district_postings
        )
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    # A report sharing keys and in the district comes once, with its keys.
    chosen = list(dict.fromkeys(report_id for report_id, _ in rows if report_id != report.pk))
    return chosen[: DUPLICATE_CANDIDATES if same_side else SCORED_CANDIDATES]


# Candidates from the name keys one slip of the pen away from the report's (engine.index
# slipped_keys): for each such key the closest compatible reports in time, at most
# SLIPPED_POSTINGS_READ, read from the index alone (most of the keys have none), ranked as the
# engine's index ranks them: same district, same State/UT, then how well the ages agree.
_SLIPPED_KEY_CANDIDATES_SQL = """
SELECT report_id
FROM (
    SELECT DISTINCT ON (report_id) report_id, event_at, age_min, age_max, district_id, state_id
    FROM unnest(%(keys)s::varchar[]) AS wanted(key)
    CROSS JOIN unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
    CROSS JOIN LATERAL ({slipped_postings}) AS slipped
    ORDER BY report_id
) AS postings
ORDER BY (district_id = %(district)s) IS TRUE DESC, (state_id = %(state)s) IS TRUE DESC,
         {age_rank}, abs(extract(epoch FROM event_at - %(event_at)s)), report_id
LIMIT %(limit)s
"""


def slipped_key_candidate_ids(
    report: Report, keys: list[str], *, same_side: bool = False
) -> list[int]:
    """Open reports of the other side (of the same side with `same_side`: possible duplicates)
    whose name has a key one slip away from one of the report's name `keys` ("Prahbat" for
    Prabhat), nearest in place and age first (at most SLIPPED_KEY_CANDIDATES, as the engine's
    index takes); the hard filters applied."""
    slipped = slipped_keys(keys)
    if not slipped:
        return []
    filters = _SameSideFilters(report) if same_side else _Filters(report)
    params = {
        **filters.params,
        "keys": slipped,
        "per_key": SLIPPED_POSTINGS_READ,
        "district": report.event_district_id,
        "state": report.event_state_id,
        "event_at": report.event_at,
        "limit": SLIPPED_KEY_CANDIDATES,
    }
    with connection.cursor() as cursor:
        slipped_postings = _name_key_postings(
            filters.sql, "report_id, event_at, age_min, age_max, district_id, state_id"
        )
        statement = _SLIPPED_KEY_CANDIDATES_SQL.format(
            **filters.sql, slipped_postings=slipped_postings
        )
        cursor.execute(statement, params)
        return [report_id for (report_id,) in cursor.fetchall()]


# Candidates from where the child is from (Report.home_district_ids, postings "h:<district id>"):
# the reports of the other side that name one of the same districts as home, as many as the
# closest in time hold, ranked by how well their ages agree, then closeness in time.
_HOME_CANDIDATES_SQL = """
SELECT report_id
FROM unnest(%(home_keys)s::varchar[]) AS wanted(key)
CROSS JOIN unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
CROSS JOIN LATERAL ({home_postings}) AS from_home
ORDER BY {age_gap}, abs(extract(epoch FROM event_at - %(event_at)s)), report_id
LIMIT %(home_limit)s
"""


def home_candidate_ids(report: Report) -> list[int]:
    """Open reports of the other side whose child is from a district this child is from: for
    a found child who named home, the missing reports of that district (where the child went
    missing or lived); for a missing child, the found children who named its districts. The
    engine's hard filters are already applied."""
    home = home_of_report(report).districts
    if not home:
        return []
    filters = _Filters(report)
    params = {
        **filters.params,
        "home_keys": [f"{HOME_KEY_PREFIX}{district}" for district in sorted(home)],
        "event_at": report.event_at,
        "home_read": HOME_POSTINGS_READ,
        "home_limit": HOME_CANDIDATE_LIMIT,
    }
    with connection.cursor() as cursor:
        home_postings = _nearest_postings(filters.sql, key="wanted.key", read="%(home_read)s")
        cursor.execute(
            _HOME_CANDIDATES_SQL.format(**filters.sql, home_postings=home_postings), params
        )
        rows = cursor.fetchall()
    return list(dict.fromkeys(report_id for (report_id,) in rows if report_id != report.pk))


class _Filters:
    """The engine's hard filters on the other side, as SQL on matching_candidatekey: sex,
    date order (with the grace period) and ages that can still be the same child; and the
    age gap, to rank by."""

    def __init__(self, report: Report):
        missing = report.kind == ReportKind.MISSING
        grace = timedelta(days=DATE_GRACE_DAYS)
        sexes = _compatible_sexes(report.sex)
        self.params = {
            "kinds": list(FOUND_SIDE) if missing else [ReportKind.MISSING],
            "sexes": sexes or [],
            "age_min": report.age_min,
            "age_max": report.age_max,
        }
        # In float8: numeric arithmetic (what smallint + 0.5 gives) costs several times as
        # much over the thousands of postings read.
        its_ages = ("%(age_min)s::float8", "%(age_max)s::float8")
        their_ages = ("age_min::float8", "age_max::float8")
        if missing:
            # Found after going missing (or within the grace period before); closest in time
            # is soonest after.
            self.params["date_bound"] = report.event_at - grace
            years = _YEARS_APART.format(found="event_at", missing="%(event_at)s")
            ages = (its_ages, their_ages, years)
            self.sql = {"date_test": ">=", "order": "ASC"}
        else:
            self.params["date_bound"] = report.event_at + grace
            years = _YEARS_APART.format(found="%(event_at)s", missing="event_at")
            ages = (their_ages, its_ages, years)
            self.sql = {"date_test": "<=", "order": "DESC"}
        self.sql["sex_test"] = "posting.sex = ANY(%(sexes)s)" if sexes else "TRUE"
        self.sql["age_gap"], self.sql["age_test"] = _age_sql(*ages)
        gap, tolerance = _age_gap_sql(*ages)
        self.sql["age_rank"] = f"{gap} / {tolerance}"
        # Reports sharing a name key may be further apart in age: the engine keeps those whose
        # names agree (evidence.NAMED_AGE_EXCLUSION_MARGIN).
        self.sql["named_age_test"] = _age_sql(*ages, NAMED_AGE_EXCLUSION_MARGIN)[1]


# Candidates by description, for children who give no usable name: of the open reports of the
# other side, for each side and sex that may be this child, those closest in time that pass the
# hard filters across India, and more of the same State/UT (reaching much further back: most
# children are found in their own state), each read from an index of
# matching_descriptionposting alone; ranked by what their sex, dates, age, place, height,
# languages and mark words would add to the engine's log-odds ({score}, _DescriptionScore).
# For a child with a usable name ({named_test}: "NOT posting.named") the reports that give no
# name are read from the partial indexes of those alone: a named child's statement otherwise
# walked past every named report of the side (all of them on the missing side) to find none.
# A report read by both halves comes twice (UNION ALL: UNION sorted every wide row to drop
# copies), next to itself in the order; description_candidate_ids keeps it once.
_DESCRIPTION_SQL = """
WITH nearby AS (
    SELECT found.*
    FROM unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
    CROSS JOIN unnest(%(all_sexes)s::varchar[]) AS wanted_sex(sex)
    CROSS JOIN LATERAL (
        SELECT report_id, sex, event_at, age_min, age_max, district_id, state_id, height_cm,
               languages, marks
        FROM matching_descriptionposting AS posting
        WHERE posting.kind = wanted_kind.kind AND posting.sex = wanted_sex.sex
          AND posting.event_at {date_test} %(date_bound)s AND {age_test}
          AND {named_test}
        ORDER BY posting.event_at {order}
        LIMIT %(per_sex)s
    ) AS found
    UNION ALL
    SELECT found.*
    FROM unnest(%(kinds)s::varchar[]) AS wanted_kind(kind)
    CROSS JOIN unnest(%(all_sexes)s::varchar[]) AS wanted_sex(sex)
    CROSS JOIN LATERAL (
        SELECT report_id, sex, event_at, age_min, age_max, district_id, state_id, height_cm,
               languages, marks
        FROM matching_descriptionposting AS posting
        WHERE posting.kind = wanted_kind.kind AND posting.state_id = %(state)s
          AND posting.sex = wanted_sex.sex
          AND posting.event_at {date_test} %(date_bound)s AND {age_test}
          AND {named_test}
        ORDER BY posting.event_at {order}
        LIMIT %(per_sex_in_state)s
    ) AS found
)
SELECT report_id
FROM nearby
WHERE report_id IS DISTINCT FROM %(report)s
ORDER BY {score} DESC, abs(date_part('epoch', event_at - %(event_at)s)), report_id
LIMIT %(rows)s
"""


_SAME_STATE_VALUE = round(contribution(SAME_STATE, PLACE_WEIGHT, PLACE_PIVOT, PLACE_PENALTY), 4)


def description_candidate_ids(report: Report, record) -> list[int]:
    """Open reports of the other side anywhere in India that could be this child by their
    description alone (sex, age, dates, place, height, languages, marks), most promising
    first (at most DESCRIPTION_CANDIDATE_LIMIT): `record` is the report's ChildRecord. For
    a child with a usable name, only reports that give no name. The engine's hard filters are
    already applied; the engine ranks them with the others."""
    filters = _Filters(report)
    profile = read_profile(record)
    score = _DescriptionScore(report, profile)
    sexes = _compatible_sexes(report.sex) or list(Sex.values)
    params = {
        **filters.params,
        **score.params,
        "all_sexes": sexes,
        "per_sex": DESCRIPTION_ROWS_READ,
        "per_sex_in_state": DESCRIPTION_STATE_ROWS_READ,
        "report": report.pk,
        "event_at": report.event_at,
        # Each report at most twice (once from each half of the statement).
        "rows": 2 * DESCRIPTION_CANDIDATE_LIMIT,
    }
    # A child with a usable name meets named reports through their names.
    named_test = "TRUE" if not has_usable_name(profile) else "NOT posting.named"
    sql = _DESCRIPTION_SQL.format(**filters.sql, score=score.sql, named_test=named_test)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        chosen = dict.fromkeys(report_id for (report_id,) in cursor.fetchall())
    return list(chosen)[:DESCRIPTION_CANDIDATE_LIMIT]


class _DescriptionScore:
    """apps.matching.engine.evidence's measures of sex, dates, age, place, height, languages
    and marks as one SQL expression over a matching_descriptionposting row: the sums of the
    engine's description_index (which match_eval uses), but for what SQL does not hold (how
    many languages and mark words the report lists: a shared one counts fully)."""

    def __init__(self, report: Report, target):
        found_target = report.kind != ReportKind.MISSING
        self.params = {
            "sex": report.sex,
            "district": report.event_district_id,
            "state": report.event_state_id,
            "height": report.height_cm,
            "languages": sorted(target.languages),
            "regional": sorted(target.languages - LINGUA_FRANCAS),
            "francas": sorted(LINGUA_FRANCAS),
        }
        later, earlier = (
            ("%(event_at)s", "event_at") if found_target else ("event_at", "%(event_at)s")
        )
        # In float8 throughout: numeric arithmetic (what extract() and the literals give) cost
        # several times as much over thousands of rows.
        days = f"(date_part('epoch', {later} - {earlier}) / 86400.0)"
        years = f"(greatest(0, {days}) / {DAYS_PER_YEAR})"
        ages = (
            ("%(age_min)s::float8", "%(age_max)s::float8"),
            ("age_min::float8", "age_max::float8"),
        )
        missing_ages, found_ages = (ages[1], ages[0]) if found_target else ages
        heights = ("height_cm", "%(height)s") if found_target else ("%(height)s", "height_cm")

        parts = [
            f"(CASE WHEN sex = %(sex)s AND sex IN ('M', 'F') THEN {SEX_WEIGHT} ELSE 0 END)",
            self._dates(days),
            self._age(*_age_gap_sql(missing_ages, found_ages, years)),
            f"(CASE WHEN district_id = %(district)s THEN {PLACE_WEIGHT} "
            f"WHEN state_id = %(state)s THEN {_SAME_STATE_VALUE} "
            f"ELSE -{PLACE_PENALTY} END)",
            self._height(*heights, years) if report.height_cm else "0",
            self._languages() if target.languages else "0",
            self._marks(target) if target.marks else "0",
        ]
        self.sql = " + ".join(parts)

    @staticmethod
    def _linear(similarity: str, weight, pivot: float, penalty: float) -> str:
        """evidence.contribution in SQL; `weight` may be an SQL expression."""
        return (
            f"(CASE WHEN {similarity} >= {pivot} THEN {weight} * ({similarity} - {pivot}) / "
            f"{1 - pivot} ELSE -{penalty} * ({pivot} - {similarity}) / {pivot} END)"
        )

    @staticmethod
    def _dates(days: str) -> str:
        counted = f"greatest({days}, {DATES_SOON_DAYS})"
        soon = (
            f"{DATES_WEIGHT} * ln({DATES_NEUTRAL_DAYS} / {counted}) / "
            f"{math.log(DATES_NEUTRAL_DAYS / DATES_SOON_DAYS)}"
        )
        late = (
            f"-{DATES_LONG_PENALTY} * least(1, ln({counted} / {DATES_NEUTRAL_DAYS}) / "
            f"{math.log(DATES_LONG_DAYS / DATES_NEUTRAL_DAYS)})"
        )
        return (
            f"(CASE WHEN {days} < 0 THEN "
            f"-{DATES_MISTYPED_PENALTY} * least(1, -({days}) / {DATE_GRACE_DAYS}) "
            f"WHEN {counted} <= {DATES_NEUTRAL_DAYS} THEN {soon} ELSE {late} END)"
        )

    def _age(self, gap: str, tolerance: str) -> str:
        similarity = f"greatest(0, 1 - {gap} / (2 * {tolerance}))"
        weight = f"({AGE_WEIGHT * AGE_BASE_TOLERANCE} / {tolerance})"
        linear = self._linear(similarity, weight, 0.5, AGE_PENALTY)
        return f"greatest(-{AGE_MOST_AGAINST}, {linear})"

    def _height(self, missing: str, found: str, years: str) -> str:
        expected = f"({missing}::float8 + {GROWTH_CM_PER_YEAR} * {years})"
        tolerance = f"({HEIGHT_BASE_TOLERANCE_CM} + {HEIGHT_TOLERANCE_CM_PER_YEAR} * {years})"
        similarity = f"greatest(0, 1 - abs({found}::float8 - {expected}) / (2 * {tolerance}))"
        value = self._linear(similarity, HEIGHT_WEIGHT, 0.5, HEIGHT_PENALTY)
        return f"coalesce({value}, 0)"

    @staticmethod
    def _languages() -> str:
        only_francas = (
            "(languages <@ %(francas)s::varchar[] "
            "OR %(languages)s::varchar[] <@ %(francas)s::varchar[])"
        )
        return (
            "(CASE WHEN cardinality(languages) = 0 THEN 0 "
            f"WHEN languages && %(regional)s::varchar[] THEN {LANGUAGE_WEIGHT} "
            f"WHEN languages && %(languages)s::varchar[] THEN {LINGUA_FRANCA_WEIGHT} "
            f"WHEN {only_francas} THEN -{LINGUA_FRANCA_PENALTY} ELSE -{LANGUAGE_PENALTY} END)"
        )

    def _marks(self, target) -> str:
        """The share of the target's mark words (a side counting half) found among the
        candidate's words: the engine's marks_similarity when the target's description is the
        shorter one (the candidate's words are not counted in SQL); and each further mark of the
        target whose kind and body part are both among them (description_index._further_marks)."""
        shares, total = [], 0.0
        for index, word in enumerate(sorted(target.marks)):
            weight = MARK_SIDE_SHARE if word in MARK_SIDE_WORDS else 1.0
            self.params[f"mark_{index}"] = word
            shares.append(
                f"(CASE WHEN marks @@ %(mark_{index})s::tsquery THEN {weight} ELSE 0 END)"
            )
            total += weight
        similarity = f"(({' + '.join(shares)}) / {total})"
        value = self._linear(similarity, MARKS_WEIGHT, MARKS_PIVOT, MARKS_PENALTY)
        further = self._further_marks(target)
        return f"(CASE WHEN marks IS NULL OR length(marks) = 0 THEN 0 ELSE {value} + {further} END)"

    def _further_marks(self, target) -> str:
        marks = sorted(
            {" & ".join(sorted(mark)) for mark in kinds_and_parts(target.separate_marks)}
        )
        if len(marks) < 2:
            return "0"
        agreeing = []
        for index, words in enumerate(marks):
            self.params[f"whole_mark_{index}"] = words
            agreeing.append(
                f"(CASE WHEN marks @@ %(whole_mark_{index})s::tsquery THEN 1 ELSE 0 END)"
            )
        return f"{MARKS_WEIGHT} * greatest(0, {' + '.join(agreeing)} - 1)"


class _SameSideFilters:
    """The duplicate comparison's hard filters (apps.matching.engine.duplicates) on reports of
    the report's own side: sex, and ages that can still be the same child, the earlier
    report's age moved on by the years between. Dates rule nothing out; the newest are read
    first, from DUPLICATE_READ_AHEAD after the report's date."""

    def __init__(self, report: Report):
        missing = report.kind == ReportKind.MISSING
        sexes = _compatible_sexes(report.sex)
        self.params = {
            "kinds": [ReportKind.MISSING] if missing else list(FOUND_SIDE),
            "sexes": sexes or [],
            "age_min": report.age_min,
            "age_max": report.age_max,
            "date_bound": report.event_at + DUPLICATE_READ_AHEAD,
        }
        tolerance = AGE_AGAIN_TOLERANCE["missing" if missing else "found"]
        age_gap, age_test = _same_side_age_sql(tolerance)
        self.sql = {
            "date_test": "<=",
            "order": "DESC",
            "sex_test": "posting.sex = ANY(%(sexes)s)" if sexes else "TRUE",
            "age_gap": age_gap,
            "age_rank": age_gap,
            "age_test": age_test,
            "named_age_test": age_test,
        }


def _same_side_age_sql(base_tolerance: float) -> tuple[str, str]:
    """SQL for (the gap between two ages of one side, whether the engine would still compare
    them): apps.matching.engine.duplicates.ages_apart_again and ages_irreconcilable."""
    years = "(abs(extract(epoch FROM event_at - %(event_at)s))::float8 / 31557600)"
    theirs_first = "(event_at <= %(event_at)s)"

    def earlier(bound: str) -> str:
        return f"(CASE WHEN {theirs_first} THEN {bound} ELSE %({bound})s END + {years})"

    def later(bound: str) -> str:
        return f"(CASE WHEN {theirs_first} THEN %({bound})s ELSE {bound} END)"

    gap = (
        f"greatest(0, {later('age_min')} - {earlier('age_max')}, "
        f"{earlier('age_min')} - {later('age_max')})"
    )
    widths = "((age_max - age_min) + (%(age_max)s - %(age_min)s))"
    tolerance = f"({base_tolerance} + {widths} / 2.0)"
    limit = f"{AGE_EXCLUSION_TOLERANCES} * {tolerance} + {SAME_SIDE_AGE_EXCLUSION_MARGIN}"
    return gap, f"{gap} <= {limit} + {_SQL_AGE_SLACK_YEARS}"


def _compatible_sexes(sex: str) -> list[str] | None:
    """The sexes the other report may have: any but the opposite one (None: any)."""
    if sex in (Sex.MALE, Sex.FEMALE):
        return [sex, Sex.UNKNOWN, Sex.TRANSGENDER]
    return None


def candidate_rows(report_ids: list[int]) -> list[tuple[dict, list[str]]]:
    """(the fields child_record reads, the identification marks as words) of each report, in
    the order of `report_ids`: plain values, no model instances. Two statements each taking
    the ids as one array: Django's `pk__in` makes a parameter of each id, which cost more to
    build, send and plan than reading the rows."""
    ids = list(report_ids)
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_RECORD_ROWS_SQL, [ids])
        rows = {row[0]: dict(zip(RECORD_FIELDS, row, strict=True)) for row in cursor.fetchall()}
        cursor.execute(_MARK_ROWS_SQL, [ids])
        marks: dict[int, list[str]] = {}
        for report_id, *fields in cursor.fetchall():
            marks.setdefault(report_id, []).append(
                IdentificationMark(**dict(zip(MARK_FIELDS[1:], fields, strict=True))).search_text()
            )
    return [(rows[pk], marks.get(pk, [])) for pk in ids if pk in rows]


def _columns_of(fields) -> str:
    """The columns of the reports table (and its State and district) for RECORD_FIELDS."""
    joined = {
        "event_state__name_en": "event_state.name_en",
        "event_district__name_en": "event_district.name_en",
    }
    return ", ".join(
        joined.get(name) or f"report.{Report._meta.get_field(name).column}" for name in fields
    )


_RECORD_ROWS_SQL = f"""
SELECT {_columns_of(RECORD_FIELDS)}
FROM reports_report AS report
LEFT JOIN directory_state AS event_state ON event_state.id = report.event_state_id
LEFT JOIN directory_district AS event_district ON event_district.id = report.event_district_id
WHERE report.id = ANY(%s::bigint[])
"""  # noqa: S608 - the columns are the model's
_MARK_ROWS_SQL = f"""
SELECT {", ".join(MARK_FIELDS)} FROM reports_identificationmark
WHERE report_id = ANY(%s::bigint[]) ORDER BY id
"""  # noqa: S608 - the columns are the model's


# Closed and restored reports sharing a name key, before the new one: those sharing the most
# keys first, then of the same district (a child who runs away again mostly runs from the
# same home), then the most recent.
_EARLIER_CASES_SQL = """
WITH by_key AS (
    SELECT found.*
    FROM unnest(%(keys)s::varchar[]) AS wanted(key)
    CROSS JOIN LATERAL (
        SELECT report_id, district_id, event_at
        FROM matching_candidatekey AS posting
        WHERE posting.key = wanted.key
          AND posting.status = ANY(%(statuses)s)
          AND posting.event_at < %(event_at)s
          AND (%(sexes)s::varchar[] IS NULL OR posting.sex = ANY(%(sexes)s))
          AND {age_test}
        ORDER BY posting.event_at DESC
        LIMIT %(per_key)s
    ) AS found
)
SELECT report_id
FROM by_key
GROUP BY report_id
ORDER BY count(*) DESC, (max(district_id) = %(district)s) IS TRUE DESC, max(event_at) DESC,
         report_id
LIMIT %(limit)s
"""


def earlier_case_ids(report: Report, keys: list[str]) -> list[int]:
    """Restored or closed cases that may be the same child going missing again: sharing a name
    key, of a compatible sex and age, before this report; the most promising first."""
    if not keys:
        return []
    sexes = [report.sex, Sex.UNKNOWN] if report.sex in (Sex.MALE, Sex.FEMALE) else None
    # The earlier case stands as the "missing" side, this report as the "found" one.
    years = _YEARS_APART.format(found="%(event_at)s", missing="event_at")
    _gap, age_test = _age_sql(("age_min", "age_max"), ("%(age_min)s", "%(age_max)s"), years)
    with connection.cursor() as cursor:
        cursor.execute(
            _EARLIER_CASES_SQL.format(age_test=age_test),
            {
                "keys": list(keys),
                "statuses": [Status.RESTORED, Status.CLOSED],
                "event_at": report.event_at,
                "age_min": report.age_min,
                "age_max": report.age_max,
                "sexes": sexes,
                "district": report.event_district_id,
                "per_key": KEY_POSTINGS_READ,
                "limit": EARLIER_CASES_LIMIT,
            },
        )
        return [report_id for (report_id,) in cursor.fetchall() if report_id != report.pk]


def face_of(report_id: int):
    """The report's first face (None without one)."""
    faces = faces_of([report_id]).get(report_id)
    return faces[0] if faces else None


def faces_of(report_ids, *, open_kinds=None) -> dict[int, list[tuple[float, ...]]]:
    """Each report's faces, in the order of its photos (reports without a face are left out);
    with `open_kinds`, only of open reports of those kinds."""
    ids = list(report_ids)
    if not ids:
        return {}
    faces: dict[int, list[tuple[float, ...]]] = {}
    parameters = {
        "ids": ids,
        "statuses": [str(status) for status in FACE_STATUSES],
        "open": str(Status.OPEN),
        "kinds": [str(kind) for kind in open_kinds or ()],
    }
    statement = _FACES_OF_OPEN_SQL if open_kinds is not None else _FACES_OF_SQL
    for report_id, encoding in _in_binary(statement, parameters):
        if encoding is not None and len(encoding) == FACE_DIMENSIONS:
            faces.setdefault(report_id, []).append(tuple(encoding))
    return faces


# The report ids as one array: with Django's `report_id__in` each id was a parameter, which
# cost more to build and plan than reading the encodings.
_FACES_OF_SQL = """
SELECT face.report_id, face.encoding
FROM matching_faceencoding AS face
WHERE face.report_id = ANY(%(ids)s::bigint[]) AND face.status = ANY(%(statuses)s::varchar[])
ORDER BY face.photo_id
"""
_FACES_OF_OPEN_SQL = """
SELECT face.report_id, face.encoding
FROM matching_faceencoding AS face
JOIN reports_report AS report ON report.id = face.report_id
WHERE face.report_id = ANY(%(ids)s::bigint[]) AND face.status = ANY(%(statuses)s::varchar[])
  AND report.status = %(open)s AND report.kind = ANY(%(kinds)s::varchar[])
ORDER BY face.photo_id
"""


def _in_binary(statement: str, parameters: dict) -> list[tuple]:
    """The rows of `statement` read in PostgreSQL's binary format: an encoding comes as its 128
    float8 numbers, the same numbers, instead of text that Python parses (a match reads
    hundreds of encodings: about three times faster). Django's cursors send text only."""
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(statement, parameters, binary=True)
        return cursor.fetchall()


def face_candidate_ids(
    report: Report, faces: list[tuple[float, ...]], *, same_side: bool = False
) -> list[int]:
    """Open reports of the other side (of the same side with `same_side`: possible
    duplicates), anywhere in India, with a photo whose face is within
    FACE_CANDIDATE_DISTANCE of one of `faces` (this report's): the nearest first, at most
    FACE_CANDIDATE_LIMIT. No other filter: a child found without a name, or with another one,
    far from home is still compared, and the engine rules out who cannot be this child.

    The search (apps.matching.face_index) measures in float32, and pgvector's index only
    approximately: the faces it brings are measured again here, exactly and from the stored
    encodings of reports that are open now, so both ways give the same answer."""
    missing = report.kind == ReportKind.MISSING
    side = "missing" if missing == same_side else "found"
    near: set[int] = set()
    for face in faces:
        found = nearest_open_faces(side, face, FACE_CANDIDATE_LIMIT, FACE_CANDIDATE_DISTANCE)
        near.update(item.report_id for item in found)
    near.discard(report.pk)
    kinds = FOUND_SIDE if side == "found" else (ReportKind.MISSING,)
    measured = []
    for report_id, theirs in faces_of(near, open_kinds=kinds).items():
        ours, their_face = closest_faces(faces, theirs)
        distance = face_distance(ours, their_face)
        if distance is not None and distance <= FACE_CANDIDATE_DISTANCE:
            measured.append((distance, report_id))
    measured.sort()
    return [report_id for _distance, report_id in measured[:FACE_CANDIDATE_LIMIT]]


def open_reports_due_for_rematch(today) -> list[int]:
    recently = timezone.now() - RECENTLY_CHANGED
    share = today.toordinal() % REMATCH_CYCLE_DAYS
    due = (
        Report.objects.filter(status=Status.OPEN)
        .annotate(cycle=F("id") % REMATCH_CYCLE_DAYS)
        .filter(Q(updated_at__gte=recently) | Q(cycle=share))
    )
    return list(due.values_list("pk", flat=True))


def confirmed_partners_of(report_id: int) -> list[int]:
    """The reports confirmed as the same child as this one (the other side of each confirmed
    match), whose outcome follows this report's."""
    pairs = MatchCandidate.objects.filter(
        Q(missing_id=report_id) | Q(other_id=report_id),
        kind=CandidateKind.MATCH,
        status=CandidateStatus.CONFIRMED,
    ).values_list("missing_id", "other_id")
    return sorted({other if missing == report_id else missing for missing, other in pairs})


def can_decide(user, candidate: MatchCandidate) -> bool:
    """The missing report's unit, or its supervisors, confirm or reject: the owner of a
    look-alike found report must not close, or hide, another unit's search for a child. A
    possible duplicate is decided by the unit owning either report, or its supervisors; which
    report each may close is merge_choices'."""
    if candidate.kind == CandidateKind.DUPLICATE:
        return _party_to(user, candidate)
    return has_full_access(user, candidate.missing)


def merge_choices(user, candidate: MatchCandidate) -> list[tuple[Report, Report]]:
    """(the report kept, the report closed as its duplicate) for each way the user may merge a
    proposed duplicate: closing a report needs the right to change it, and only an open report
    is closed into one that is not itself a closed duplicate."""
    if candidate.kind != CandidateKind.DUPLICATE or candidate.status != CandidateStatus.PROPOSED:
        return []
    pair = (candidate.missing, candidate.other)
    return [
        (keep, close)
        for keep, close in (pair, pair[::-1])
        if close.status == Status.OPEN
        and not keep.is_closed_duplicate
        and has_full_access(user, close)
    ]


def can_agree(user, candidate: MatchCandidate) -> bool:
    """The found side (the owner of the other report) agrees, when it does not decide."""
    return has_full_access(user, candidate.other) and not can_decide(user, candidate)


def may_see_names(user, candidate: MatchCandidate) -> bool:
    """Parents' names in the evidence are in both full records: shown only to those who may
    read both."""
    return has_full_access(user, candidate.missing) and has_full_access(user, candidate.other)


def _party_to(user, candidate: MatchCandidate) -> bool:
    return has_full_access(user, candidate.missing) or has_full_access(user, candidate.other)


def review_queue_for(user, *, status: str = CandidateStatus.PROPOSED, kind: str = ""):
    """Pairs touching a report owned inside the official's jurisdiction, newest and strongest
    first; of one kind (matches, repeats, duplicates) when `kind` is given."""
    if not can_search(user):
        return MatchCandidate.objects.none()
    pairs = MatchCandidate.objects.select_related(
        "missing__owning_unit", "other__owning_unit", "missing__cover_photo", "other__cover_photo"
    )
    # Through the owning units copied on each pair and their indexes, so the queue costs what
    # the jurisdiction holds, not every pair in the country.
    units = Jurisdiction.of(user).unit_ids()
    if units is not None:
        pairs = pairs.filter(Q(missing_unit__in=units) | Q(other_unit__in=units))
    if status:
        pairs = pairs.filter(status=status)
    if kind:
        pairs = pairs.filter(kind=kind)
    return pairs.order_by("-proposed_at", "-score")


def candidate_for(user, pk: int) -> MatchCandidate:
    """The units owning either report, and their supervisors, compare a pair; nobody else,
    whatever the (sequential) id they type."""
    if not can_search(user):
        raise PermissionDenied
    candidate = get_object_or_404(
        MatchCandidate.objects.select_related(
            "missing__owning_unit",
            "other__owning_unit",
            "missing__event_state",
            "missing__event_district",
            "other__event_state",
            "other__event_district",
            "decided_by",
            "agreed_by",
        ),
        pk=pk,
    )
    if not _party_to(user, candidate):
        raise PermissionDenied
    return candidate


def candidates_of_report(user, report: Report) -> list[MatchCandidate]:
    """The pairs of a report that the user may open."""
    pairs = MatchCandidate.objects.filter(Q(missing=report) | Q(other=report)).select_related(
        "missing__owning_unit", "other__owning_unit"
    )
    return [pair for pair in pairs if _party_to(user, pair)]


@dataclass(frozen=True)
class PossibleDuplicate:
    pair: MatchCandidate
    partner: Report  # the other report of the pair
    show_names: bool  # may_see_names: parents' names in the evidence


def possible_duplicates(user, pairs: list[MatchCandidate], report: Report):
    """Of a report's pairs the user may open, the proposed duplicates: "possibly the same child
    as ...", strongest first."""
    return [
        PossibleDuplicate(
            pair=pair,
            partner=pair.other if pair.missing_id == report.pk else pair.missing,
            show_names=may_see_names(user, pair),
        )
        for pair in sorted(pairs, key=lambda pair: -pair.score)
        if pair.kind == CandidateKind.DUPLICATE and pair.status == CandidateStatus.PROPOSED
    ]
