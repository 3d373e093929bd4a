"""Searching the open faces of one side of India (apps.matching.models.OpenFace) for those
nearest to a report's faces, in one of two ways with the same answers:

- in PostgreSQL, where migration matching.0005 found pgvector (the embedded server and the
  compose file's image have it): the HNSW index of that side's open faces;
- elsewhere (a PostgreSQL without the extension), by an exact search over a float32 matrix of
  that side's open faces which each worker process loads once and then keeps up to date from
  the rows changed since it last looked, so a search never rereads a million rows.

Both return photos nearest first, approximately measured (float32); the selector measures the
few it keeps again from the stored encodings (apps.matching.selectors.face_candidate_ids).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction

from apps.faces.encoding import ENCODING_SIZE

logger = logging.getLogger(__name__)

SIDES = ("missing", "found")
# HNSW looks at this many entries per query (pgvector's hnsw.ef_search): at least the number
# asked for, or fewer come back. At 8 times that (400 for 50) it found every stored child's
# other photo and every face nearer than 0.55 that the exact search found, at 1,000,000 faces;
# at 2 times, 45 children in 50 (docs/matching.md, "Face candidates").
_EF_SEARCH_FACTOR = 8
# float32 sums round differently from the float64 measure that decides: keep those just past
# the limit too, and let that measure drop them.
_ROUNDING_SLACK = 1e-3


@dataclass(frozen=True, slots=True)
class NearFace:
    report_id: int
    photo_id: int
    distance: float  # float32, approximate


def nearest_open_faces(
    side: str, query: tuple[float, ...], count: int, max_distance: float
) -> list[NearFace]:
    """The `count` open faces of `side` nearest to `query` within `max_distance`, nearest
    first."""
    if side not in SIDES:
        raise ValueError(f"no side {side!r}")
    if uses_pgvector():
        return _nearest_in_postgresql(side, query, count, max_distance + _ROUNDING_SLACK)
    return worker_matrices().nearest(side, query, count, max_distance + _ROUNDING_SLACK)


def uses_pgvector() -> bool:
    """Whether this database's open faces have the pgvector column (migration 0005)."""
    key = _database_key()
    if key not in _HAS_VECTORS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'matching_openface' AND column_name = 'embedding' "
                "AND table_schema = current_schema())"
            )
            _HAS_VECTORS[key] = cursor.fetchone()[0]
    return _HAS_VECTORS[key]


_HAS_VECTORS: dict[tuple, bool] = {}


def _database_key() -> tuple:
    settings = connection.settings_dict
    return (settings["HOST"], settings["PORT"], settings["NAME"])


# The side is written into the statement, not passed as a parameter, so that PostgreSQL picks
# that side's partial index (WHERE open AND side = '...').
_NEAREST_SQL = """
SELECT report_id, photo_id, distance FROM (
    SELECT report_id, photo_id, embedding <-> %(query)s::vector(128) AS distance
    FROM matching_openface
    WHERE open AND side = '{side}'
    ORDER BY embedding <-> %(query)s::vector(128)
    LIMIT %(count)s
) AS nearest
WHERE distance <= %(max_distance)s
"""


def _nearest_in_postgresql(side, query, count, max_distance) -> list[NearFace]:
    vector = "[" + ",".join(repr(float(value)) for value in query) + "]"
    with transaction.atomic(), connection.cursor() as cursor:
        # Only for this transaction: the setting is the connection's, and connections are kept.
        cursor.execute(
            "SELECT set_config('hnsw.ef_search', %s, true)",
            [str(max(40, _EF_SEARCH_FACTOR * count))],
        )
        cursor.execute(
            _NEAREST_SQL.format(side=side),
            {"query": vector, "count": count, "max_distance": max_distance},
        )
        return [NearFace(*row) for row in cursor.fetchall()]


# --- the worker's matrices -------------------------------------------------------------------

_LOAD_SQL = """
COPY (
    SELECT o.photo_id, o.report_id, f.encoding::real[]
    FROM matching_openface AS o JOIN matching_faceencoding AS f ON f.photo_id = o.photo_id
    WHERE o.open AND o.side = '{side}'
) TO STDOUT (FORMAT BINARY)
"""
_CHANGED_SQL = """
SELECT o.photo_id, o.report_id, o.side, o.open, f.encoding
FROM matching_openface AS o
LEFT JOIN matching_faceencoding AS f ON f.photo_id = o.photo_id AND o.open
WHERE o.changed_xid >= %s
"""
# Every transaction older than this has ended: rows changed since are read again next time.
_SNAPSHOT_XMIN_SQL = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"

