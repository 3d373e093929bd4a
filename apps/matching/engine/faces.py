"""Face encodings (128 numbers from dlib) and an exact nearest-face search over many of them.

The encodings of an index live in one float32 matrix with each row's squared length beside it;
the search itself is apps.faces.encoding.nearest_faces, shared with the face module.
"""

import math
from collections.abc import Sequence

import numpy

from apps.faces.encoding import nearest_faces

FACE_DIMENSIONS = 128
_FIRST_CAPACITY = 1024


def face_distance(one: Sequence[float] | None, other: Sequence[float] | None) -> float | None:
    """Euclidean distance between two encodings, or None when either is missing or malformed."""
    if one is None or other is None or len(one) != len(other) or not one:
        return None
    return math.dist(one, other)


class FaceStore:
    """Encodings of the records in an index, each tied to the record's position there."""

    def __init__(self, dimensions: int = FACE_DIMENSIONS):
        self.dimensions = dimensions
        self._count = 0
        self._row_of: dict[int, int] = {}
        self._positions: list[int] = []
        self._matrix = numpy.zeros((_FIRST_CAPACITY, dimensions), dtype=numpy.float32)
        self._norms = numpy.zeros(_FIRST_CAPACITY, dtype=numpy.float32)

    def __len__(self) -> int:
        return self._count

    def add(self, position: int, vector: Sequence[float]) -> bool:
        """Store a record's encoding; False (nothing stored) when it has the wrong length."""
        if len(vector) != self.dimensions:
            return False
        self._row_of[position] = self._count
        self._positions.append(position)
        self._grow_if_full()
        row = numpy.asarray(vector, dtype=numpy.float32)
        self._matrix[self._count] = row
        self._norms[self._count] = row @ row
        self._count += 1
        return True

    def has(self, position: int) -> bool:
        return position in self._row_of

    def vector(self, position: int) -> tuple[float, ...] | None:
        row = self._row_of.get(position)
        if row is None:
            return None
        return tuple(self._matrix[row].tolist())

    def distance(self, position: int, query: Sequence[float]) -> float | None:
        return face_distance(self.vector(position), query)

    def nearest(
        self, query: Sequence[float], count: int, max_distance: float
    ) -> list[tuple[int, float]]:
        """Up to `count` (position, distance) pairs nearest to `query`, closest first, by an
        exact search over every stored encoding."""
        if not self._count or len(query) != self.dimensions or count <= 0:
            return []
        rows = nearest_faces(
            query,
            self._matrix[: self._count],
            range(self._count),
            k=count,
            norms=self._norms[: self._count],
        )
        # Recompute the few winners exactly, so the distances equal face_distance's.
        exact = sorted((face_distance(self._matrix[row].tolist(), query), row) for row, _ in rows)
        return [
            (self._positions[row], distance) for distance, row in exact if distance <= max_distance
        ]

    def _grow_if_full(self) -> None:
        if self._count < len(self._matrix):
            return
        capacity = 2 * len(self._matrix)
        matrix = numpy.zeros((capacity, self.dimensions), dtype=numpy.float32)
        matrix[: self._count] = self._matrix
        norms = numpy.zeros(capacity, dtype=numpy.float32)
        norms[: self._count] = self._norms
        self._matrix, self._norms = matrix, norms


def closest_faces(
    ours: Sequence[Sequence[float]], theirs: Sequence[Sequence[float]]
) -> tuple[Sequence[float] | None, Sequence[float] | None]:
    """One encoding of each of two reports with several photos: the two that lie closest (the
    photos most alike), or the first of each when either report has none to compare."""
    if not ours or not theirs:
        return (ours[0] if ours else None, theirs[0] if theirs else None)
    return min(((one, other) for one in ours for other in theirs), key=_distance_or_infinity)


def _distance_or_infinity(pair) -> float:
    distance = face_distance(*pair)
    return math.inf if distance is None else distance
