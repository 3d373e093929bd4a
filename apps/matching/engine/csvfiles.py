"""Reports from CSV files, and ranking one file's reports against another's (match_eval).

Columns (UTF-8, a header row; any may be empty except `id`):

    id,name,local_name,other_names,sex,age_years,age_min,age_max,date,date_of_birth,state,
    district,place,height_cm,complexion,identification_marks,languages,father_name,
    mother_name,guardian_name,photo,home_district,home_state

`sex` is M, F, O or U; `age_years` is the age when missing (missing file) or the apparent age
when found (found file), used when age_min/age_max are empty; `date` (missing or found) and
`date_of_birth` are YYYY-MM-DD;
`languages` is ';'-separated; `photo` is a path relative to the CSV file.
`home_district` and `home_state` (';'-separated, written as `district` and `state` are): in
the found file, what the child named as home; in the missing file, where the child lived
besides `district` and `state`, which count as home too, as on the portal.
"""

import csv
import datetime
import importlib.util
from collections.abc import Callable
from pathlib import Path

from apps.faces.encoding import FaceResult
from apps.matching.engine.index import CandidateIndex
from apps.matching.engine.records import MISSING, SIDES, ChildRecord

COLUMNS = (
    "id",
    "name",
    "local_name",
    "other_names",
    "sex",
    "age_years",
    "age_min",
    "age_max",
    "date",
    "date_of_birth",
    "state",
    "district",
    "place",
    "height_cm",
    "complexion",
    "identification_marks",
    "languages",
    "father_name",
    "mother_name",
    "guardian_name",
    "photo",
    "home_district",
    "home_state",
)
OUTPUT_COLUMNS = ("found_id", "missing_id", "rank", "score")
_SEXES = {"M": "M", "F": "F", "O": "O", "T": "O", "U": "U", "": "U"}
_TEXT_FIELDS = (
    "name",
    "local_name",
    "other_names",
    "state",
    "district",
    "place",
    "complexion",
    "identification_marks",
    "father_name",
    "mother_name",
    "guardian_name",
)

EncodePhoto = Callable[[Path], FaceResult]
Warn = Callable[[str], None]

# What a photo that gave no single face means for its row; the row is still read.
_PHOTO_NOTES = {
    "no_face": "no face found in photo {photo!r}; the row is matched without a face",
    "several_faces": "photo {photo!r} shows {count} faces; the largest is used",
    "unreadable": "photo {photo!r} is not an image that can be read; "
    "the row is matched without a face",
}


class RecordFileError(ValueError):
    """A CSV file of reports that cannot be read; the message names the file and line."""