# One row of _LOAD_SQL in PostgreSQL's binary COPY format: the field count, then each field's
# length and value; the array is (dimensions, flags, element type, length, lower bound) and
# each element's length and value. Big-endian, packed.
_COPY_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("photo_length", ">i4"),
        ("photo", ">i8"),
        ("report_length", ">i4"),
        ("report", ">i8"),
        ("array_length", ">i4"),
        ("array_header", ">i4", (5,)),
        ("elements", [("length", ">i4"), ("value", ">f4")], (ENCODING_SIZE,)),
    ]
)
_FLOAT4_OID = 700
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_PARSED_BYTES = 8 * 2**20
# Overlay rows (faces that came or changed after the load) past this share of the loaded rows
# make the next search fold them into a new matrix.
_OVERLAY_SHARE = 0.25
_OVERLAY_MINIMUM = 10_000


@dataclass
class _Rows:
    """A growing float32 matrix of encodings with their squared lengths, photos and reports.

    A removed row keeps its place with an infinite squared length, so its distance is
    infinite and it never comes back from a search."""

    vectors: np.ndarray = field(
        default_factory=lambda: np.zeros((0, ENCODING_SIZE), dtype=np.float32)
    )
    norms: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    photos: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    reports: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    count: int = 0
    scratch: np.ndarray | None = field(default=None, repr=False)

    def reserve(self, capacity: int) -> None:
        if capacity <= len(self.norms):
            return
        for name in ("vectors", "norms", "photos", "reports"):
            old = getattr(self, name)
            grown = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            grown[: self.count] = old[: self.count]
            setattr(self, name, grown)

    def append(self, photos, reports, vectors) -> None:
        added = len(photos)
        if self.count + added > len(self.norms):
            self.reserve(max(2 * len(self.norms), self.count + added, 1024))
        end = self.count + added
        self.vectors[self.count : end] = vectors
        self.norms[self.count : end] = np.einsum(
            "ij,ij->i", self.vectors[self.count : end], self.vectors[self.count : end]
        )
        self.photos[self.count : end] = photos
        self.reports[self.count : end] = reports
        self.count = end

    def live(self) -> np.ndarray:
        return np.flatnonzero(np.isfinite(self.norms[: self.count]))

    def nearest(self, query: np.ndarray, count: int, max_distance: float) -> list[NearFace]:
        if not self.count:
            return []
        # |row - query|^2 = |row|^2 - 2 row.query + |query|^2: one matrix-vector product, bound
        # by memory speed (reading the float32 matrix once: 512 MB for a million faces), into
        # a buffer kept between searches; the rows beyond max_distance are dropped before any
        # sorting.
        squared = self._scratch()
        np.matmul(self.vectors[: self.count], query * np.float32(-2.0), out=squared)
        squared += self.norms[: self.count]
        own = float(query @ query)
        rows = np.flatnonzero(squared <= max_distance * max_distance - own)
        if len(rows) > count:
            rows = rows[np.argpartition(squared[rows], count - 1)[:count]]
        distances = np.sqrt(np.maximum(squared[rows] + own, 0.0))
        return [
            NearFace(*near)
            for near in zip(
                self.reports[rows].tolist(),
                self.photos[rows].tolist(),
                distances.tolist(),
                strict=True,
            )
        ]

    def _scratch(self) -> np.ndarray:
        """A float32 buffer of one number per row, allocated once per process (not 4 MB per
        search) and grown with the matrix."""
        if self.scratch is None or len(self.scratch) < self.count:
            self.scratch = np.empty(len(self.norms), dtype=np.float32)
        return self.scratch[: self.count]


class _SideMatrix:
    """The open faces of one side: the rows loaded at once (`loaded`, never rewritten but for
    their squared lengths, so worker processes forked after the load share its pages; a
    photo's row is found by bisection in `by_photo`) and those that came or changed since
    (`overlay`)."""

    def __init__(self, loaded: _Rows):
        self.loaded = loaded
        self.by_photo = np.argsort(loaded.photos[: loaded.count], kind="stable")
        self.sorted_photos = loaded.photos[self.by_photo]
        self.overlay = _Rows()
        self.overlay_row: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.loaded.live()) + len(self.overlay_row)

    def remove(self, photo_id: int) -> None:
        row = self.overlay_row.pop(photo_id, None)
        if row is not None:
            self.overlay.norms[row] = np.inf
        at = int(np.searchsorted(self.sorted_photos, photo_id))
        if at < len(self.sorted_photos) and self.sorted_photos[at] == photo_id:
            self.loaded.norms[self.by_photo[at]] = np.inf

    def put(self, photo_id: int, report_id: int, vector) -> None:
        self.remove(photo_id)
        self.overlay_row[photo_id] = self.overlay.count
        self.overlay.append([photo_id], [report_id], np.asarray([vector], dtype=np.float32))

    def needs_folding(self) -> bool:
        return self.overlay.count > max(_OVERLAY_MINIMUM, _OVERLAY_SHARE * self.loaded.count)

    def folded(self) -> _SideMatrix:
        """The live rows of both parts as one loaded matrix."""
        rows = _Rows()
        for part in (self.loaded, self.overlay):
            live = part.live()
            rows.append(part.photos[live], part.reports[live], part.vectors[live])
        return _SideMatrix(rows)

    def nearest(self, query, count: int, max_distance: float) -> list[NearFace]:
        found = self.loaded.nearest(query, count, max_distance)
        found += self.overlay.nearest(query, count, max_distance)
        found.sort(key=lambda face: (face.distance, face.report_id, face.photo_id))
        return found[:count]


