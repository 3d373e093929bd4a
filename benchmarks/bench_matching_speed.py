"""How fast CandidateIndex answers top_matches over a large index, and how much memory it takes.

Run from the project root (no database is needed):

    .venv/bin/python benchmarks/bench_matching_speed.py [--records 1000000] [--queries 200]

It builds an index of N synthetic missing reports (half of them with a random 128-number face
encoding), then times top_matches for new found reports (half with a face; some of those a
noisy copy of an indexed face, as a photo of the same child would be) and prints p50/p95 per
query and the process's peak memory. Records are assembled from the fields of a pool of
evaluation-set reports, so names, ages and places follow the same distributions.
"""

import argparse
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.matching.engine import CandidateIndex, ChildRecord
from apps.matching.engine.faces import FACE_DIMENSIONS
from benchmarks.evaluation_set import Generator

POOL_SIZE = 20_000
FACE_SCALE = 1 / (2 * FACE_DIMENSIONS) ** 0.5  # two random encodings lie about 1.0 apart
NAME_FIELDS = ("name", "local_name", "other_names")
FAMILY_FIELDS = ("father_name", "mother_name")
CHILD_FIELDS = ("sex", "age_min", "age_max", "height_cm", "complexion", "languages")
PLACE_FIELDS = ("event_date", "state", "district")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    if options.records < 1 or options.queries < 1:
        parser.error("--records and --queries must be at least 1.")
    run(records=options.records, queries=options.queries, seed=options.seed)


def run(*, records: int, queries: int, seed: int, report=print) -> None:
    """Build the index, time the queries and hand each line of figures to `report`."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    started = time.perf_counter()
    pool = _pool(seed, min(POOL_SIZE, max(records, 100)))
    report(f"pool of {len(pool)} reports generated in {time.perf_counter() - started:.1f} s")
    index, faces = _build(pool, records, rng, report)
    new_reports = _queries(seed, queries, faces, rng)
    timings, found = [], 0
    for query in new_reports:
        started = time.perf_counter()
        found += len(index.top_matches(query, top=10))
        timings.append(time.perf_counter() - started)
    timings.sort()
    report(
        f"top_matches over {len(index):,} records, {len(new_reports)} queries "
        f"({sum(q.face is not None for q in new_reports)} with a face): "
        f"p50 {_percentile(timings, 0.5) * 1000:.0f} ms, "
        f"p95 {_percentile(timings, 0.95) * 1000:.0f} ms, "
        f"max {timings[-1] * 1000:.0f} ms; {found / len(new_reports):.1f} results per query"
    )
    report(_face_search_line(index, new_reports))
    report(f"peak memory (max RSS) {_peak_rss_mb():,.0f} MB")


def _face_search_line(index: CandidateIndex, new_reports: list[ChildRecord]) -> str:
    timings = []
    for query in new_reports:
        if query.face is not None:
            started = time.perf_counter()
            index.nearest_faces(query.face, 10)
            timings.append(time.perf_counter() - started)
    if not timings:
        return "face search: no query had a face"
    timings.sort()
    return (
        f"exact face search over {index.face_count:,} encodings, {len(timings)} queries: "
        f"p50 {_percentile(timings, 0.5) * 1000:.0f} ms, "
        f"p95 {_percentile(timings, 0.95) * 1000:.0f} ms"
    )


def _pool(seed: int, size: int) -> list[ChildRecord]:
    generator = Generator(seed)
    return [generator.missing_report(generator.child()) for _ in range(size)]


def _build(pool: list[ChildRecord], count: int, rng: random.Random, report):
    """An index of `count` records mixed from the pool; returns it and the faces given."""
    index = CandidateIndex()
    faces = []
    before = _peak_rss_mb()
    started = time.perf_counter()
    for number in range(count):
        face = _random_face(rng) if number % 2 else None
        if face is not None and len(faces) < 1000:
            faces.append(face)
        index.add(_mixed(pool, rng, f"M{number:08d}", "missing", face))
        if number and number % 200_000 == 0:
            report(f"  {number:,} added, {time.perf_counter() - started:.0f} s")
    elapsed = time.perf_counter() - started
    report(
        f"index of {count:,} records built in {elapsed:.0f} s "
        f"({elapsed / count * 1e6:.0f} µs per record); "
        f"memory grew by about {_peak_rss_mb() - before:,.0f} MB"
    )
    return index, faces


def _mixed(pool, rng: random.Random, record_id: str, side: str, face) -> ChildRecord:
    """One record whose name, family, child details and place come from four pool reports."""
    names, family, child, place = (rng.choice(pool) for _ in range(4))
    return replace(
        child,
        id=record_id,
        side=side,
        face=face,
        **{field: getattr(names, field) for field in NAME_FIELDS},
        **{field: getattr(family, field) for field in FAMILY_FIELDS},
        **{field: getattr(place, field) for field in PLACE_FIELDS},
        identification_marks=rng.choice(pool).identification_marks,
    )


def _queries(seed: int, count: int, faces, rng: random.Random) -> list[ChildRecord]:
    generator = Generator(seed + 1)
    queries = []
    for number in range(count):
        found = generator.found_report(generator.child(), None)
        if number % 4 == 1 and faces:
            face = tuple(value + rng.gauss(0, FACE_SCALE / 3) for value in rng.choice(faces))
        elif number % 4 == 3:
            face = _random_face(rng)
        else:
            face = None
        queries.append(replace(found, id=f"Q{number:04d}", face=face))
    return queries


def _random_face(rng: random.Random) -> tuple[float, ...]:
    generator = numpy.random.default_rng(rng.getrandbits(32))  # seeded from rng: runs repeat
    return tuple(generator.normal(0, FACE_SCALE, FACE_DIMENSIONS).tolist())


def _percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


if __name__ == "__main__":
    main()
