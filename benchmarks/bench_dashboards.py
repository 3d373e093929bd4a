"""How fast the dashboards are with 2,000,000 reports and 500,000 children in care.

Run from the project root, against a PostgreSQL database of its own (it is filled with demo
data, so never point it at a real portal's database):

    createdb -U postgres -h 127.0.0.1 trackchild_dash_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_dash_bench \\
        .venv/bin/python benchmarks/bench_dashboards.py [--reports 2000000] [--children 500000]

The first run migrates the database, loads the LGD directory, creates a demo police station and
children's home in every district (so reports spread over all of India), adds demo reports until
there are --reports (`seed_demo --in-every-district --scale`, some minutes a million) and admits
found children to care until --children are in care (`seed_demo --children-in-care`), then
computes the overdue items as the nightly job does; later runs reuse the data. It then runs
VACUUM ANALYZE and times:

* the refresh of the dashboards' figures (`recount_dashboard_figures`), the first after the
  data changed and a second straight after (nothing to write);
* each dashboard page rendered through the test client, signed in as the official who may open
  it: national (`national`), a State/UT (`state_odisha`, Odisha) and a district
  (`district_khordha`, Khordha), with the default filters and with a mix of filters, after
  warm-up requests.

Targets: p95 <= 300 ms per page; figures never more than 15 minutes old (the beat job runs every
5 minutes, so the oldest figures are 5 minutes plus one refresh old).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings (DEBUG off, so templates are cached as on a live portal), over plain HTTP.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from bench_search import percentile  # noqa: E402 - the same percentiles as the search figures
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.care.choices import CareStatus  # noqa: E402
from apps.care.models import ChildInCare  # noqa: E402
from apps.dashboards.services import recount_dashboard_figures  # noqa: E402
from apps.directory.models import State  # noqa: E402
from apps.reports.models import Report  # noqa: E402

PAGE_TARGET_MS = 300
STALE_TARGET_MINUTES = 15
BEAT_MINUTES = 5
WARM_UP = 5
PAGES = [
    ("national", "national", "/dashboards/india/"),
    ("a State/UT (Odisha)", "state_odisha", "/dashboards/states/21/"),
    ("a district (Khordha)", "district_khordha", "/dashboards/districts/362/"),
]
FILTERS = ["", "?sex=F", "?age_band=2", "?since=&until=", "?since=2026-01&until=2026-06&sex=M"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2_000_000, help="at least this many")
    parser.add_argument("--children", type=int, default=500_000, help="in care, at least")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    args = parser.parse_args()

    prepare(args.reports, args.children)
    in_care = ChildInCare.objects.filter(status=CareStatus.IN_CARE).count()
    print(f"{Report.objects.count():,} reports, {in_care:,} children in care.")

    first = recount_dashboard_figures()
    second = recount_dashboard_figures()
    print(f"Refresh: {first.seconds:.1f} s ({first.written:,} rows written).")
    print(f"Again at once: {second.seconds:.1f} s ({second.written:,} rows written).")
    stale = BEAT_MINUTES + first.seconds / 60
    outcome = [stale <= STALE_TARGET_MINUTES]
    print(f"Oldest figures a page can show: {stale:.1f} minutes (target {STALE_TARGET_MINUTES}).")

    print()
    print(f"{'page':<34} {'filters':<8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for label, username, url in PAGES:
        client = signed_in(username)
        for name, urls in (("none", [url]), ("mixed", [url + query for query in FILTERS])):
            times = time_pages(client, urls, args.requests)
            p95 = percentile(times, 95)
            outcome.append(p95 <= PAGE_TARGET_MS)
            print(
                f"{label:<34} {name:<8} {statistics.median(times):>7.0f} {p95:>7.0f} "
                f"{max(times):>7.0f}"
            )
    print("Target met." if all(outcome) else "Target missed.")
    sys.exit(0 if all(outcome) else 1)


def prepare(reports: int, children: int) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    if not State.objects.exists():
        call_command("load_lgd")
    missing = reports - Report.objects.count()
    if missing > 0:
        print(f"Adding {missing:,} demo reports...", flush=True)
        call_command("seed_demo", scale=missing, in_every_district=True, allow_production=True)
    in_care = ChildInCare.objects.filter(status=CareStatus.IN_CARE).count()
    if in_care < children:
        print(f"Admitting {children - in_care:,} children to care...", flush=True)
        call_command(
            "seed_demo", reports=0, children_in_care=children - in_care, allow_production=True
        )
        call_command("compute_overdue")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE took {time.perf_counter() - started:.1f} s.")


def signed_in(username: str) -> Client:
    """A client signed in as the demo official, with two-factor sign-in done."""
    official = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=official, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=official, name="bench", confirmed=True)
    client = Client()
    client.force_login(official)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def time_pages(client: Client, urls: list[str], count: int) -> list[float]:
    for url in urls * WARM_UP:
        check(client.get(url), url)
    times = []
    for number in range(count):
        url = urls[number % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        check(response, url)
    return times


def check(response, url: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")


if __name__ == "__main__":
    main()
