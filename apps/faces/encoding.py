"""Face encodings for children's photos, and exact nearest-face search over many of them.

Plain Python, numpy, Pillow and face_recognition (dlib), no Django: the matching engine, the
management commands and the benchmarks all call it with bytes or a path.

An encoding is dlib's 128-number description of a face; two photos of one person lie close
together (Euclidean distance), so matching is a nearest-neighbour search over those vectors.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import math
import struct
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import numpy as np
from PIL import Image, ImageFile, ImageOps

if TYPE_CHECKING:
    from types import ModuleType

ENCODING_SIZE = 128

# Distance below which two photos count as face evidence for the same person.
# Chosen on the shared test set (shared/testdata/faces: the 69 photos showing one known face,
# 27 people, 67 same-person pairs and 2,279 different-person pairs), encoded exactly as
# encode_photo() does (640 px, HOG, 1 jitter):
#   same person:      max 0.568 (deepface_id03_1 / deepface_id03_3), mean 0.357
#   different people: min 0.604 (biden_1 / john_savage_2), then 0.605 (deepface_id29_2 /
#                     deepface_id34_1, two look-alikes), mean 0.886
# 0.59 sits near the middle of that gap (0.022 above the farthest same-person pair, 0.014
# below the closest strangers), so every pair of the set falls on the right side. dlib's usual
# 0.6 would too, but only 0.004 from a false match. Real photos of children will not separate
# this cleanly: dlib's model was trained on adults and is known to confuse children, and South
# and East Asian faces, with one another. The Face Research Lab London Set (adults of four
# groups, some kept for the tests: apps/faces/tests/samples/SOURCES.md) shows it: every
# same-person pair is under 0.46, yet 137 of its 20,604 stranger pairs come under 0.59, nearly
# all within one group (a quarter of the pairs of two Black people, a fifth of two East Asian,
# one in eighteen of two West Asian, about one in 500 of two White). A distance below the
# threshold is evidence for an officer to weigh next to the other details of a report, never
# a verdict that two children are the same child.
FACE_MATCH_THRESHOLD = 0.59

# dlib's HOG window is 80 px. Upsampling once (2x each side) finds faces down to ~40 px in a
# 640 px photo; twice (4x) finds smaller ones, such as a child far from the camera, but costs
# about 4x as long: after a first pass that found nothing, a second pass over the whole photo
# took a photo without a face past the 1 s budget. So the second pass runs only where the
# first found nothing, and on the photo shrunk to at most _RETRY_PIXELS (640 x 480 becomes
# 516 x 387): upsampled twice, that is under twice the first pass's work, and it still finds
# faces of 20-25 px in the 640 px photo (test_encode_photos.py).
_UPSAMPLE = 1
_UPSAMPLE_RETRY = 2
_RETRY_PIXELS = 200_000

# Pillow raises many different types on corrupt or hostile input (it is fuzzed for crashes,
# not for one exception type); every one of them means "this is not a usable image".
_DECODE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    struct.error,
    Image.DecompressionBombError,
)

# Rows squared at a time by squared_norms(): 2,048 x 128 float32 = 1 MB, which stays in cache.
_CHUNK_ROWS = 2048

Status = Literal["ok", "no_face", "several_faces", "unreadable"]
FaceBox = tuple[int, int, int, int]  # (top, right, bottom, left), face_recognition's order
Id = TypeVar("Id")


@dataclass(frozen=True, slots=True)
class FaceResult:
    """What one photo gave: the largest face's encoding (None without a face) and the count."""

    encoding: tuple[float, ...] | None
    face_count: int
    status: Status