def read_csv_records(
    path: str | Path,
    side: str,
    encode_photo: EncodePhoto | None = None,
    warn: Warn | None = None,
) -> list[ChildRecord]:
    """The reports in a CSV file as ChildRecords of `side` ("missing" or "found").

    Photos are only read when `encode_photo` is given (see default_photo_encoder); otherwise
    every record's face is None. A photo without a face, with several faces or that is not an
    image does not stop the reading: `warn` is told (file, line and what was done) and the row
    gets no face, or the largest. A photo path that cannot be read does stop it.
    """
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _check_header(path, reader.fieldnames)
            return [
                _record(path, reader.line_num, row, side, encode_photo, warn)
                for row in reader
                if any((value or "").strip() for value in row.values() if isinstance(value, str))
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RecordFileError(f"{path}: cannot be read as a UTF-8 CSV file ({error})") from error


def _check_header(path: Path, header: list[str] | None) -> None:
    if not header:
        raise RecordFileError(f"{path}, line 1: the file is empty; a header row is needed")
    if "id" not in header:
        raise RecordFileError(f"{path}, line 1: there is no 'id' column")
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise RecordFileError(
            f"{path}, line 1: unknown column(s) {', '.join(unknown)}; "
            f"expected some of {','.join(COLUMNS)}"
        )


def _record(
    path: Path,
    line: int,
    row: dict,
    side: str,
    encode_photo: EncodePhoto | None,
    warn: Warn | None,
) -> ChildRecord:
    def value(column: str) -> str:
        return (row.get(column) or "").strip()

    def fail(message: str) -> RecordFileError:
        return RecordFileError(f"{path}, line {line}: {message}")

    def note(message: str) -> None:
        if warn is not None:
            warn(f"{path}, line {line}: {message}")

    if None in row:
        raise fail("more values than columns")
    if not value("id"):
        raise fail("the id is empty")
    sex = value("sex").upper()
    if sex not in _SEXES:
        raise fail(f"sex must be M, F, O or U, not {value('sex')!r}")
    age_min, age_max = _ages(value, fail)
    return ChildRecord(
        id=value("id"),
        side=side,
        sex=_SEXES[sex],
        age_min=age_min,
        age_max=age_max,
        event_date=_date(value("date"), "date", fail),
        birth_date=_date(value("date_of_birth"), "date_of_birth", fail),
        height_cm=_number(value("height_cm"), "height_cm", fail),
        languages=_listed(value("languages")),
        face=_face(path, value("photo"), encode_photo, fail, note),
        **{field: value(field) for field in _TEXT_FIELDS},
        **_home(value, side),
    )


def _home(value, side: str) -> dict:
    districts, states = _listed(value("home_district")), _listed(value("home_state"))
    if side == MISSING:
        return {
            "home_districts": districts | _listed(value("district")),
            "home_states": states | _listed(value("state")),
        }
    told = "; ".join([*sorted(districts), *sorted(states)])
    return {"home_districts": districts, "home_states": states, "home_told": told}


def _listed(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(";") if part.strip())


def _ages(value, fail) -> tuple[float | None, float | None]:
    age = _number(value("age_years"), "age_years", fail)
    low = _number(value("age_min"), "age_min", fail)
    high = _number(value("age_max"), "age_max", fail)
    if low is None and high is None:
        low = high = age
    for name, number in (("age_min", low), ("age_max", high)):
        if number is not None and not 0 <= number <= 120:
            raise fail(f"{name} {number:g} is not an age")
    if low is not None and high is not None and low > high:
        raise fail(f"age_min {low:g} is above age_max {high:g}")
    return low, high


def _number(text: str, column: str, fail) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise fail(f"{column} must be a number, not {text!r}") from None


def _date(text: str, column: str, fail) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{column} must be YYYY-MM-DD, not {text!r}") from None


def _face(path: Path, photo: str, encode_photo: EncodePhoto | None, fail, note):
    if not photo or encode_photo is None:
        return None
    photo_path = path.parent / photo
    # A path that cannot be read is a mistake in the file, like a bad date: the analyst would
    # otherwise measure the engine without the faces they meant to give it.
    try:
        result = encode_photo(photo_path)
    except FileNotFoundError:
        raise fail(f"photo {photo!r} not found (looked for {photo_path})") from None
    except OSError as error:
        raise fail(f"photo {photo!r} cannot be read ({error.strerror or error})") from None
    if result.status in _PHOTO_NOTES:
        note(_PHOTO_NOTES[result.status].format(photo=photo, count=result.face_count))
    return result.encoding


def default_photo_encoder() -> EncodePhoto | None:
    """apps.faces.encoding.encode_photo when that module and face_recognition are installed,
    else None (photos are then skipped)."""
    if importlib.util.find_spec("face_recognition") is None:
        return None
    try:
        from apps.faces.encoding import encode_photo
    except ImportError:
        return None
    return encode_photo


def match_records(
    missing: list[ChildRecord], found: list[ChildRecord], top: int = 10
) -> list[tuple[str, str, int, float]]:
    """(found_id, missing_id, rank, score) rows: each found report's top missing candidates."""
    index = CandidateIndex()
    for record in missing:
        index.add(record)
    rows = []
    for child in found:
        for rank, (candidate, result) in enumerate(index.top_matches(child, top=top), start=1):
            rows.append((child.id, candidate.id, rank, round(result.score, 1)))
    return rows


def match_csv_files(
    missing_path: str | Path,
    found_path: str | Path,
    out_path: str | Path,
    top: int = 10,
    encode_photo: EncodePhoto | None = None,
    warn: Warn | None = None,
) -> int:
    """Rank the missing file's reports for each found report and write them (match_eval).

    Returns the number of rows written; `warn` as in read_csv_records.
    """
    missing = read_csv_records(missing_path, "missing", encode_photo, warn)
    found = read_csv_records(found_path, "found", encode_photo, warn)
    rows = match_records(missing, found, top)
    with Path(out_path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_COLUMNS)
        writer.writerows(rows)
    return len(rows)
