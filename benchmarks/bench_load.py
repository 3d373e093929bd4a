"""Officials and citizens at once: what people wait for while others use the portal too.

Run from the project root against a PostgreSQL database and a Redis database of its own (they
are filled with demo data and emptied, so never point them at a real portal's):

    createdb -U postgres -h 127.0.0.1 trackchild_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bench \\
    REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python benchmarks/bench_load.py [--reports 1000000] [--duration 180]

It fills the database as `bench_search.py` does (a million demo reports take a few minutes the
first time), gives each simulated official a password and an authenticator, collects the static
files and starts gunicorn as documented (gunicorn.conf.py: 4 workers a core, DEBUG off, behind the
TLS proxy). Then:

* cold: one official signs in and opens each kind of page once, the server fresh;
* warm: locust (headless) runs `load_locustfile.py` for --duration seconds: 30 police officers,
  10 district, 6 State and 4 national officials (password and authenticator code each, before
  the timing starts) and 10 citizens on Khoya-Paya, each waiting 1 to 5 s between actions.

Celery tasks the requests queue (matching a filed report) wait in Redis: on a portal they run
on the workers' machines, so they are not part of what a person at the page waits for here.
Targets (p95 of the whole request, at the client): search 500 ms, a record 200 ms, dashboards
300 ms, filing without a photo 800 ms, sign-in (password and code) 300 ms; no errors. Exits
non-zero when one is missed.
"""

import argparse
import csv
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

import django  # noqa: E402
import requests  # noqa: E402

django.setup()

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from PIL import Image  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.directory.models import District, State, Unit, UnitType  # noqa: E402
from apps.reports.tests.fixtures import missing_report_data  # noqa: E402
from benchmarks.bench_search import Sample, prepare, search_mix  # noqa: E402
from benchmarks.load_client import (  # noqa: E402
    HEADERS,
    authenticator_code,
    form_fields,
    prepare_session,
    referer,
)

