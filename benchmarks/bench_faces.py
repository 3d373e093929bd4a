"""How long face encoding takes, and the face part of the portal's own matching path with a
million stored faces.

Run from the project root:

    .venv/bin/python benchmarks/bench_faces.py encoding
    DATABASE_URL=postgres://…/trackchild_face_bench \\
        .venv/bin/python benchmarks/bench_faces.py candidates [--faces 1000000] [--reports 500000]
        [--queries 200] [--named]
    .venv/bin/python benchmarks/bench_faces.py candidates --embedded var/face-bench

`encoding` encodes every photo of the shared face test set (shrunk to 640 px, as
encode_photo() does; target <= 1 s each).

`candidates` fills a database of its own (never a real portal's) with demo reports
(`seed_demo --scale`, --reports of them) and gives the open missing reports photos with
synthetic faces until --faces are searched on that side (spread evenly, at most 6 a report as on
the portal), then runs VACUUM ANALYZE as autovacuum would have; then it files --queries found
children with a photo each (half another photo of a stored child, half a child on no report;
without a name, or with `--named` the name of the report copied, so that name keys, district,
description and faces all bring candidates) and times `match_report` on each (target: p95 <= 500
ms), and within it the face part, `selectors.face_candidate_ids` (target: p95 <= 150 ms). The
first search of the process is timed apart ("cold": the worker's first search loads its
matrices; pgvector's first reads its index). With pgvector (`--embedded DIR`
starts an embedded PostgreSQL there, which has it), the index is built after the faces are
stored and the same searches are then made by the worker's matrices too, and their candidates
compared. The faces are filled once; later runs reuse them.
"""

import argparse
import importlib
import math
import os
import resource
import statistics
import sys
import time
import warnings
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

# Run as a plain script, so the project root is not on sys.path by itself.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# CI and developers have the project cloned next to shared/.
FACES_DIR = ROOT.parent / "shared" / "testdata" / "faces"
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}
ENCODE_TARGET_S = 1.0
FACE_PART_TARGET_S = 0.150
MATCH_TARGET_S = 0.500
EMBEDDED_DATABASE = "trackchild_face_bench"

# Synthetic encodings shaped like dlib's: a few directions vary much more than the rest
# (spreads falling as 1/sqrt(i + 8)), scaled so two children's faces lie about 0.9 apart and
# two photos of one child about 0.35 (the shared test set: 0.886 and 0.357 on average).
SPECTRUM = 1 / np.sqrt(np.arange(128) + 8)
CHILD_SPREAD = SPECTRUM * (0.9 / math.sqrt(2 * float(SPECTRUM @ SPECTRUM)))
PHOTO_NOISE = 0.35 / math.sqrt(2 * 128)
COMMON_FACE = np.random.default_rng(7).normal(0, 0.05, 128)


