"""The matching engine: plain Python (no Django) that scores missing/found pairs of reports.

    score_pair(missing, found)      -> MatchScore | None  (None: ruled out by a hard filter)
    score_duplicate(one, other)     -> the same for two reports of one side (reported twice)
    blocking_keys(record)           -> the name keys to find candidates by
    CandidateIndex                  -> add(record); candidates(target); top_matches(target)
    read_csv_records(path, side)    -> ChildRecords from the match_eval CSV format

docs/matching.md explains the algorithm, the weights and their calibration.
"""

from apps.matching.engine.csvfiles import (
    COLUMNS,
    OUTPUT_COLUMNS,
    RecordFileError,
    default_photo_encoder,
    match_csv_files,
    match_records,
    read_csv_records,
)
from apps.matching.engine.duplicates import score_duplicate
from apps.matching.engine.evidence import DATE_GRACE_DAYS
from apps.matching.engine.faces import face_distance
from apps.matching.engine.index import CandidateIndex, blocking_keys
from apps.matching.engine.records import FOUND, MISSING, ChildRecord, Evidence, MatchScore
from apps.matching.engine.scoring import REVIEW_THRESHOLD, exclusion_reason, score_pair

__all__ = [
    "COLUMNS",
    "DATE_GRACE_DAYS",
    "FOUND",
    "MISSING",
    "OUTPUT_COLUMNS",
    "REVIEW_THRESHOLD",
    "CandidateIndex",
    "ChildRecord",
    "Evidence",
    "MatchScore",
    "RecordFileError",
    "blocking_keys",
    "default_photo_encoder",
    "exclusion_reason",
    "face_distance",
    "match_csv_files",
    "match_records",
    "read_csv_records",
    "score_duplicate",
    "score_pair",
]
