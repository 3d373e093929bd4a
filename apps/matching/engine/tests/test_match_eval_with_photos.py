"""An analyst ranks missing reports for found children by their photos with match_eval.

The photos are the ones kept with the tests (apps/faces/tests/samples): each person's last photo
goes with a missing report, every other photo with a found child, as another photo of the same
child would. Strangers, a group photo and photos without a face are found children with no
report. A photo that gives no single face is named by file and line and the run goes on; a
photo path that cannot be read stops it, as a bad value does.
"""

import io
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from apps.faces import encoding
from apps.faces.tests.photos import SAMPLES, encode_photo_samples_once, read_manifest
from apps.matching.engine.tests.test_match_eval_command import read_output, run, write_csv

# One made-up name per person, as the missing report spells it and as a found child's record
# might spell it again (another transliteration, a dropped letter).
NAMES = {
    "F": [
        ("Priya Sahu", "Pria Sahoo"),
        ("Pooja Das", "Puja Dass"),
        ("Kavya Reddy", "Kavya Redy"),
        ("Lakshmi Iyer", "Laxmi Iyyer"),
        ("Fatima Begum", "Fatma Begam"),
        ("Ritu Chauhan", "Reetu Chouhan"),
        ("Sneha Kulkarni", "Snehaa Kulkarni"),
        ("Meena Kumari", "Mina Kumari"),
        ("Anjali Tirkey", "Anjli Tirki"),
    ],
    "M": [
        ("Rahul Verma", "Raahul Varma"),
        ("Ankit Yadav", "Ankeet Yadaw"),
        ("Mohammed Iqbal", "Mohd Ikbal"),
        ("Sunil Mahato", "Suneel Mahto"),
        ("Deepak Mishra", "Dipak Misra"),
        ("Vikram Singh", "Bikram Sinh"),
        ("Sanjay Oraon", "Sanjai Oraon"),
        ("Arjun Nair", "Arjun Nayar"),
    ],
}
SAME_DETAILS = {"age_years": "12", "state": "21", "district": "362"}
GROUP = "group_three_people.jpg"  # london_008 (the largest face) between two others
NO_FACE = "noface_cat.jpg"


@pytest.fixture(autouse=True)
def samples_encoded_once(monkeypatch):
    """match_eval encodes each sample photo as apps.faces.encoding does, but once a test run: its
    runs here, and the face tests, read the same photos (apps/faces/tests/photos.py)."""
    monkeypatch.setattr(encoding, "encode_photo", encode_photo_samples_once(encoding.encode_photo))


@pytest.fixture(scope="module")
def people() -> dict[str, dict]:
    """Each person with photos of one face: sex, photos, and (but for strangers) a made-up name
    and another spelling of it."""
    found: dict[str, dict] = defaultdict(lambda: {"photos": []})
    for row in read_manifest():
        if row["identity"] and row["n_faces"] == "1":
            found[row["identity"]]["sex"] = row["sex"]
            found[row["identity"]]["photos"].append(row["file"])
    names = {sex: iter(pairs) for sex, pairs in NAMES.items()}
    for person in found.values():
        if len(person["photos"]) > 1:  # strangers are not reported missing: no name to spell
            person["name"], person["other_spelling"] = next(names[person["sex"]])
    return dict(found)


@pytest.fixture
def photos_dir(tmp_path) -> Path:
    """The samples as a folder beside the CSV files, so the photo column holds relative paths."""
    (tmp_path / "photos").symlink_to(SAMPLES, target_is_directory=True)
    return tmp_path


def write_reports(folder: Path, people: dict, found_names: str, photo_path=None) -> dict:
    """missing.csv and found.csv in `folder`; returns {found id: its missing report's id}.

    found_names: "none" (found children give no name) or "other spelling".
    """
    photo_path = photo_path or (lambda name: f"photos/{name}")
    missing_rows, found_rows, truth = [], [], {}
    for identity, person in sorted(people.items()):
        *others, last = sorted(person["photos"])
        details = dict(SAME_DETAILS, sex=person["sex"])
        if not others:  # a stranger: found, and nobody reported them missing
            found_rows.append(dict(details, id=f"F-{identity}", photo=photo_path(last)))
            continue
        name = person["other_spelling"] if found_names == "other spelling" else ""
        missing_rows.append(
            dict(details, id=f"M-{identity}", name=person["name"], photo=photo_path(last))
        )
        for number, photo in enumerate(others, start=1):
            found_id = f"F-{identity}-{number}"
            found_rows.append(dict(details, id=found_id, name=name, photo=photo_path(photo)))
            truth[found_id] = f"M-{identity}"
    write_csv(folder / "missing.csv", missing_rows)
    write_csv(folder / "found.csv", found_rows)
    return truth


