"""How fast the national feed of new missing children is with millions of reports.

Run from the project root against the database of `bench_daily_bulletins.py` (it needs its
units; never a real portal's database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bulletin_bench \\
        .venv/bin/python benchmarks/bench_national_feed.py [--reports 2000000]

The first run copies the bulletin benchmark's reports in SQL until there are --reports, spread
over every district and the last three years (one in five still open, one in ten suspected
trafficking, one in seven last seen at a railway station and as many at a bus stand), then runs
VACUUM ANALYZE. It times the feed as a police officer of Kerala opens it
(`selectors.new_missing_children`: the first page of 20 and the capped count), for each filter.

Target: p95 <= 300 ms a page, as for the national search.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from bench_search import percentile  # noqa: E402 - the same percentiles as the search figures
from django.db import connection  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.directory.models import Unit, UnitType  # noqa: E402
from apps.reports.models import Report  # noqa: E402
from apps.reports.selectors import FeedFilters, new_missing_children  # noqa: E402

TARGET_MS = 300
PAGE = 20
FILTERS = {
    "all India": FeedFilters(),
    "my State/UT": FeedFilters(scope="state"),
    "neighbouring States/UTs": FeedFilters(scope="neighbours"),
    "suspected trafficking": FeedFilters(trafficking=True),
    "railway station or bus stand": FeedFilters(travel=True),
    "neighbours + trafficking": FeedFilters(scope="neighbours", trafficking=True),
}
# Every column of a report copied from a template row, but these, drawn at random.
DRAWN = {
    "full_name": "'Copied child ' || g",  # not "Bench…": bench_daily_bulletins leaves them be
    "created_at": "now() - random() * interval '3 years'",
    "event_at": "now() - random() * interval '3 years' - interval '1 day'",
    "status": "CASE WHEN random() < 0.2 THEN 'open' ELSE 'closed' END",
    "circumstances": "CASE WHEN random() < 0.1 THEN 'kidnapping' ELSE 'left_home' END",
    "event_place_kind": (
        "CASE WHEN random() < 1.0/7 THEN 'railway' WHEN random() < 1.0/6 THEN 'bus_stand' "
        "ELSE 'other' END"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2_000_000)
    parser.add_argument("--requests", type=int, default=30, help="timed pages per filter")
    args = parser.parse_args()
    fill(args.reports)
    officer = kerala_officer()
    print(f"{Report.objects.count():,} reports; as {officer.unit}.")
    print(f"{'filter':<30} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    met = True
    for label, filters in FILTERS.items():
        times = []
        for _ in range(args.requests + 3):
            started = time.perf_counter()
            reports = new_missing_children(officer, filters)
            list(reports[:PAGE])
            reports.count()
            times.append((time.perf_counter() - started) * 1000)
        times = times[3:]  # warm-up
        p95 = percentile(times, 95)
        met = met and p95 <= TARGET_MS
        print(f"{label:<30} {statistics.median(times):>7.0f} {p95:>7.0f} {max(times):>7.0f}")
    print("Target met." if met else "Target missed.")
    sys.exit(0 if met else 1)


def fill(wanted: int) -> None:
    template = Report.objects.filter(kind="missing").order_by("pk").first()
    if template is None:
        raise SystemExit("Run benchmarks/bench_daily_bulletins.py on this database first.")
    missing = wanted - Report.objects.count()
    if missing <= 0:
        return
    print(f"Copying {missing:,} reports...", flush=True)
    quote = connection.ops.quote_name
    fields = [f for f in Report._meta.concrete_fields if f.attname != "id"]
    drawn = {
        **DRAWN,
        "event_district_id": "d.ids[pick.k]",
        "event_state_id": "d.states[pick.k]",
    }
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(drawn.get(f.attname, f"r.{quote(f.column)}") for f in fields)
    table = quote(Report._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, missing, 500_000):
            size = min(500_000, missing - start)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) "  # noqa: S608 - Django's names
                f"SELECT {values} FROM generate_series(1, %s) AS g "
                f"CROSS JOIN (SELECT * FROM {table} WHERE id = %s) AS r "
                "CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, "
                "array_agg(state_id ORDER BY id) AS states FROM directory_district) AS d "
                "CROSS JOIN LATERAL (SELECT 1 + floor(random() * array_length(d.ids, 1))::int "
                "+ g * 0 AS k) AS pick",
                [size, template.pk],
            )
            print(f"  {start + size:,}", flush=True)
        cursor.execute("VACUUM ANALYZE")


def kerala_officer() -> User:
    station = Unit.objects.filter(unit_type=UnitType.POLICE_STATION, state__lgd_code=32).first()
    officer, _ = User.objects.get_or_create(
        username="bench_feed_officer", defaults={"unit": station, "roles": [Role.POLICE_OFFICER]}
    )
    return officer


if __name__ == "__main__":
    main()