def encode_photo(source: bytes | str | Path, *, max_side: int = 640) -> FaceResult:
    """Encode the largest face in a photo given as bytes or a file path.

    A photo with no detectable face, or that is not an image at all, is an ordinary outcome
    (status "no_face" or "unreadable"), never an exception. A path that cannot be read
    (missing file, no permission) does raise: that is a storage fault, not a bad photo.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be positive, not {max_side}")
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    image = load_rgb(data, max_side=max_side)
    if image is None:
        return FaceResult(encoding=None, face_count=0, status="unreadable")
    boxes = detect_faces(image)
    if not boxes:
        return FaceResult(encoding=None, face_count=0, status="no_face")
    encoding = _encode(image, largest_face(boxes))
    status: Status = "ok" if len(boxes) == 1 else "several_faces"
    return FaceResult(encoding=encoding, face_count=len(boxes), status=status)


def load_rgb(data: bytes, *, max_side: int) -> np.ndarray | None:
    """Decode to an upright RGB array whose longest side is at most max_side; None if unusable."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            # A JPEG can be decoded straight at 1/2, 1/4 or 1/8 size (never below the box
            # asked for), which is several times faster than decoding in full and shrinking.
            picture.draft("RGB", (max_side, max_side))
            upright = ImageOps.exif_transpose(picture).convert("RGB")
    except _DECODE_ERRORS:
        return None
    # Detection time grows with the pixel count, and faces in a 640 px photo are still
    # large enough for HOG and for the encoder's 150 px face chips.
    upright.thumbnail((max_side, max_side))
    return np.asarray(upright)


def detect_faces(image: np.ndarray) -> list[FaceBox]:
    """Face boxes found by dlib's HOG detector; if none, small faces are looked for once more,
    upsampled further on a shrunk copy (see _RETRY_PIXELS)."""
    boxes = _face_recognition().face_locations(
        image, number_of_times_to_upsample=_UPSAMPLE, model="hog"
    )
    if not boxes:
        return _detect_small_faces(image)
    return [tuple(box) for box in boxes]


def _detect_small_faces(image: np.ndarray) -> list[FaceBox]:
    """Boxes in `image`'s coordinates, found upsampled _UPSAMPLE_RETRY times on a copy of at
    most _RETRY_PIXELS pixels."""
    height, width = image.shape[:2]
    scale = min(1.0, math.sqrt(_RETRY_PIXELS / (width * height)))
    shrunk = image
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        shrunk = np.asarray(Image.fromarray(image).resize(size, Image.Resampling.BILINEAR))
    boxes = _face_recognition().face_locations(
        shrunk, number_of_times_to_upsample=_UPSAMPLE_RETRY, model="hog"
    )
    across, down = width / shrunk.shape[1], height / shrunk.shape[0]
    return [
        (
            max(0, round(top * down)),
            min(width, round(right * across)),
            min(height, round(bottom * down)),
            max(0, round(left * across)),
        )
        for top, right, bottom, left in boxes
    ]


def largest_face(boxes: Sequence[FaceBox]) -> FaceBox:
    """The box with the largest area: in a child's photo, the child is usually the main face."""
    return max(boxes, key=lambda box: (box[2] - box[0]) * (box[1] - box[3]))


def _encode(image: np.ndarray, box: FaceBox) -> tuple[float, ...]:
    encodings = _face_recognition().face_encodings(image, known_face_locations=[box], num_jitters=1)
    return tuple(float(value) for value in encodings[0])


def face_distances(
    query: Sequence[float], matrix: np.ndarray, *, norms: np.ndarray | None = None
) -> np.ndarray:
    """Euclidean distance from one encoding to every row of an (N, 128) matrix, as float32.

    norms: squared_norms(matrix), when the caller keeps it next to the matrix; it saves a
    second pass over the matrix (about 2/3 of the time at 1M rows), not changing the result.
    """
    point = _as_query(query)
    rows = _as_matrix(matrix)
    norms = squared_norms(rows) if norms is None else _as_norms(norms, len(rows))
    # |a - b|^2 = |a|^2 - 2 a.b + |b|^2: one BLAS matrix-vector product, bound by memory speed,
    # instead of an (N, 128) difference matrix (512 MB at 1M rows, several times slower).
    squared = rows @ point
    squared *= -2.0
    squared += norms
    squared += point @ point
    # Rounding can leave a tiny negative for a row almost equal to the query.
    np.maximum(squared, 0.0, out=squared)
    return np.sqrt(squared, out=squared)


