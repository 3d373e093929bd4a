"""An analyst ranks a CSV of missing reports against a CSV of found reports, offline.

`manage.py match_eval` reads the two files, writes each found child's top candidates with
rank and score, never opens the database, and explains a bad row by file and line.
"""

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.faces.encoding import FaceResult
from apps.matching.engine import COLUMNS, RecordFileError, read_csv_records
from apps.matching.management.commands.match_eval import Command

MISSING_ROWS = [
    {
        "id": "M1",
        "name": "Priya Sahu",
        "other_names": "Pinki",
        "sex": "F",
        "age_years": "11",
        "date": "2024-01-05",
        "state": "21",
        "district": "362",
        "languages": "or;hi",
        "father_name": "Ramesh Sahu",
    },
    {
        "id": "M2",
        "name": "Pooja Das",
        "sex": "F",
        "age_min": "10",
        "age_max": "12",
        "date": "2023-06-01",
        "state": "21",
        "district": "348",
    },
    {"id": "M3", "name": "Rahul Kumar", "sex": "M", "age_years": "11", "date": "2024-01-01"},
    {"id": "M4", "name": "Priya Nayak", "sex": "F", "age_years": "12", "date": "2024-02-01"},
]
FOUND_ROWS = [
    {
        "id": "F1",
        "local_name": "प्रिया साहू",
        "sex": "F",
        "age_min": "11",
        "age_max": "13",
        "date": "2024-03-01",
        "state": "10",
        "district": "212",
        "languages": "Odia",
    },
    {"id": "F2", "name": "Pinki", "sex": "F", "age_years": "12", "date": "2024-01-20"},
    {"id": "F3", "sex": "U", "age_years": "11", "date": "2024-02-10", "district": "999"},
]


def write_csv(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})
    return path


def read_output(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def files(tmp_path):
    return (
        write_csv(tmp_path / "missing.csv", MISSING_ROWS),
        write_csv(tmp_path / "found.csv", FOUND_ROWS),
        tmp_path / "pairs.csv",
    )


def run(missing: Path, found: Path, out: Path, *extra: str, **options) -> None:
    call_command(
        "match_eval", "--missing", missing, "--found", found, "--out", out, *extra, **options
    )


def test_each_found_child_gets_its_top_candidates_ranked_from_one(files):
    missing, found, out = files
    run(missing, found, out, "--top", "2")
    rows = read_output(out)
    assert list(rows[0]) == ["found_id", "missing_id", "rank", "score"]
    by_found = {}
    for row in rows:
        by_found.setdefault(row["found_id"], []).append(row)
    for ranked in by_found.values():
        assert [int(row["rank"]) for row in ranked] == list(range(1, len(ranked) + 1))
        scores = [float(row["score"]) for row in ranked]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= score <= 100 for score in scores)
        assert len(ranked) <= 2
    assert by_found["F1"][0]["missing_id"] == "M1"
    assert by_found["F2"][0]["missing_id"] == "M1"  # her pet name


def test_a_boy_is_never_offered_for_a_girl(files):
    missing, found, out = files
    run(missing, found, out)
    offered = {(row["found_id"], row["missing_id"]) for row in read_output(out)}
    assert ("F1", "M3") not in offered
    assert ("F2", "M3") not in offered


def test_the_command_never_touches_the_database(files):
    # No django_db mark: pytest-django makes any database access in this test an error.
    missing, found, out = files
    assert Command.requires_system_checks == []
    run(missing, found, out)
    assert out.exists()


def test_a_bad_row_is_reported_by_file_and_line_not_a_traceback(tmp_path, files):
    missing, _, out = files
    bad = write_csv(tmp_path / "bad.csv", [FOUND_ROWS[0], {"id": "F9", "date": "10/03/2024"}])
    with pytest.raises(CommandError, match=r"bad\.csv, line 3: date must be YYYY-MM-DD"):
        run(missing, bad, out)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "", "name": "Priya"}, "the id is empty"),
        ({"id": "M9", "sex": "girl"}, "sex must be M, F, O or U"),
        ({"id": "M9", "age_years": "eleven"}, "age_years must be a number"),
        ({"id": "M9", "age_min": "12", "age_max": "10"}, "age_min 12 is above age_max 10"),
        ({"id": "M9", "height_cm": "tall"}, "height_cm must be a number"),
    ],
)
def test_each_kind_of_bad_value_is_named(tmp_path, row, message):
    path = write_csv(tmp_path / "missing.csv", [row])
    with pytest.raises(RecordFileError, match=f"missing.csv, line 2: {message}"):
        read_csv_records(path, "missing")


def test_an_unknown_column_is_named(tmp_path):
    path = write_csv(tmp_path / "m.csv", [{"id": "M1"}], columns=["id", "nickname"])
    with pytest.raises(RecordFileError, match="line 1: unknown column"):
        read_csv_records(path, "missing")


