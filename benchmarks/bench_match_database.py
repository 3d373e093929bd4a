"""How long the portal's own matching path takes per report on a large database, and how often
it finds the right child.

Run from the project root against the database `./dev bench` filled (1,000,000 reports):

    DATABASE_URL=postgres://…/trackchild_bench \
        .venv/bin/python benchmarks/bench_match_database.py [--reports 100] [--recall 300]

For random open found reports (with --kind missing, missing reports) it times
`apps.matching.services.match_report` (candidates from the database, scoring by the engine,
storing the pairs) and rolls each run back, so the
database is left as it was. Prints p50, p95 and max.

With --recall N it also runs N found reports that are known to be a missing child of the
database (the demo data's true pairs, var/demo_true_pairs.csv, both reports still open) and
prints how often that missing report is among the candidates the database hands to the engine
(by home, name keys, district and description), and among the pairs proposed (score 25 or more, top
10). --profile prints where the time goes.
"""

import argparse
import cProfile
import csv
import os
import pstats
import random
import sys
import time
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings (DEBUG off), as for bench_search.py.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from apps.matching import selectors, services, thresholds  # noqa: E402
from apps.matching.engine import blocking_keys  # noqa: E402
from apps.matching.models import CandidateKey, MatchCandidate  # noqa: E402
from apps.matching.records import child_record  # noqa: E402
from apps.portal.demo.reports import TRUE_PAIRS_CSV  # noqa: E402
from apps.reports.choices import ReportKind, Status  # noqa: E402
from apps.reports.models import Report  # noqa: E402


def main() -> None:
    options = _options()
    _vacuum()
    rng = random.Random(options.seed)  # noqa: S311 - a sample, not a secret
    open_reports = Report.objects.filter(kind=options.kind, status=Status.OPEN)
    report_ids = list(open_reports.values_list("pk", flat=True))
    if not report_ids:
        sys.exit(f"No open {options.kind} reports: fill the database with ./dev bench first.")
    report_ids = rng.sample(report_ids, min(options.reports, len(report_ids)))
    profiler = cProfile.Profile() if options.profile else None
    for report_id in report_ids[:3]:  # warm-up: first queries, name caches
        _time_match(report_id)
    timings = sorted(_time_match(report_id, profiler)[0] for report_id in report_ids)
    print(
        f"match_report over {Report.objects.count():,} reports, "
        f"{len(timings)} {options.kind} reports: "
        f"p50 {_at(timings, 0.5):.0f} ms, p95 {_at(timings, 0.95):.0f} ms, "
        f"max {timings[-1]:.0f} ms"
    )
    if options.recall:
        # A sample of its own, the same for a seed whatever --reports says.
        _recall(random.Random(options.seed), options.recall)  # noqa: S311
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def _vacuum() -> None:
    """As autovacuum would have by then (some development servers run without it): the
    postings read from the index alone, and the pairs this benchmark stored and rolled back."""
    with connection.cursor() as cursor:
        for model in (CandidateKey, MatchCandidate, MatchCandidate.history.model):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def _time_match(report_id: int, profiler=None) -> tuple[float, list]:
    started = time.perf_counter()
    with transaction.atomic():
        if profiler is not None:
            profiler.enable()
        stored = services.match_report(report_id)
        if profiler is not None:
            profiler.disable()
        transaction.set_rollback(True)
    return (time.perf_counter() - started) * 1000, stored


def _recall(rng: random.Random, count: int) -> None:
    """Share of true pairs whose missing report is a candidate, and is proposed."""
    pairs = _open_true_pairs()
    if not pairs:
        print(f"recall: no true pairs of this database in {TRUE_PAIRS_CSV}")
        return
    pairs = rng.sample(pairs, min(count, len(pairs)))
    as_candidate = proposed = 0
    timings = []
    for missing_id, found_id in pairs:
        found = Report.objects.select_related("event_state", "event_district").get(pk=found_id)
        record = child_record(found, face=selectors.face_of(found.pk))
        candidates = selectors.home_candidate_ids(found)
        candidates += selectors.candidate_ids(found, blocking_keys(record))
        candidates += selectors.description_candidate_ids(found, record)
        as_candidate += missing_id in candidates
        elapsed, stored = _time_match(found_id)
        timings.append(elapsed)
        proposed += missing_id in {pair.missing_id for pair in stored}
    timings.sort()
    print(
        f"true pairs: {len(pairs)} found children with an open missing report: "
        f"missing report among the candidates {as_candidate / len(pairs):.3f}, "
        f"proposed (top {thresholds.TOP_CANDIDATES}, score >= {thresholds.PROPOSAL_THRESHOLD:.0f}) "
        f"{proposed / len(pairs):.3f}; match_report p50 {_at(timings, 0.5):.0f} ms, "
        f"p95 {_at(timings, 0.95):.0f} ms"
    )


def _open_true_pairs() -> list[tuple[int, int]]:
    if not TRUE_PAIRS_CSV.exists():
        return []
    database = connection.settings_dict["NAME"]
    with TRUE_PAIRS_CSV.open(encoding="utf-8", newline="") as handle:
        pairs = [
            (int(row["missing_id"]), int(row["found_id"]))
            for row in csv.DictReader(handle)
            if row["database"] == database
        ]
    open_ids = set(
        Report.objects.filter(
            pk__in={pk for pair in pairs for pk in pair}, status=Status.OPEN
        ).values_list("pk", flat=True)
    )
    return [pair for pair in pairs if pair[0] in open_ids and pair[1] in open_ids]


def _at(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--kind", choices=ReportKind.values, default=ReportKind.FOUND)
    parser.add_argument("--recall", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--profile", action="store_true")
    return parser.parse_args()


if __name__ == "__main__":
    main()