def recall_at_1(out: Path, truth: dict[str, str]) -> float:
    first = {row["found_id"]: row["missing_id"] for row in read_output(out) if row["rank"] == "1"}
    return sum(first.get(found) == missing for found, missing in truth.items()) / len(truth)


def run_with_photos(folder: Path, *extra: str) -> tuple[str, str]:
    """Run match_eval on folder's missing.csv and found.csv; (stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    run(
        folder / "missing.csv",
        folder / "found.csv",
        folder / "pairs.csv",
        *extra,
        stdout=stdout,
        stderr=stderr,
    )
    return stdout.getvalue(), stderr.getvalue()


def test_found_children_without_a_name_are_found_by_their_faces(photos_dir, people):
    truth = write_reports(photos_dir, people, found_names="none")

    printed, warnings = run_with_photos(photos_dir)

    assert len(truth) >= 20
    assert "(with faces from photos)" in printed
    assert warnings == ""
    assert recall_at_1(photos_dir / "pairs.csv", truth) == 1.0


def test_without_photos_the_same_nameless_children_are_not_found(photos_dir, people):
    truth = write_reports(photos_dir, people, found_names="none")

    printed, _ = run_with_photos(photos_dir, "--no-photos")

    assert "(without photos)" in printed
    assert recall_at_1(photos_dir / "pairs.csv", truth) < 0.5


def test_faces_and_names_spelt_another_way_rank_the_right_report_first(tmp_path, people):
    # Photo paths may be absolute too.
    truth = write_reports(
        tmp_path, people, found_names="other spelling", photo_path=lambda name: str(SAMPLES / name)
    )

    run_with_photos(tmp_path, "--top", "3")

    assert recall_at_1(tmp_path / "pairs.csv", truth) == 1.0
    ranks = [int(row["rank"]) for row in read_output(tmp_path / "pairs.csv")]
    assert max(ranks) == 3


def found_child(folder: Path, photo: str, people: dict) -> None:
    """One found boy with `photo` (path relative to the folder), and three boys' missing
    reports, london_008's among them."""
    boys = {identity: people[identity] for identity in ("london_008", "london_042", "london_070")}
    write_reports(folder, boys, found_names="none")
    write_csv(folder / "found.csv", [dict(SAME_DETAILS, id="F1", sex="M", photo=photo)])


def test_a_child_in_a_group_photo_is_matched_by_the_largest_face(photos_dir, people):
    found_child(photos_dir, f"photos/{GROUP}", people)

    _, warnings = run_with_photos(photos_dir)

    assert f"found.csv, line 2: photo 'photos/{GROUP}' shows 3 faces; the largest is used" in (
        warnings
    )
    first = read_output(photos_dir / "pairs.csv")[0]
    assert (first["found_id"], first["missing_id"]) == ("F1", "M-london_008")


def test_a_photo_without_a_face_is_named_and_the_child_matched_without_it(photos_dir, people):
    found_child(photos_dir, f"photos/{NO_FACE}", people)

    printed, warnings = run_with_photos(photos_dir)

    assert (
        f"found.csv, line 2: no face found in photo 'photos/{NO_FACE}'; "
        "the row is matched without a face"
    ) in warnings
    assert "Wrote" in printed
    assert (photos_dir / "pairs.csv").exists()


def test_a_file_that_is_not_an_image_is_named_and_the_child_matched_without_it(photos_dir, people):
    (photos_dir / "notes.jpg").write_text("Found near the bus stand, wearing a red shirt.")
    found_child(photos_dir, "notes.jpg", people)

    printed, warnings = run_with_photos(photos_dir)

    assert (
        "found.csv, line 2: photo 'notes.jpg' is not an image that can be read; "
        "the row is matched without a face"
    ) in warnings
    assert "Wrote" in printed


def test_a_photo_that_is_not_there_stops_the_run_with_file_and_line(photos_dir, people):
    found_child(photos_dir, "photos/gone.jpg", people)

    with pytest.raises(
        CommandError, match=r"found\.csv, line 2: photo 'photos/gone\.jpg' not found"
    ):
        run_with_photos(photos_dir)
    assert not (photos_dir / "pairs.csv").exists()


def test_a_photo_path_that_cannot_be_read_stops_the_run_with_file_and_line(photos_dir, people):
    found_child(photos_dir, "photos", people)  # a folder, not a photo

    with pytest.raises(CommandError, match=r"found\.csv, line 2: photo 'photos' cannot be read"):
        run_with_photos(photos_dir)


def test_with_no_photos_the_photo_column_is_not_even_opened(photos_dir, people):
    found_child(photos_dir, "photos/gone.jpg", people)

    printed, warnings = run_with_photos(photos_dir, "--no-photos")

    assert "(without photos)" in printed
    assert warnings == ""