class WorkerMatrices:
    """Both sides' open faces of one database, in this process's memory."""

    def __init__(self):
        self.sides: dict[str, _SideMatrix] = {}
        self.xmin: int | None = None
        self._lock = threading.Lock()  # a threaded web server in development shares it

    def nearest(self, side, query, count: int, max_distance: float) -> list[NearFace]:
        point = np.asarray(query, dtype=np.float32)
        with self._lock:
            self.refresh()
            return self.sides[side].nearest(point, count, max_distance)

    def refresh(self) -> None:
        """Load every open face the first time; afterwards only the rows changed since."""
        with connection.cursor() as cursor:
            cursor.execute(_SNAPSHOT_XMIN_SQL)
            xmin = cursor.fetchone()[0]
            if self.xmin is None:
                started = time.perf_counter()
                self.sides = {side: _SideMatrix(_load(cursor, side)) for side in SIDES}
                logger.info(
                    "open faces loaded: %s missing and %s found in %.1f s",
                    len(self.sides["missing"]),
                    len(self.sides["found"]),
                    time.perf_counter() - started,
                )
            else:
                cursor.execute(_CHANGED_SQL, [self.xmin])
                for photo_id, report_id, side, is_open, encoding in cursor.fetchall():
                    self._apply(photo_id, report_id, side, is_open, encoding)
        self.xmin = xmin
        for side, matrix in self.sides.items():
            if matrix.needs_folding():
                self.sides[side] = matrix.folded()

    def _apply(self, photo_id, report_id, side, is_open, encoding) -> None:
        for matrix in self.sides.values():
            matrix.remove(photo_id)  # also from the other side, if the report changed kind
        if is_open and encoding is not None and len(encoding) == ENCODING_SIZE:
            self.sides[side].put(photo_id, report_id, encoding)


def _load(cursor, side: str) -> _Rows:
    """Every open face of a side, streamed in PostgreSQL's binary COPY format straight into
    float32 rows: a million faces come in seconds, never as a million Python lists."""
    cursor.execute("SELECT count(*) FROM matching_openface WHERE open AND side = %s", [side])
    rows = _Rows()
    rows.reserve(cursor.fetchone()[0] + 1)
    # PostgreSQL sends a message per row: parse them a few megabytes at a time.
    blocks, size, pending = [], 0, b""
    with cursor.cursor.copy(_LOAD_SQL.format(side=side)) as copy:
        for block in copy:
            blocks.append(block)
            size += len(block)
            if size >= _PARSED_BYTES:
                pending = _append_rows(rows, pending + b"".join(blocks))
                blocks, size = [], 0
    pending = _append_rows(rows, pending + b"".join(blocks))
    if pending not in (b"", b"\xff\xff"):
        raise ValueError("the faces' COPY ended in the middle of a row")
    return rows


def _append_rows(rows: _Rows, data: bytes) -> bytes:
    """Append the whole rows in `data` (after the file header, if it starts with it); return
    what is left of it."""
    if data.startswith(_COPY_SIGNATURE):
        extension = int.from_bytes(data[15:19], "big")
        data = data[19 + extension :]
    whole = len(data) // _COPY_ROW.itemsize  # the 2-byte trailer is never a whole row
    parsed = np.frombuffer(data, dtype=_COPY_ROW, count=whole)
    if whole and not _well_formed(parsed):
        raise ValueError("unexpected row layout in the faces' COPY")
    rows.append(parsed["photo"], parsed["report"], parsed["elements"]["value"])
    return data[whole * _COPY_ROW.itemsize :]


def _well_formed(parsed: np.ndarray) -> bool:
    header = np.array([1, 0, _FLOAT4_OID, ENCODING_SIZE, 1])
    return bool(
        (parsed["fields"] == 3).all()
        and (parsed["photo_length"] == 8).all()
        and (parsed["report_length"] == 8).all()
        and (parsed["array_length"] == 20 + 8 * ENCODING_SIZE).all()
        and (parsed["array_header"] == header).all()
        and (parsed["elements"]["length"] == 4).all()
    )


_WORKER_MATRICES: dict[tuple, WorkerMatrices] = {}


def worker_matrices() -> WorkerMatrices:
    """This process's matrices of the current database (loaded on first use)."""
    return _WORKER_MATRICES.setdefault(_database_key(), WorkerMatrices())


def load_before_forking(queues) -> bool:
    """In a worker's main process, before it starts its pool: load the open faces when the
    worker takes matching tasks and the database has no pgvector. Its pool processes then
    share the loaded matrices (copy-on-write) instead of each loading its own, and so does a
    process started to replace one (CELERY_WORKER_MAX_TASKS_PER_CHILD); each reads only the
    changes since. True when it loaded them (the caller closes the connection it used)."""
    if "matching" not in queues or uses_pgvector():
        return False
    worker_matrices().refresh()
    return True
