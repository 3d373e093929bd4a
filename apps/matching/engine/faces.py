"""Face encodings (128 numbers from dlib) and an exact nearest-face search over many of them.

numpy does the search over one float32 matrix when it is installed; without it the same exact
search runs in plain Python, which is correct but only fit for small sets (tests, a district).
"""

import heapq
import math
from collections.abc import Sequence

try:  # numpy arrives with the face-recognition packages; the engine must work without it.
    import numpy
except ImportError:  # pragma: no cover - depends on the installation
    numpy = None

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
        if numpy is not None:
            self._matrix = numpy.zeros((_FIRST_CAPACITY, dimensions), dtype=numpy.float32)
            self._norms = numpy.zeros(_FIRST_CAPACITY, dtype=numpy.float32)
        else:
            self._vectors: list[tuple[float, ...]] = []

    def __len__(self) -> int:
        return self._count

    def add(self, position: int, vector: Sequence[float]) -> bool:
        """Store a record's encoding; False (nothing stored) when it has the wrong length."""
        if len(vector) != self.dimensions:
            return False
        self._row_of[position] = self._count
        self._positions.append(position)
        if numpy is None:
            self._vectors.append(tuple(float(value) for value in vector))
        else:
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
        if numpy is None:
            return self._vectors[row]
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
        if numpy is None:
            found = heapq.nsmallest(
                count, ((math.dist(query, vector), row) for row, vector in enumerate(self._vectors))
            )
        else:
            found = self._nearest_with_numpy(query, count)
        return [
            (self._positions[row], distance) for distance, row in found if distance <= max_distance
        ]

    def _nearest_with_numpy(self, query: Sequence[float], count: int) -> list[tuple[float, int]]:
        matrix = self._matrix[: self._count]
        point = numpy.asarray(query, dtype=numpy.float32)
        # |a - b|² = |a|² + |b|² - 2 a·b: one matrix-vector product for all rows.
        squared = self._norms[: self._count] - 2 * (matrix @ point) + point @ point
        count = min(count, self._count)
        rows = numpy.argpartition(squared, count - 1)[:count]
        # Recompute the few winners exactly, so the distances equal face_distance's.
        exact = numpy.sqrt(((matrix[rows].astype(numpy.float64) - point) ** 2).sum(axis=1))
        return sorted(zip(exact.tolist(), rows.tolist(), strict=True))

    def _grow_if_full(self) -> None:
        if self._count < len(self._matrix):
            return
        capacity = 2 * len(self._matrix)
        matrix = numpy.zeros((capacity, self.dimensions), dtype=numpy.float32)
        matrix[: self._count] = self._matrix
        norms = numpy.zeros(capacity, dtype=numpy.float32)
        norms[: self._count] = self._norms
        self._matrix, self._norms = matrix, norms
