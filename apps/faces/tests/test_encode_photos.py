"""Face encodings of real photos: faces found, bad files handled, different people told apart.

The photos are the ones kept with the tests (apps/faces/tests/samples, see its SOURCES.md): 17
people with 2-8 photos each, 2 strangers, a group photo and 2 photos without a face.
manifest.csv says who is in each photo and how many faces dlib's HOG detector finds in it.
No database: apps.faces.encoding is plain Python.
"""

import io
import itertools
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from apps.faces import encoding
from apps.faces.encoding import (
    ENCODING_SIZE,
    FACE_MATCH_THRESHOLD,
    FaceResult,
    _provide_pkg_resources,
    encode_photo,
    face_distances,
    load_rgb,
    nearest_faces,
    squared_norms,
)
from apps.faces.tests.photos import SAMPLES, encoded_sample, read_manifest

# Strangers dlib puts well under the threshold: look-alikes of one group (samples/SOURCES.md).
LOOK_ALIKES = {
    frozenset({"london_042", "london_043"}),
    frozenset({"london_006", "london_135"}),
    frozenset({"london_115", "london_142"}),
}


def files_with(rows, predicate) -> list[str]:
    return [row["file"] for row in rows if predicate(row)]


@pytest.fixture(scope="module")
def manifest() -> list[dict[str, str]]:
    return read_manifest()


@pytest.fixture(scope="module")
def results(manifest) -> dict[str, FaceResult]:
    """Every photo encoded once (about 0.2 s each), shared by the tests of this module and, for
    the same photos, the match_eval tests (photos.encoded_sample)."""
    return {row["file"]: encoded_sample(row["file"]) for row in manifest}


@pytest.fixture(scope="module")
def people(manifest, results) -> tuple[list[str], list[str], np.ndarray]:
    """The photos showing one known person: (files, identities, encodings as float32 rows)."""
    rows = [row for row in manifest if row["identity"] and int(row["n_faces"]) == 1]
    files = [row["file"] for row in rows]
    matrix = np.array([results[name].encoding for name in files], dtype=np.float32)
    return files, [row["identity"] for row in rows], matrix


@pytest.fixture(scope="module")
def pair_distances(people) -> tuple[list[tuple[float, str, str]], list[tuple[float, str, str]]]:
    """(same-person pairs, different-person pairs) as (distance, file, file), nearest first."""
    files, identities, matrix = people
    same, different = [], []
    for i, j in itertools.combinations(range(len(files)), 2):
        distance = float(face_distances(matrix[i], matrix[j : j + 1])[0])
        pair = (distance, files[i], files[j])
        (same if identities[i] == identities[j] else different).append(pair)
    return sorted(same), sorted(different)


def test_every_photo_with_one_face_is_encoded(manifest, results):
    single = files_with(manifest, lambda row: int(row["n_faces"]) == 1)
    assert len(single) >= 40
    for name in single:
        result = results[name]
        assert (result.status, result.face_count) == ("ok", 1), name
        assert len(result.encoding) == ENCODING_SIZE, name
        assert all(isinstance(value, float) for value in result.encoding), name


def test_a_photo_without_a_face_is_an_outcome_not_an_error(manifest, results):
    no_face = files_with(manifest, lambda row: int(row["n_faces"]) == 0)
    assert len(no_face) >= 2
    for name in no_face:
        assert results[name] == FaceResult(encoding=None, face_count=0, status="no_face"), name


def test_a_group_photo_is_flagged_and_its_largest_face_encoded(results):
    # Three people side by side; london_008's face, in the middle, is the largest.
    result = results["group_three_people.jpg"]

    assert (result.status, result.face_count) == ("several_faces", 3)
    # Compared with his other photo, not the neutral one the collage was made from.
    other_photo = results["london_008_smiling.jpg"].encoding
    assert face_distances(result.encoding, np.array([other_photo]))[0] < FACE_MATCH_THRESHOLD


def test_each_photo_is_nearest_to_another_photo_of_the_same_person(people):
    files, identities, matrix = people
    photos_of = Counter(identities)
    checked = 0
    for row, (name, identity) in enumerate(zip(files, identities, strict=True)):
        if photos_of[identity] < 2:
            continue
        # k=2: the photo itself comes first, at distance 0.
        neighbours = nearest_faces(matrix[row], matrix, files, k=2)
        nearest, distance = next((other, d) for other, d in neighbours if other != name)
        assert identities[files.index(nearest)] == identity, f"{name}: {nearest} at {distance:.3f}"
        checked += 1
    assert checked >= 40