def squared_norms(matrix: np.ndarray) -> np.ndarray:
    """Each row's squared length (float32), to compute once per matrix for face_distances."""
    rows = _as_matrix(matrix)
    norms = np.empty(len(rows), dtype=np.float32)
    ones = np.ones(ENCODING_SIZE, dtype=np.float32)
    scratch = np.empty((min(_CHUNK_ROWS, len(rows)), ENCODING_SIZE), dtype=np.float32)
    # Squares a cache-sized block at a time and sums it with BLAS: np.einsum over the whole
    # matrix is ~3x slower, and squaring it at once would need another 512 MB at 1M rows.
    for start in range(0, len(rows), _CHUNK_ROWS):
        block = rows[start : start + _CHUNK_ROWS]
        squares = np.square(block, out=scratch[: len(block)])
        np.matmul(squares, ones, out=norms[start : start + len(block)])
    return norms


def nearest_faces(
    query: Sequence[float],
    matrix: np.ndarray,
    ids: Sequence[Id],
    k: int = 10,
    max_distance: float | None = None,
    *,
    norms: np.ndarray | None = None,
) -> list[tuple[Id, float]]:
    """The k rows nearest to query as (id, distance), nearest first (exact, not approximate).

    ids[i] names row i of matrix. With max_distance, rows farther than it are left out, so
    fewer than k may come back. norms: as for face_distances.
    """
    if len(ids) != len(matrix):
        raise ValueError(f"{len(ids)} ids for {len(matrix)} rows")
    if k < 1 or len(matrix) == 0:
        return []
    distances = face_distances(query, matrix, norms=norms)
    nearest = _smallest(distances, k)
    if max_distance is not None:
        nearest = nearest[distances[nearest] <= max_distance]
    return [(ids[int(row)], float(distances[row])) for row in nearest]


def _smallest(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k smallest values, in ascending order of value."""
    if k >= len(values):
        return np.argsort(values, kind="stable")
    # O(N) selection, then a sort of only k items: sorting all 1M distances costs ~10x more.
    candidates = np.argpartition(values, k - 1)[:k]
    return candidates[np.argsort(values[candidates], kind="stable")]


def _as_query(query: Sequence[float]) -> np.ndarray:
    point = np.asarray(query, dtype=np.float32)
    if point.shape != (ENCODING_SIZE,):
        raise ValueError(f"a face encoding has {ENCODING_SIZE} values, not shape {point.shape}")
    return point


def _as_norms(norms: np.ndarray, count: int) -> np.ndarray:
    values = np.asarray(norms, dtype=np.float32)
    if values.shape != (count,):
        raise ValueError(f"expected {count} norms, not shape {values.shape}")
    return values


def _as_matrix(matrix: np.ndarray) -> np.ndarray:
    # No copy when the matrix is already float32, as the matching engine keeps it.
    rows = np.asarray(matrix, dtype=np.float32)
    if rows.ndim != 2 or rows.shape[1] != ENCODING_SIZE:
        raise ValueError(f"expected an (N, {ENCODING_SIZE}) matrix, not shape {rows.shape}")
    return rows


@functools.cache
def _face_recognition() -> ModuleType:
    """Import face_recognition on first use: it loads ~100 MB of dlib models (1-2 s), which
    code that only searches encodings (face_distances, nearest_faces) should not pay for."""
    _provide_pkg_resources()
    refuse_truncated = not ImageFile.LOAD_TRUNCATED_IMAGES
    import face_recognition

    # face_recognition switches on Pillow's process-wide LOAD_TRUNCATED_IMAGES when imported,
    # which would let half-uploaded photos through here and in apps.core.images; switch it back.
    if refuse_truncated:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    return face_recognition


def _provide_pkg_resources() -> None:
    """face_recognition_models 0.3.0 finds its model files with pkg_resources, which
    setuptools 81+ no longer ships (and face_recognition quits the process when that import
    fails). Where it is missing, stand in the one function that package uses."""
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        shim = types.ModuleType("pkg_resources")
        shim.resource_filename = _resource_filename
        sys.modules["pkg_resources"] = shim


def _resource_filename(package: str, resource: str) -> str:
    return str(importlib.resources.files(package) / resource)