def percentile(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(seconds: list[float], target: float | None = None) -> str:
    """p50, p95 and max in milliseconds, and whether p95 meets the target."""
    text = (
        f"p50 {statistics.median(seconds) * 1000:.0f} ms, "
        f"p95 {percentile(seconds, 0.95) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"
    )
    if target is not None:
        verdict = "within" if percentile(seconds, 0.95) <= target else "OVER"
        text += f" ({verdict} the {target * 1000:.0f} ms target)"
    return text


# --- encoding --------------------------------------------------------------------------------


def bench_encoding() -> None:
    from apps.faces.encoding import encode_photo

    photos = sorted(p for p in FACES_DIR.glob("*") if p.suffix.lower() in PHOTO_SUFFIXES)
    if not photos:
        print(f"encoding: skipped, no photos at {FACES_DIR}")
        return
    contents = [photo.read_bytes() for photo in photos]  # time decoding, not the disk
    # The first call loads dlib's models (~100 MB); a long-lived worker pays that once.
    started = time.perf_counter()
    encode_photo(contents[0])
    print(f"encoding: first call, models loaded too: {time.perf_counter() - started:.2f} s")
    timings, by_status = [], defaultdict(list)
    for photo, data in zip(photos, contents, strict=True):
        started = time.perf_counter()
        status = encode_photo(data).status
        timings.append(time.perf_counter() - started)
        by_status[status].append(timings[-1])
        if timings[-1] > ENCODE_TARGET_S:
            print(f"  slow: {photo.name} {timings[-1]:.2f} s ({status})")
    print(f"encoding {len(photos)} photos at 640 px: {summary(timings, ENCODE_TARGET_S)}")
    # A photo without a face costs most: the detector looks twice (apps/faces/encoding.py).
    for status, seconds in sorted(by_status.items()):
        print(f"  {status} ({len(seconds)}): {summary(seconds, ENCODE_TARGET_S)}")


# --- face candidates -------------------------------------------------------------------------


def start_embedded(folder: Path) -> None:
    """An embedded PostgreSQL (with pgvector) in `folder`, named by DATABASE_URL."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        folder.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(folder.resolve(), cleanup_mode="stop")
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{EMBEDDED_DATABASE}"')
    info = server.get_postmaster_info()
    os.environ["DATABASE_URL"] = (
        f"postgres://postgres@:{info.port}/{EMBEDDED_DATABASE}?host={info.socket_dir}"
    )


def setup_django() -> None:
    # Production settings (DEBUG off), as for the other database benchmarks.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")
    import django

    django.setup()


def children(count: int, rng) -> np.ndarray:
    return COMMON_FACE + rng.normal(0, 1, (count, 128)) * CHILD_SPREAD


def photos_of(faces: np.ndarray, rng) -> np.ndarray:
    return faces + rng.normal(0, PHOTO_NOISE, faces.shape)


def prepare_reports(wanted: int) -> None:
    from django.core.management import call_command

    from apps.directory.models import State
    from apps.reports.models import Report

    call_command("migrate", interactive=False, verbosity=0)
    if not State.objects.exists():
        call_command("load_lgd")
    missing = wanted - Report.objects.count()
    if missing > 0:
        print(f"Adding {missing:,} demo reports...", flush=True)
        call_command("seed_demo", scale=missing, allow_production=True)


def add_faces(wanted: int, rng) -> None:
    """Photos with synthetic faces for open missing reports, a child per report, until
    `wanted` faces are searched on that side. Written with COPY and the open faces' rows made
    in one statement (the row-by-row triggers are switched off meanwhile); pgvector's indexes
    are built afterwards, timed."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from apps.matching.models import OpenFace
    from apps.reports.choices import ReportKind, Status
    from apps.reports.limits import MAX_PHOTOS_PER_REPORT
    from apps.reports.models import Report

    have = OpenFace.objects.filter(open=True, side="missing").count()
    if have >= wanted:
        print(f"{have:,} open missing faces stored already.")
        return
    reports = np.array(
        Report.objects.filter(kind=ReportKind.MISSING, status=Status.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    needed = wanted - have
    per_report = math.ceil(needed / len(reports))
    if per_report > MAX_PHOTOS_PER_REPORT:
        # A report holds at most 6 photos, and the search reads again every face of the
        # reports it finds: more would time a portal that cannot exist.
        sys.exit(
            f"{needed:,} faces need more than {MAX_PHOTOS_PER_REPORT} photos on each of the "
            f"{len(reports):,} open missing reports: ask for more --reports."
        )
    print(f"Adding {needed:,} faces to {len(reports):,} open missing reports...", flush=True)
    started = time.perf_counter()
    owners = np.tile(reports, per_report)[:needed]  # spread evenly over the reports
    user = get_user_model().objects.order_by("pk").values_list("pk", flat=True).first()
    migration = importlib.import_module("apps.matching.migrations.0005_open_faces")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_reportphoto "
            "(public_id, report_id, image, thumbnail, width, height, uploaded_by_id, uploaded_at) "
            "SELECT gen_random_uuid(), owner, 'bench/face.jpg', 'bench/face.jpg', 640, 480, "
            "%s, now() FROM unnest(%s::bigint[]) WITH ORDINALITY AS o(owner, n) ORDER BY n "
            "RETURNING id, report_id",
            [user, owners.tolist()],
        )
        photos = np.array(cursor.fetchall(), dtype=np.int64)
        print(f"  {len(photos):,} photos in {time.perf_counter() - started:.0f} s", flush=True)
        vectors = pgvector_indexes(cursor, migration, drop=True)
        cursor.execute(
            "ALTER TABLE matching_faceencoding DISABLE TRIGGER matching_open_faces_of_face"
        )
        copy_faces(cursor, photos, rng)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked now, so the table may change
        cursor.execute(
            "ALTER TABLE matching_faceencoding ENABLE TRIGGER matching_open_faces_of_face"
        )
        cursor.execute(
            migration.rows_of("f.photo_id >= %s", vectors=vectors), [int(photos[:, 0].min())]
        )
        print(f"  faces stored in {time.perf_counter() - started:.0f} s", flush=True)
        if vectors:
            built = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '3GB'")
            cursor.execute(migration.VECTOR_INDEXES)
            print(f"  HNSW indexes built in {time.perf_counter() - built:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE matching_openface")
        cursor.execute("VACUUM ANALYZE matching_faceencoding")


def pgvector_indexes(cursor, migration, *, drop: bool) -> bool:
    """Whether the open faces have pgvector's column; its indexes dropped, to build at once."""
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'matching_openface' AND column_name = 'embedding')"
    )
    vectors = cursor.fetchone()[0]
    if vectors and drop:
        cursor.execute(
            "DROP INDEX IF EXISTS matching_openface_missing_hnsw, matching_openface_found_hnsw"
        )
    return vectors