def test_only_known_look_alikes_come_well_under_the_threshold(people, pair_distances):
    # Why a face is evidence and never proof: dlib takes some strangers of one group for the
    # same person. Pinned, so a model or threshold change that adds or removes one shows here;
    # pairs within 0.02 of the threshold are left out, where rounding could tip them.
    files, identities, _ = people
    identity_of = dict(zip(files, identities, strict=True))
    _, different = pair_distances
    well_under = {
        frozenset({identity_of[file_a], identity_of[file_b]})
        for distance, file_a, file_b in different
        if distance < FACE_MATCH_THRESHOLD - 0.02
    }
    assert len(different) > 800
    assert well_under == LOOK_ALIKES


def test_the_threshold_matches_every_photo_pair_of_the_same_person(pair_distances):
    same, _ = pair_distances
    farthest, file_a, file_b = same[-1]
    assert len(same) >= 40
    assert farthest < FACE_MATCH_THRESHOLD - 0.005, f"{file_a} / {file_b} at {farthest:.3f}"


def test_a_photo_is_turned_upright_from_its_exif_orientation(results):
    upright = Image.open(SAMPLES / "london_064_smiling.jpg")
    # Stored on its side, as phone cameras do, with the tag saying "turn 90 degrees clockwise".
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    buffer = io.BytesIO()
    sideways.save(buffer, format="JPEG", quality=95, exif=exif)

    result = encode_photo(buffer.getvalue())

    assert result.status == "ok"
    original = results["london_064_smiling.jpg"].encoding
    assert face_distances(result.encoding, np.array([original]))[0] < 0.1


def test_bytes_a_path_string_and_a_path_give_the_same_encoding(results):
    path = SAMPLES / "london_070_neutral.jpg"
    expected = results["london_070_neutral.jpg"]
    assert encode_photo(path.read_bytes()) == encode_photo(str(path)) == expected


def test_a_large_photo_is_shrunk_before_detection():
    # The kept photos are small; a phone's 1350 x 1800 is made from one.
    buffer = io.BytesIO()
    Image.open(SAMPLES / "lisa_1.jpg").resize((1350, 1800)).save(buffer, format="JPEG")

    image = load_rgb(buffer.getvalue(), max_side=640)

    assert image.shape == (640, 480, 3)
    assert encode_photo(buffer.getvalue()).status == "ok"


def test_a_small_face_far_from_the_camera_is_found_by_the_second_pass():
    # A face about 22 px wide in a 640 x 480 photo: too small for the first pass
    # (upsampled once, faces from ~40 px), found by the second on a shrunk copy.
    face = Image.open(SAMPLES / "london_008_neutral.jpg").convert("RGB")
    face.thumbnail((60, 60))
    scene = Image.new("RGB", (640, 480), (120, 130, 125))
    scene.paste(face, (300, 200))
    image = np.asarray(scene)
    assert encoding._face_recognition().face_locations(image, number_of_times_to_upsample=1) == []

    (box,) = encoding.detect_faces(image)

    top, right, bottom, left = box  # in the photo's own coordinates, inside the pasted face
    assert 300 <= left < right <= 300 + face.width
    assert 200 <= top < bottom <= 200 + face.height
    buffer = io.BytesIO()
    scene.save(buffer, format="PNG")
    result = encode_photo(buffer.getvalue())
    assert (result.status, result.face_count) == ("ok", 1)


def test_a_grey_photo_is_encoded():
    buffer = io.BytesIO()
    Image.open(SAMPLES / "london_025_neutral.jpg").convert("L").save(buffer, format="PNG")
    result = encode_photo(buffer.getvalue())
    assert result.status == "ok"