PASSWORD = "load-bench-Passw0rd!"  # noqa: S105 - the benchmark's own throwaway officials
COUNTS = {"police": 30, "district": 10, "state": 6, "national": 4, "citizens": 10}
ROLES = {
    "police": (Role.POLICE_OFFICER, UnitType.POLICE_STATION),
    "district": (Role.DISTRICT_OFFICIAL, UnitType.DCPU),
    "state": (Role.STATE_OFFICIAL, UnitType.SCPS),
    "national": (Role.NATIONAL_ADMIN, UnitType.MINISTRY),
}
# Request names of load_locustfile.py that each target covers (p95 in ms).
TARGETS = {
    "search": (lambda name: name.startswith("search: "), 500),
    "open a record": (lambda name: name == "open a record", 200),
    "dashboards": (lambda name: name == "dashboard", 300),
    "file a report (no photo)": (lambda name: name == "file a report", 800),
}
SIGN_IN_TARGET_MS = 300
PHOTO = ROOT.parent / "shared" / "testdata" / "faces"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000, help="at least this many")
    parser.add_argument("--duration", type=int, default=180, help="seconds of load")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 4 a core)"
    )
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    prepare(args.reports)
    work = Path(tempfile.mkdtemp(prefix="trackchild-load-"))
    environment = server_environment(work)
    rng = random.Random(args.seed)  # noqa: S311 - a load mix, not secrets
    plan = make_plan(rng, work, password_hash=hash_as_the_server_does(environment))
    plan["duration"] = args.duration
    (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    server = start_gunicorn(args, work, environment)
    try:
        host = f"http://127.0.0.1:{args.port}"
        wait_until_up(host)
        cold = time_cold_pages(host, plan)
        stats = run_locust(args, host, work)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sign_ins = json.loads((work / "sign_ins.json").read_text(encoding="utf-8"))
    sys.exit(0 if report(cold, stats, sign_ins) else 1)


# --- the plan: who signs in, what they search and open ------------------------------------


def make_plan(rng: random.Random, work: Path, *, password_hash: str) -> dict:
    sample = Sample.draw(rng)
    searches = [
        {"kind": kind, "params": search_params(criteria)}
        for kind, criteria in search_mix(sample, rng, 300)
    ]
    odisha, khordha = State.objects.get(lgd_code=21), District.objects.get(lgd_code=362)
    return {
        "counts": COUNTS,
        "officials": {role: make_officials(role, COUNTS[role], password_hash) for role in ROLES},
        "cold_official": make_officials("police", 1, password_hash, prefix="load_cold")[0],
        "searches": searches,
        "records": sample.ids,
        "public_searches": public_searches(sample, rng),
        "dashboards": dashboards(),
        "missing_report": missing_report_data(odisha, khordha),
        "photo": str(a_photo(work)),
    }


def search_params(criteria) -> dict:
    """The search page's query string for what `search_mix` would pass to the selector."""
    params = {}
    for field, value in vars(criteria).items():
        if value in (None, "", False, [], ()):
            continue
        params[field] = getattr(value, "pk", value)
        if hasattr(value, "isoformat"):
            params[field] = value.isoformat()
    return params


def public_searches(sample: Sample, rng: random.Random) -> list[dict]:
    return [
        {"name": rng.choice(sample.latin_first)} if i % 2 else {"age": row["age_min"] or 10}
        for i, row in enumerate(rng.sample(sample.rows, 100))
    ]


def dashboards() -> dict:
    """Each official's own dashboard (district, State/UT); national officials also the States'."""
    states = State.objects.values_list("lgd_code", flat=True)[:10]
    return {
        "district": ["/dashboards/"],
        "state": ["/dashboards/"],
        "national": ["/dashboards/india/"] + [f"/dashboards/states/{code}/" for code in states],
    }


def make_officials(role: str, count: int, password_hash: str, *, prefix="load") -> list[dict]:
    """Officials of units spread over India, each with a password and a confirmed authenticator."""
    role_name, unit_type = ROLES[role]
    units = list(Unit.objects.filter(unit_type=unit_type).order_by("?")[:count])
    if not units:
        raise SystemExit(f"No {unit_type} units: run seed_demo --units-everywhere first.")
    logins = []
    for number in range(count):
        user, _ = User.objects.update_or_create(
            username=f"{prefix}_{role}_{number}",
            defaults={
                "unit": units[number % len(units)],
                "roles": [role_name],
                "password": password_hash,
                "is_staff": role == "national",
                "is_superuser": role == "national",
            },
        )
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
        logins.append({"username": user.username, "password": PASSWORD, "totp_key": device.key})
    return logins


def a_photo(work: Path) -> Path:
    """A real face when the shared test photos are beside the project, else a plain picture."""
    for path in sorted(PHOTO.glob("*.jpg"))[:1]:
        return path
    path = work / "child.jpg"
    Image.new("RGB", (640, 800), (180, 140, 110)).save(path, "JPEG", quality=85)
    return path


# --- the server and the load -------------------------------------------------------------------


def server_environment(work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trackchild.settings",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BEHIND_TLS_PROXY": "true",
        "MEDIA_ROOT": str(work / "media"),
    }


def hash_as_the_server_does(environment: dict) -> str:
    """The officials' password hashed by the server's own settings (the benchmark's process
    runs with the test settings' fast hasher, which the server would not accept)."""
    script = (
        "import django; django.setup(); from django.contrib.auth.hashers import make_password; "
        f"print(make_password({PASSWORD!r}))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def start_gunicorn(args, work: Path, environment: dict) -> subprocess.Popen:
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    command = [str(bin_dir / "gunicorn"), "trackchild.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{args.port}"]
    if args.workers:
        command += ["--workers", str(args.workers)]
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)  # noqa: S603


def wait_until_up(host: str) -> None:
    for _ in range(120):
        try:
            requests.get(f"{host}/khoya-paya/", headers=HEADERS, timeout=5).raise_for_status()
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute; see its log")


def time_cold_pages(host: str, plan: dict) -> dict[str, float]:
    """Each kind of page once, the first time the fresh server serves it, as one official."""
    session, timings = requests.Session(), {}
    prepare_session(session)

    def timed(name: str, method: str, path: str, **kwargs) -> requests.Response:
        started = time.perf_counter()
        response = session.request(method, host + path, timeout=60, **kwargs)
        timings[name] = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        return response

    login = plan["cold_official"]
    page = timed("sign-in page", "GET", "/accounts/login/")
    fields = {"username": login["username"], "password": login["password"]}
    response = timed(
        "sign in: password",
        "POST",
        "/accounts/login/",
        data=form_fields(page.text, fields),
        headers=referer(host, "/accounts/login/"),
    )
    verify = response.url.removeprefix(host)
    if "/two-factor/verify/" in verify:
        timed(
            "sign in: authenticator code",
            "POST",
            verify,
            data=form_fields(response.text, {"token": authenticator_code(login)}),
            headers=referer(host, verify),
        )
    timed("search", "GET", "/reports/", params=plan["searches"][0]["params"])
    timed("open a record", "GET", f"/reports/{plan['records'][0]}/")
    timed("national feed", "GET", "/reports/missing/new-across-india/")
    timed("review queue", "GET", "/matches/")
    timed("filing form", "GET", "/reports/missing/new/")
    timed("Khoya-Paya: home", "GET", "/khoya-paya/")
    timed("Khoya-Paya: search", "GET", "/khoya-paya/search/", params=plan["public_searches"][0])
    return timings


def run_locust(args, host: str, work: Path) -> list[dict]:
    users = sum(COUNTS.values())
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(ROOT / "benchmarks/load_locustfile.py"),
    ]
    # Officials arrive two a second, as in a morning; the locustfile starts the clock once all
    # have signed in and stops after --duration. --run-time only bounds a run that hangs.
    command += ["--headless", "--users", str(users), "--spawn-rate", "2"]
    command += ["--run-time", f"{args.duration + 300}s", "--host", host]
    command += ["--csv", str(work / "load"), "--only-summary", "--stop-timeout", "10"]
    environment = {
        **os.environ,
        "LOAD_PLAN": str(work / "plan.json"),
        "LOAD_SIGN_INS": str(work / "sign_ins.json"),
    }
    subprocess.run(command, cwd=ROOT, env=environment, check=False)  # noqa: S603
    with open(work / "load_stats.csv", encoding="utf-8") as stats:
        return [row for row in csv.DictReader(stats) if row["Name"] != "Aggregated"]


