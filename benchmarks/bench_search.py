"""How fast officials' searches and record pages are with a million reports in the database.

Run from the project root, against a PostgreSQL database of its own (it is filled with demo
data, so never point it at a real portal's database):

    createdb -U postgres -h 127.0.0.1 trackchild_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bench \\
        .venv/bin/python benchmarks/bench_search.py [--reports 1000000] [--queries 200]

or `./dev bench [--reports N] [--queries N]` with DATABASE_URL set. The first run migrates the
database, loads the LGD directory and the demo units and logins, and adds demo reports until
there are at least --reports of them (`seed_demo --scale`, a few minutes for a million); later
runs reuse them. It then runs VACUUM ANALYZE, as autovacuum would have by then, and times:

* searches, as officials type them (`search_reports`), up to the first page of 25 results and
  the capped count, as the search page shows them;
* the same searches as whole requests: the search page through the test client (form, query,
  rendering, middleware), signed in as `police_capital`, each search the first time it is made
  (cold: the statements' rows not yet in PostgreSQL's cache) and again at once (warm);
* opening a record (`report_for` and every related row the detail page shows), and the real
  detail page through the test client, signed in as the demo police officer `police_capital`.

Each timing covers one call, after a few warm-up calls. Targets: search p95 <= 300 ms (the
selector, and the warm page), opening a record p95 <= 100 ms. With --explain, the slowest
statement of every search kind that misses the target is shown with EXPLAIN ANALYZE.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

# Run as a plain script, so the project root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings (DEBUG off, so templates are cached as on a live portal), over plain HTTP.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.directory.models import District, State  # noqa: E402
from apps.matching.models import CandidateKey  # noqa: E402
from apps.portal.demo.reports import spelling_variant  # noqa: E402
from apps.reports import selectors  # noqa: E402
from apps.reports.choices import Language, ReportKind, Sex, Status  # noqa: E402
from apps.reports.models import Report  # noqa: E402
from apps.reports.selectors import SearchCriteria  # noqa: E402

SEARCH_TARGET_MS = 300
OPEN_TARGET_MS = 100
PAGE_SIZE = 25
WARM_UP = 3
SAMPLE_SIZE = 3000  # reports whose names, places and dates the searches are made from
OFFICIAL = "police_capital"  # a police officer: needs no two-factor sign-in
MARK_QUERIES = [
    "mole cheek",
    "mole left cheek",
    "scar forehead",
    "scar right knee",
    "burn hand",
    "birthmark back",
    "tattoo",
    "pierced ear",
    "missing tooth",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000, help="at least this many")
    parser.add_argument("--queries", type=int, default=200, help="timed searches in all")
    parser.add_argument("--opens", type=int, default=100, help="timed record openings")
    parser.add_argument("--seed", type=int, default=7, help="seed of the query mix")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE slow kinds")
    args = parser.parse_args()

    prepare(args.reports)
    rng = random.Random(args.seed)  # noqa: S311 - a query mix, not secrets
    sample = Sample.draw(rng)
    print(f"{Report.objects.count():,} reports; PostgreSQL {connection.pg_version // 10000}.")

    searches = search_mix(sample, rng, args.queries)
    search_times, slowest = time_searches(searches)
    page_times = time_search_pages(search_mix(sample, rng, args.queries))
    open_times = time_openings(sample, rng, args.opens)

    print()
    print_table("Search, first page of 25 and the capped count (selector)", search_times)
    for when in ("cold", "warm"):
        print_table(f"Search page, whole request, {when}", page_times[when])
    print_table("Opening a record", open_times)
    all_searches = [ms for times in search_times.values() for ms in times]
    warm_pages = [ms for times in page_times["warm"].values() for ms in times]
    outcome = [
        verdict("search first page", all_searches, SEARCH_TARGET_MS),
        verdict("search page (warm request)", warm_pages, SEARCH_TARGET_MS),
        verdict("open record (selector)", open_times["report_for + fields"], OPEN_TARGET_MS),
    ]
    if "detail page (view)" in open_times:
        outcome.append(
            verdict("open record (detail page)", open_times["detail page (view)"], OPEN_TARGET_MS)
        )
    slow_kinds = [
        kind for kind, times in search_times.items() if percentile(times, 95) > SEARCH_TARGET_MS
    ]
    if slow_kinds:
        print(f"Search kinds over {SEARCH_TARGET_MS} ms at p95: {', '.join(slow_kinds)}")
        if args.explain:
            for kind in slow_kinds:
                explain(kind, *slowest[kind])
    sys.exit(0 if all(outcome) else 1)


# --- data -------------------------------------------------------------------------------


def prepare(wanted: int) -> None:
    """Migrate, load the directory and demo logins, top the reports up to `wanted`, analyse."""
    call_command("migrate", interactive=False, verbosity=0)
    if not State.objects.exists():
        call_command("load_lgd")
    missing = wanted - Report.objects.count()
    if missing > 0:
        print(f"Adding {missing:,} demo reports...", flush=True)
        call_command("seed_demo", scale=missing, allow_production=True)
    elif not User.objects.filter(username=OFFICIAL).exists():
        call_command("seed_demo", reports=0, allow_production=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Report._meta.db_table}")
        # Kept by triggers as reports are added (apps.matching.models.CandidateKey).
        cursor.execute(f"VACUUM ANALYZE {CandidateKey._meta.db_table}")
        cursor.execute("ANALYZE")
    print(f"VACUUM ANALYZE took {time.perf_counter() - started:.1f} s.")


class Sample:
    """Real names, places and dates from a random sample of reports, for realistic searches."""

    def __init__(self, rows: list[dict], ids: list[int]):
        self.rows = rows
        self.ids = ids
        self.latin_names = [row["full_name"] for row in rows if _latin(row["full_name"])]
        self.latin_first = [name.split()[0] for name in self.latin_names]
        self.latin_full = [name for name in self.latin_names if " " in name]
        self.native = defaultdict(list)
        for row in rows:
            local = row["name_local"]
            if local:
                self.native["bengali" if _bengali(local) else "devanagari"].append(local)

    @classmethod
    def draw(cls, rng: random.Random) -> "Sample":
        bounds = Report.objects.aggregate(low=Min("pk"), high=Max("pk"))
        picks = {rng.randint(bounds["low"], bounds["high"]) for _ in range(SAMPLE_SIZE * 2)}
        fields = ["pk", "full_name", "name_local", "sex", "age_min", "age_max", "event_at"]
        fields += ["event_state_id", "event_district_id", "kind"]
        rows = list(Report.objects.filter(pk__in=picks).values(*fields)[:SAMPLE_SIZE])
        return cls(rows, [row["pk"] for row in rows])

    def row(self, rng: random.Random) -> dict:
        return rng.choice(self.rows)


def _latin(text: str) -> bool:
    return bool(text) and text.isascii()


def _bengali(text: str) -> bool:
    return any("\u0980" <= char <= "\u09ff" for char in text)


# --- the searches -----------------------------------------------------------------------


def search_mix(sample: Sample, rng: random.Random, total: int) -> list[tuple[str, SearchCriteria]]:
    """`total` searches, spread evenly over the kinds officials make."""
    states = {state.pk: state for state in State.objects.all()}
    districts = District.objects.in_bulk()

    def name_first():
        return SearchCriteria(name=rng.choice(sample.latin_first))

    def name_full():
        return SearchCriteria(name=rng.choice(sample.latin_full))

    def name_variant():
        return SearchCriteria(name=spelling_variant(rng.choice(sample.latin_first), rng))

    def name_devanagari():
        return SearchCriteria(name=rng.choice(sample.native["devanagari"]).split()[0])

    def name_bengali():
        return SearchCriteria(name=rng.choice(sample.native["bengali"]))

    def name_sex_age():
        row = rng.choice([row for row in sample.rows if _latin(row["full_name"])])
        return SearchCriteria(
            name=row["full_name"].split()[0],
            sex=row["sex"],
            age_from=max(0, row["age_min"] - 2),
            age_to=min(17, row["age_max"] + 2),
        )

    def kind_sex_age():
        age = rng.randint(2, 15)
        return SearchCriteria(
            kind=rng.choice(ReportKind.values),
            sex=rng.choice([Sex.MALE, Sex.FEMALE]),
            age_from=age,
            age_to=age + 2,
        )

    def state_dates():
        row = sample.row(rng)
        day = timezone.localtime(row["event_at"]).date()
        return SearchCriteria(
            state=states[row["event_state_id"]],
            date_from=day - timedelta(days=rng.randint(7, 60)),
            date_to=day + timedelta(days=rng.randint(0, 30)),
        )

    def district_status():
        row = sample.row(rng)
        return SearchCriteria(
            district=districts[row["event_district_id"]],
            status=rng.choice([Status.OPEN, Status.OPEN, Status.RESTORED]),
        )

    def marks():
        return SearchCriteria(marks=rng.choice(MARK_QUERIES))

    def language():
        return SearchCriteria(
            language=rng.choice([Language.ODIA, Language.BENGALI, Language.TAMIL])
        )

    def photo_language():
        return SearchCriteria(has_photo=True, language=rng.choice(Language.values))

    def no_filters():
        return SearchCriteria()

    kinds = [
        name_first,
        name_full,
        name_variant,
        name_devanagari,
        name_bengali,
        name_sex_age,
        kind_sex_age,
        state_dates,
        district_status,
        marks,
        language,
        photo_language,
        no_filters,
    ]
    per_kind = max(1, total // len(kinds))
    return [(make.__name__, make()) for make in kinds for _ in range(per_kind + WARM_UP)]


def first_page(criteria: SearchCriteria) -> tuple[list, int]:
    """What the search page needs: the first page of results and how many there are."""
    results = selectors.search_reports(criteria)
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(1)
    rows = list(page.object_list)
    for report in rows:  # what each result line shows
        _ = (report.owning_unit.name, report.event_district.name, report.event_state.name)
        _ = report.cover_photo
    return rows, paginator.count


def time_searches(searches):
    times = defaultdict(list)
    seen = defaultdict(int)
    slowest = {}
    for kind, criteria in searches:
        seen[kind] += 1
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            _rows, _count = first_page(criteria)
            elapsed = (time.perf_counter() - started) * 1000
        if seen[kind] <= WARM_UP:
            continue
        times[kind].append(elapsed)
        if elapsed >= slowest.get(kind, (0,))[0]:
            slowest[kind] = (elapsed, criteria, [q["sql"] for q in queries.captured_queries])
    return times, slowest


def search_params(criteria: SearchCriteria) -> dict:
    """The search form's query string for `criteria`, as an official's browser sends it."""
    params = {}
    for field, value in vars(criteria).items():
        if field == "publishable_only" or value in ("", None, False):
            continue
        params[field] = "on" if value is True else getattr(value, "pk", value)
    return params


def time_search_pages(searches) -> dict[str, dict[str, list[float]]]:
    """GET the search page for each search twice, signed in: cold, then warm at once."""
    client = signed_in_client()
    times = {"cold": defaultdict(list), "warm": defaultdict(list)}
    seen = defaultdict(int)
    for kind, criteria in searches:
        seen[kind] += 1
        params = search_params(criteria)
        for when in ("cold", "warm"):
            started = time.perf_counter()
            response = client.get(reverse("reports:search"), params)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"the search {params} answered {response.status_code}")
            if seen[kind] > WARM_UP:
                times[when][kind].append(elapsed)
    return times


def signed_in_client() -> Client:
    client = Client(HTTP_HOST="localhost")
    logging.getLogger("axes").setLevel(logging.WARNING)  # quiet about the sign-in below
    logging.getLogger("trackchild.requests").setLevel(logging.WARNING)  # a line per request
    client.force_login(User.objects.get(username=OFFICIAL))
    return client


# --- opening records --------------------------------------------------------------------


def open_record(user, pk: int) -> Report:
    """`report_for` and every related row the detail page shows."""
    report = selectors.report_for(user, pk)
    _ = (report.owning_unit.name, report.owning_unit.district, report.owning_unit.phone)
    _ = (report.event_district.name, report.event_state.name, report.created_by)
    _ = (report.permanent_district, report.present_district, report.placed_at)
    _ = (list(report.marks.all()), list(report.photos.all()), report.language_labels)
    if selectors.has_full_access(user, report):
        _ = list(selectors.notes_of(report))
    return report


def time_openings(sample: Sample, rng: random.Random, count: int) -> dict[str, list[float]]:
    """Open random records with `report_for`, then through the real detail page."""
    official = User.objects.get(username=OFFICIAL)
    # Some of the officer's own station's reports (the full record), the rest from anywhere.
    own = list(Report.objects.filter(owning_unit=official.unit).values_list("pk", flat=True)[:500])
    pks = [
        rng.choice(own) if own and rng.random() < 0.2 else rng.choice(sample.ids)
        for _ in range(count + WARM_UP)
    ]
    times = {"report_for + fields": [], "detail page (view)": []}
    for number, pk in enumerate(pks):
        started = time.perf_counter()
        open_record(official, pk)
        if number >= WARM_UP:
            times["report_for + fields"].append((time.perf_counter() - started) * 1000)
    client = signed_in_client()
    try:
        for number, pk in enumerate(pks):
            started = time.perf_counter()
            response = client.get(reverse("reports:detail", args=[pk]))
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"report {pk} answered {response.status_code}")
            if number >= WARM_UP:
                times["detail page (view)"].append(elapsed)
    except Exception as error:  # the selector timings above still stand
        print(f"The detail page could not be timed: {error!r}")
        del times["detail page (view)"]
    return times


# --- reporting --------------------------------------------------------------------------


def percentile(values: list[float], pct: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def print_table(title: str, times: dict[str, list[float]]) -> None:
    print(f"{title} (ms):")
    print(f"  {'kind':<24}{'n':>5}{'p50':>9}{'p95':>9}{'max':>9}")
    everything = []
    for kind, values in times.items():
        everything += values
        print(
            f"  {kind:<24}{len(values):>5}{statistics.median(values):>9.1f}"
            f"{percentile(values, 95):>9.1f}{max(values):>9.1f}"
        )
    if len(times) > 1:
        print(
            f"  {'all':<24}{len(everything):>5}{statistics.median(everything):>9.1f}"
            f"{percentile(everything, 95):>9.1f}{max(everything):>9.1f}"
        )
    print()


def verdict(name: str, values: list[float], target_ms: int) -> bool:
    p95 = percentile(values, 95)
    passed = p95 <= target_ms
    print(f"{'PASS' if passed else 'FAIL'}  {name}: p95 {p95:.1f} ms (target {target_ms} ms)")
    return passed


def explain(kind: str, elapsed: float, criteria: SearchCriteria, statements: list[str]) -> None:
    """EXPLAIN ANALYZE the statements of the slowest search of a kind, slowest first."""
    print(f"\n=== {kind}: {elapsed:.0f} ms for {criteria}")
    plans = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [line for (line,) in cursor.fetchall()]
            took = float(plan[-1].split(":")[1].split()[0])  # "Execution Time: 12.3 ms"
            plans.append((took, sql, plan))
    for took, sql, plan in sorted(plans, key=lambda item: -item[0])[:2]:
        print(f"--- {took:.1f} ms: {sql[:300]}")
        print("\n".join(plan))


if __name__ == "__main__":
    main()