@pytest.mark.parametrize("option", ["missing", "found"])
def test_a_file_that_is_not_there_is_named(tmp_path, files, option):
    missing, found, out = files
    given = {"missing": missing, "found": found, option: tmp_path / "nowhere.csv"}
    with pytest.raises(CommandError, match=f"--{option}: no such file"):
        run(given["missing"], given["found"], out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: the file is empty"),
        (b"name,sex\nPriya,F\n", "line 1: there is no 'id' column"),
        ("id,name\nM1,Zoë\n".encode("latin-1"), "cannot be read as a UTF-8 CSV file"),
        (b"id,name\nM1,Priya,F\n", "line 2: more values than columns"),
    ],
    ids=["empty", "no-id-column", "not-utf-8", "too-many-values"],
)
def test_a_file_that_is_not_a_reports_csv_is_named(tmp_path, files, content, message):
    missing, _, out = files
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=rf"bad\.csv.*{message}"):
        run(missing, bad, out)


def test_a_bom_from_a_spreadsheet_is_read(tmp_path, files):
    missing, _, out = files
    found = tmp_path / "found.csv"
    found.write_bytes("\ufeffid,local_name,sex\nF1,प्रिया साहू,F\n".encode())
    run(missing, found, out)
    assert read_output(out)[0]["found_id"] == "F1"


def test_top_defaults_to_ten_candidates(tmp_path):
    girls = [dict(MISSING_ROWS[3], id=f"M{number}") for number in range(12)]
    missing = write_csv(tmp_path / "missing.csv", girls)
    found = write_csv(tmp_path / "found.csv", [FOUND_ROWS[0]])
    out = tmp_path / "pairs.csv"
    run(missing, found, out)
    assert [int(row["rank"]) for row in read_output(out)] == list(range(1, 11))


@pytest.mark.parametrize(
    ("top", "message"),
    [("0", "--top must be at least 1"), ("-3", "--top must be at least 1"), ("two", "invalid int")],
)
def test_top_below_one_or_not_a_number_is_refused(files, top, message):
    missing, found, out = files
    with pytest.raises(CommandError, match=message):
        run(missing, found, out, "--top", top)
    assert not out.exists()


def test_an_output_that_cannot_be_written_is_named(tmp_path, files):
    missing, found, _ = files
    out = tmp_path / "no such folder" / "pairs.csv"
    with pytest.raises(CommandError, match=r"pairs\.csv: cannot be written"):
        run(missing, found, out)


def test_rows_are_read_into_records(files):
    missing, found, _ = files
    first = read_csv_records(missing, "missing")[0]
    assert (first.age_min, first.age_max) == (11.0, 11.0)
    assert first.languages == frozenset({"or", "hi"})
    assert str(first.event_date) == "2024-01-05"
    assert first.face is None
    assert read_csv_records(found, "found")[2].sex == "U"


def test_photos_are_encoded_only_when_an_encoder_is_given(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "m1.jpg").write_bytes(b"not really a photo")
    path = write_csv(tmp_path / "m.csv", [{"id": "M1", "photo": "photos/m1.jpg"}])
    assert read_csv_records(path, "missing")[0].face is None
    read = []

    def encode(photo):
        read.append(photo)
        return FaceResult(encoding=(0.5,) * 128, face_count=1, status="ok")

    encoded = read_csv_records(path, "missing", encode_photo=encode)
    assert encoded[0].face == (0.5,) * 128
    assert read == [tmp_path / "photos" / "m1.jpg"]


def test_a_found_child_naming_home_is_ranked_with_the_reports_from_there(tmp_path):
    # Two girls of 11 went missing the same week, one from district 362 (and living in 369),
    # one from 348; a nameless girl found far away says home is 369, then 348.
    missing = write_csv(
        tmp_path / "missing.csv",
        [
            {
                "id": "M1",
                "sex": "F",
                "age_years": "11",
                "date": "2024-01-05",
                "state": "21",
                "district": "362",
                "home_district": "369",
            },
            {
                "id": "M2",
                "sex": "F",
                "age_years": "11",
                "date": "2024-01-06",
                "state": "21",
                "district": "348",
            },
        ],
    )
    found = {
        "id": "F1",
        "sex": "F",
        "age_years": "11",
        "date": "2024-02-01",
        "state": "10",
        "district": "212",
    }
    for home, first in (("369", "M1"), ("348", "M2")):
        found_file = write_csv(tmp_path / "found.csv", [{**found, "home_district": home}])
        out = tmp_path / "pairs.csv"
        run(missing, found_file, out)
        ranked = read_output(out)
        assert [row["missing_id"] for row in ranked] == [first, {"M1": "M2", "M2": "M1"}[first]]
        assert float(ranked[0]["score"]) > float(ranked[1]["score"])


def test_home_columns_are_read_into_records(tmp_path):
    row = {"id": "F1", "home_district": "Gaya, Bihar; 212", "home_state": "Bihar"}
    found = read_csv_records(write_csv(tmp_path / "found.csv", [row]), "found")[0]
    assert found.home_districts == {"Gaya, Bihar", "212"}
    assert found.home_states == {"Bihar"}
    assert found.home_told == "212; Gaya, Bihar; Bihar"
    missing_row = {"id": "M1", "state": "21", "district": "362", "home_district": "369"}
    missing = read_csv_records(write_csv(tmp_path / "missing.csv", [missing_row]), "missing")[0]
    assert missing.home_districts == {"362", "369"}
    assert missing.home_states == {"21"}