# --- the verdict -----------------------------------------------------------------------------


def report(cold: dict[str, float], rows: list[dict], sign_ins: list[float]) -> bool:
    print("\nCold: the first request of each kind to a fresh server (ms)")
    for name, ms in cold.items():
        print(f"  {name:<34} {ms:8.0f}")
    print("\nWarm, under load (ms)")
    print(f"  {'request':<34} {'count':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
    # The sign-ins are timed apart (below): locust's own figures for them were reset with the
    # rest when the clock started.
    for row in sorted(rows, key=lambda row: row["Name"]):
        if row["Request Count"] == "0":
            continue
        print(
            f"  {row['Name']:<34} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    total = sum(int(row["Request Count"]) for row in rows)
    failures = sum(int(row["Failure Count"]) for row in rows)
    met = [
        verdict("errors", failures, 0, unit=""),
        verdict("sign-ins refused", len(sign_ins.pop("failed")), 0, unit=""),
    ]
    for label, (matches, target) in TARGETS.items():
        mine = [row for row in rows if matches(row["Name"])]
        worst = max((float(row["95%"]) for row in mine), default=float("nan"))
        met.append(verdict(f"{label} p95 (worst kind)", worst, target))
    for step, times in sorted(sign_ins.items()):
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else float("nan")
        met.append(verdict(f"{step} p95 of {len(times)}", p95, SIGN_IN_TARGET_MS))
    print(f"\n{total:,} requests in all.")
    return all(met)


def verdict(label: str, value: float, target: float, *, unit: str = " ms") -> bool:
    ok = value <= target
    print(
        f"  {label:<40} {value:8.0f}{unit}  target <= {target}{unit}  {'met' if ok else 'MISSED'}"
    )
    return ok


if __name__ == "__main__":
    main()