def test_a_truncated_photo_is_unreadable():
    data = (SAMPLES / "london_042_neutral.jpg").read_bytes()
    assert encode_photo(data[: len(data) // 3]).status == "unreadable"
    # face_recognition turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process on import.
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize(
    "data",
    [b"", b"not a photo at all", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\0\0"],
    ids=["empty", "text", "pdf", "broken-png"],
)
def test_bytes_that_are_not_an_image_are_unreadable(data):
    assert encode_photo(data) == FaceResult(encoding=None, face_count=0, status="unreadable")


def test_a_missing_file_raises_rather_than_passing_for_a_bad_photo(tmp_path):
    with pytest.raises(FileNotFoundError):
        encode_photo(tmp_path / "gone.jpg")


def test_face_distances_are_euclidean_float32():
    rng = np.random.default_rng(7)
    matrix = rng.normal(0, 0.1, (500, ENCODING_SIZE)).astype(np.float32)
    query = rng.normal(0, 0.1, ENCODING_SIZE)
    distances = face_distances(query.tolist(), matrix)
    assert distances.dtype == np.float32
    expected = np.linalg.norm(matrix.astype(np.float64) - query, axis=1)
    np.testing.assert_allclose(distances, expected, atol=1e-5)
    assert face_distances(matrix[3], matrix)[3] == pytest.approx(0.0, abs=1e-3)


def test_kept_norms_give_the_same_distances():
    rng = np.random.default_rng(5)
    matrix = rng.normal(0, 0.1, (5000, ENCODING_SIZE)).astype(np.float32)  # several chunks
    norms = squared_norms(matrix)
    np.testing.assert_allclose(norms, np.einsum("ij,ij->i", matrix, matrix), rtol=1e-5)
    np.testing.assert_array_equal(
        face_distances(matrix[9], matrix, norms=norms), face_distances(matrix[9], matrix)
    )
    with pytest.raises(ValueError, match="norms"):
        face_distances(matrix[9], matrix, norms=norms[:-1])


def test_nearest_faces_agrees_with_a_full_sort():
    rng = np.random.default_rng(11)
    matrix = rng.normal(0, 0.1, (2000, ENCODING_SIZE)).astype(np.float32)
    ids = [f"report-{row}" for row in range(len(matrix))]
    query = matrix[42] + 0.01
    expected = np.argsort(np.linalg.norm(matrix - query, axis=1))[:10]
    found = nearest_faces(query, matrix, ids, k=10)
    assert [name for name, _ in found] == [ids[row] for row in expected]
    assert [d for _, d in found] == sorted(d for _, d in found)


def test_nearest_faces_leaves_out_rows_beyond_max_distance():
    matrix = np.zeros((4, ENCODING_SIZE), dtype=np.float32)
    matrix[:, 0] = [0.1, 0.9, 0.3, 2.0]
    found = nearest_faces(np.zeros(ENCODING_SIZE), matrix, ["a", "b", "c", "d"], max_distance=0.5)
    assert [(name, round(d, 3)) for name, d in found] == [("a", 0.1), ("c", 0.3)]


def test_nearest_faces_with_k_beyond_the_rows_or_no_rows():
    matrix = np.eye(3, ENCODING_SIZE, dtype=np.float32)
    found = nearest_faces(matrix[1], matrix, [7, 8, 9], k=50)
    assert [name for name, _ in found][:1] == [8]
    assert len(found) == 3
    empty = np.empty((0, ENCODING_SIZE), dtype=np.float32)
    assert nearest_faces(matrix[1], empty, []) == []


@pytest.mark.parametrize(
    ("query", "matrix", "ids"),
    [
        (np.zeros(64), np.zeros((2, ENCODING_SIZE)), [1, 2]),
        (np.zeros(ENCODING_SIZE), np.zeros((2, 64)), [1, 2]),
        (np.zeros(ENCODING_SIZE), np.zeros((2, ENCODING_SIZE)), [1]),
    ],
    ids=["short-query", "narrow-matrix", "ids-mismatch"],
)
def test_nearest_faces_refuses_mismatched_shapes(query, matrix, ids):
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies with the shape
        nearest_faces(query, matrix, ids)


def test_models_are_found_without_setuptools_pkg_resources(monkeypatch):
    # setuptools 81+ ships no pkg_resources, which face_recognition_models imports.
    monkeypatch.setitem(sys.modules, "pkg_resources", None)
    _provide_pkg_resources()
    shim = sys.modules["pkg_resources"]
    model = shim.resource_filename(
        "face_recognition_models", "models/dlib_face_recognition_resnet_model_v1.dat"
    )
    assert Path(model).is_file()
