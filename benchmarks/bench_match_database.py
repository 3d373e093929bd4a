"""How long the portal's own matching path takes per report on a large database.

Run from the project root against the database `./dev bench` filled (1,000,000 reports):

    DATABASE_URL=postgres://…/trackchild_bench \
        .venv/bin/python benchmarks/bench_match_database.py [--reports 60]

For random open found reports it times `apps.matching.services.match_report` (candidates from
the database, scoring by the engine, storing the pairs) and rolls each run back, so the
database is left as it was. Prints p50, p95 and max.
"""

import argparse
import os
import sys
import time
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings (DEBUG off), as for bench_search.py.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django.db import transaction  # noqa: E402

from apps.matching import services  # noqa: E402
from apps.reports.choices import ReportKind, Status  # noqa: E402
from apps.reports.models import Report  # noqa: E402


def main() -> None:
    options = _options()
    open_found = Report.objects.filter(kind=ReportKind.FOUND, status=Status.OPEN)
    report_ids = list(open_found.order_by("?").values_list("pk", flat=True)[: options.reports])
    if not report_ids:
        sys.exit("No open found reports: fill the database with ./dev bench first.")
    timings = sorted(_time_match(report_id) for report_id in report_ids)
    print(
        f"match_report over {Report.objects.count():,} reports, {len(timings)} found reports: "
        f"p50 {_at(timings, 0.5):.0f} ms, p95 {_at(timings, 0.95):.0f} ms, "
        f"max {timings[-1]:.0f} ms"
    )


def _time_match(report_id: int) -> float:
    started = time.perf_counter()
    with transaction.atomic():
        services.match_report(report_id)
        transaction.set_rollback(True)
    return (time.perf_counter() - started) * 1000


def _at(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=60)
    return parser.parse_args()


if __name__ == "__main__":
    main()