# One row of matching_faceencoding in PostgreSQL's binary COPY format (big-endian, packed):
# photo, report, status "ok", face count, the encoding as float8[128], computed_at.
_FACE_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("photo_length", ">i4"),
        ("photo", ">i8"),
        ("report_length", ">i4"),
        ("report", ">i8"),
        ("status_length", ">i4"),
        ("status", "S2"),
        ("count_length", ">i4"),
        ("count", ">i2"),
        ("array_length", ">i4"),
        ("array_header", ">i4", (5,)),
        ("elements", [("length", ">i4"), ("value", ">f8")], (128,)),
        ("at_length", ">i4"),
        ("at", ">i8"),
    ]
)
_POSTGRES_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def copy_faces(cursor, photos: np.ndarray, rng, chunk: int = 50_000) -> None:
    now = int((datetime.now(UTC) - _POSTGRES_EPOCH).total_seconds() * 1_000_000)
    owners = np.unique(photos[:, 1])
    child_of_report = children(len(owners), rng)
    columns = "photo_id, report_id, status, face_count, encoding, computed_at"
    with cursor.cursor.copy(
        f"COPY matching_faceencoding ({columns}) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        copy.write(b"PGCOPY\n\xff\r\n\x00" + bytes(8))
        for start in range(0, len(photos), chunk):
            block = photos[start : start + chunk]
            rows = np.zeros(len(block), dtype=_FACE_ROW)
            rows["fields"] = 6
            rows["photo_length"], rows["photo"] = 8, block[:, 0]
            rows["report_length"], rows["report"] = 8, block[:, 1]
            rows["status_length"], rows["status"] = 2, b"ok"
            rows["count_length"], rows["count"] = 2, 1
            rows["array_length"] = 20 + 12 * 128
            rows["array_header"] = [1, 0, 701, 128, 1]
            rows["elements"]["length"] = 8
            faces = child_of_report[np.searchsorted(owners, block[:, 1])]
            rows["elements"]["value"] = photos_of(faces, rng)
            rows["at_length"], rows["at"] = 8, now
            copy.write(rows.tobytes())
        copy.write(b"\xff\xff")


def file_found_children(count: int, rng, *, named: bool = False) -> list[int]:
    """`count` found children (copies of open found reports) with a photo each: half another
    photo of a child of a stored missing report, half a child on no report. Without a name
    (only the face reaches beyond the district), or, `named`, with the name of the report
    copied (the name keys bring candidates too)."""
    from django.db import transaction

    from apps.matching.models import FaceEncoding, FaceStatus
    from apps.reports.choices import ReportKind, Status
    from apps.reports.models import Report, ReportPhoto

    found = list(
        Report.objects.filter(kind=ReportKind.FOUND, status=Status.OPEN).order_by("?")[:count]
    )
    stored = list(
        FaceEncoding.objects.filter(report__kind=ReportKind.MISSING, report__status=Status.OPEN)
        .order_by("?")
        .values_list("encoding", flat=True)[: count // 2]
    )
    faces = [photos_of(np.asarray(face), rng) for face in stored]
    faces += list(children(count - len(faces), rng))
    ids = []
    with transaction.atomic():
        for report, face in zip(found, faces, strict=False):
            report.pk = report.id = None
            report._state.adding = True
            if not named:
                report.full_name = ""  # a child who says no name: only the face reaches far
            report.save()
            photo = ReportPhoto.objects.create(
                report=report,
                image="bench/face.jpg",
                thumbnail="bench/face.jpg",
                width=640,
                height=480,
                uploaded_by=report.created_by,
            )
            FaceEncoding.objects.create(
                photo=photo, report=report, status=FaceStatus.OK, face_count=1, encoding=list(face)
            )
            ids.append(report.pk)
    return ids


class TimedFacePart:
    """selectors.face_candidate_ids, timed, as match_report calls it: once for the other side's
    faces (whose answers are compared) and once for its own side's (the duplicate search),
    both counted in that report's face part."""

    def __init__(self):
        from apps.matching import selectors

        self.original = selectors.face_candidate_ids
        self.seconds: list[float] = []
        self.answers: list[list[int]] = []
        selectors.face_candidate_ids = self

    def __call__(self, report, faces, *, same_side=False):
        started = time.perf_counter()
        answer = self.original(report, faces, same_side=same_side)
        seconds = time.perf_counter() - started
        if same_side:
            self.seconds[-1] += seconds
        else:
            self.seconds.append(seconds)
            self.answers.append(answer)
        return answer


class CountedSources:
    """How many candidates each of match_report's sources gives (name keys and district are one
    statement, `candidate_ids`), for the other side only, as long as it is installed."""

    SOURCES = ("candidate_ids", "face_candidate_ids", "description_candidate_ids")

    def __init__(self):
        from apps.matching import selectors

        self.selectors = selectors
        self.originals = {name: getattr(selectors, name) for name in self.SOURCES}
        self.counts: dict[str, list[int]] = defaultdict(list)
        for name, original in self.originals.items():
            setattr(selectors, name, self._counting(name, original))

    def _counting(self, name, original):
        def counted(*args, **kwargs):
            found = original(*args, **kwargs)
            if not kwargs.get("same_side"):
                self.counts[name].append(len(found))
            return found

        return counted

    def restore(self) -> None:
        for name, original in self.originals.items():
            setattr(self.selectors, name, original)

    def line(self) -> str:
        return ", ".join(
            f"{name} {statistics.mean(self.counts[name]):.0f}"
            f" (some for {sum(1 for n in self.counts[name] if n)})"
            for name in self.SOURCES
        )


def time_matching(report_ids: list[int], label: str) -> tuple[list, list]:
    """(each report's face candidates, each report's proposed pairs)."""
    from django.db import transaction

    from apps.matching import selectors, services

    face_part = TimedFacePart()  # inside the counting, so it times the face search alone
    sources = CountedSources()
    totals, proposed = [], []
    try:
        for report_id in report_ids:
            started = time.perf_counter()
            with transaction.atomic():
                pairs = services.match_report(report_id)
                transaction.set_rollback(True)  # the database stays as it was
            totals.append(time.perf_counter() - started)
            proposed.append(sorted((pair.missing_id, round(pair.score, 6)) for pair in pairs))
    finally:
        sources.restore()
        selectors.face_candidate_ids = face_part.original
    print(f"{label}: {len(report_ids)} found children matched")
    print(f"  face part, cold (first search of the process): {face_part.seconds[0] * 1000:.0f} ms")
    print(f"  face part, warm: {summary(face_part.seconds[1:], FACE_PART_TARGET_S)}")
    print(f"  match_report as a whole, warm: {summary(totals[1:], MATCH_TARGET_S)}")
    print(f"  candidates per child (mean, and for how many children any): {sources.line()}")
    near = sum(1 for answer in face_part.answers if answer)
    print(f"  children with face candidates: {near}/{len(report_ids)}")
    return face_part.answers, proposed


def compare_ways(pgvector, exact, count: int) -> None:
    """How far HNSW's approximate answers differ from the exact search's."""
    (faces, pairs), (exact_faces, exact_pairs) = pgvector, exact
    same = sum(a == b for a, b in zip(faces, exact_faces, strict=True))
    print(f"same face candidates both ways: {same}/{count} found children")
    found = [len(set(a) & set(b)) / len(b) for a, b in zip(faces, exact_faces, strict=True) if b]
    print(f"  pgvector's share of the exact search's candidates: {statistics.mean(found):.3f}")
    same = sum(a == b for a, b in zip(pairs, exact_pairs, strict=True))
    print(f"same pairs proposed (ids and scores) both ways: {same}/{count} found children")
    for index, (ours, theirs) in enumerate(zip(pairs, exact_pairs, strict=True)):
        if ours != theirs:
            print(f"  child {index}: pgvector {ours}, exact {theirs}")


def bench_candidates(options) -> None:
    from django.db import connection

    from apps.matching import face_index
    from apps.reports.models import Report

    rng = np.random.default_rng(options.seed)
    prepare_reports(options.reports)
    add_faces(options.faces, rng)
    with connection.cursor() as cursor:
        # As autovacuum would have by then (a server may run without it, as this machine's
        # does): without statistics of the reports just seeded, PostgreSQL read every open
        # report to find the faces of ten (0.1 s instead of 1 ms), and the posting lists are
        # read from their indexes alone only once vacuumed.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM matching_openface WHERE open AND side = 'missing'")
        searched = cursor.fetchone()[0]
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    pgvector = face_index.uses_pgvector()
    print(
        f"{server}; {Report.objects.count():,} reports; {searched:,} open missing faces; "
        f"pgvector: {'yes' if pgvector else 'no'}"
    )
    queries = file_found_children(options.queries, rng, named=options.named)
    searched_by = face_index.uses_pgvector
    try:
        ways = [("pgvector (HNSW)", True)] if pgvector else []
        ways.append(("the worker's matrices (exact, NumPy)", False))
        answers = {}
        for label, with_pgvector in ways:
            face_index.uses_pgvector = lambda with_pgvector=with_pgvector: with_pgvector
            answers[with_pgvector] = time_matching(queries, label)
            if not with_pgvector:
                print(
                    "  worker process peak memory (max RSS): "
                    f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
                )
        if pgvector:
            compare_ways(answers[True], answers[False], len(queries))
    finally:
        face_index.uses_pgvector = searched_by
        Report.objects.filter(pk__in=queries).delete()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = parser.add_subparsers(dest="part", required=True)
    parts.add_parser("encoding")
    candidates = parts.add_parser("candidates")
    candidates.add_argument("--faces", type=int, default=1_000_000)
    candidates.add_argument("--reports", type=int, default=500_000)
    candidates.add_argument("--queries", type=int, default=200)
    candidates.add_argument("--seed", type=int, default=2026)
    candidates.add_argument("--embedded", type=Path, help="start an embedded PostgreSQL here")
    candidates.add_argument(
        "--named",
        action="store_true",
        help="the found children keep their names: all of match_report's sources in play",
    )
    options = parser.parse_args(argv)
    if options.part == "encoding":
        bench_encoding()
        return
    if options.embedded:
        start_embedded(options.embedded)
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database of its own, or pass --embedded FOLDER.")
    setup_django()
    bench_candidates(options)


if __name__ == "__main__":
    main()
