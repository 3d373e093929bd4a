"""How long building and queueing the daily bulletins takes for 17,000 police stations.

Run from the project root, against a PostgreSQL database of its own (it is filled with synthetic
units and reports, so never point it at a real portal's database) and a Redis database of its
own (the messages' send tasks are published there; the script empties its queue afterwards):

    createdb -U postgres -h 127.0.0.1 trackchild_bulletin_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bulletin_bench \\
    REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python benchmarks/bench_daily_bulletins.py [--stations 17000] [--reports 600]

The first run migrates the database and loads the LGD directory with its neighbours; it then
makes sure there are --stations police stations spread over every district, an SP office in each
district and the State police and SCPS of each State/UT, each with its head's e-mail, and files
--reports missing reports "yesterday" (one in ten suspected trafficking, one in seven last seen at
a railway station; India records about 230 missing children a day, so 600 is a heavy day),
replacing the previous run's. It times `queue_daily_bulletins` for yesterday (the beat job's
work: composing each unit's bulletin and writing its message and outbox rows, with the send tasks
published to the broker as each State/UT commits), then a second run straight after (nothing new
to send), and prints the process's peak memory.

Target: <= 10 minutes (600 s) for the first run. Exits non-zero above it.
"""

import argparse
import os
import random
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.alerts.services import queue_daily_bulletins  # noqa: E402
from apps.directory.models import District, State, Unit, UnitType  # noqa: E402
from apps.messaging.models import Message  # noqa: E402
from apps.outbox.models import OutboxTask  # noqa: E402
from apps.reports.models import Report  # noqa: E402
from trackchild.celery import app as celery_app  # noqa: E402

TARGET_SECONDS = 600
BENCH = "Bench"  # the name prefix of every unit and report the script makes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=17_000)
    parser.add_argument("--reports", type=int, default=600, help="missing reports yesterday")
    args = parser.parse_args()
    # Published to the broker as on a live portal, not run inline as the tests do.
    celery_app.conf.task_always_eager = False

    prepare(args.stations, args.reports)
    day = timezone.localdate() - timedelta(days=1)
    Message.objects.filter(template="daily_bulletin").delete()
    units = Unit.objects.filter(is_active=True).count()
    print(f"{units:,} active units; {args.reports:,} missing children reported on {day}.")

    started = time.perf_counter()
    addressed = queue_daily_bulletins(day=day)
    first = time.perf_counter() - started
    queued = Message.objects.filter(template="daily_bulletin").count()
    print(f"First run: {first:.1f} s; {addressed:,} units addressed, {queued:,} e-mails queued.")

    started = time.perf_counter()
    queue_daily_bulletins(day=day)
    again = time.perf_counter() - started
    queued_again = Message.objects.filter(template="daily_bulletin").count()
    print(f"Second run: {again:.1f} s; {queued_again - queued:,} more e-mails (none expected).")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"Peak memory (max RSS): {peak:,.0f} MB.")

    with celery_app.connection_for_write() as broker:
        purged = celery_app.control.purge(connection=broker)
    OutboxTask.objects.filter(task="apps.messaging.tasks.send_message").delete()
    print(f"Emptied {purged:,} published send tasks from the broker.")
    met = first <= TARGET_SECONDS and queued_again == queued
    print("Target met." if met else "Target missed.")
    sys.exit(0 if met else 1)


def prepare(stations: int, reports: int) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    if not State.objects.exists():
        call_command("load_lgd")
    districts = list(District.objects.current().order_by("pk"))
    with transaction.atomic():
        _add_units(UnitType.POLICE_STATION, stations, districts)
        _add_units(UnitType.DISTRICT_POLICE, len(districts), districts)
        for unit_type in (UnitType.STATE_POLICE, UnitType.SCPS):
            have = Unit.objects.filter(unit_type=unit_type, name__startswith=BENCH).count()
            if have < State.objects.count():
                Unit.objects.bulk_create(
                    _unit(unit_type, number, state_id=state.pk, district_id=None)
                    for number, state in enumerate(State.objects.order_by("pk")[have:], have)
                )
    _file_reports_yesterday(reports, districts)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _add_units(unit_type: str, wanted: int, districts: list[District]) -> None:
    have = Unit.objects.filter(unit_type=unit_type, name__startswith=BENCH).count()
    if have < wanted:
        print(f"Adding {wanted - have:,} {unit_type} units...", flush=True)
        Unit.objects.bulk_create(
            (
                _unit(
                    unit_type,
                    number,
                    state_id=districts[number % len(districts)].state_id,
                    district_id=districts[number % len(districts)].pk,
                )
                for number in range(have, wanted)
            ),
            batch_size=2000,
        )


def _unit(unit_type: str, number: int, *, state_id, district_id) -> Unit:
    return Unit(
        unit_type=unit_type,
        name=f"{BENCH} {unit_type} {number}",
        state_id=state_id,
        district_id=district_id,
        phone="0674-2390100",
        head_email=f"{unit_type}.{number}@bench.example.gov.in",
        head_alert_channels="email",
    )


@transaction.atomic
def _file_reports_yesterday(count: int, districts: list[District]) -> None:
    Report.objects.filter(full_name__startswith=BENCH).delete()
    rng = random.Random(19)  # noqa: S311 - synthetic data
    filer, _ = User.objects.get_or_create(username="bench_bulletin_filer")
    stations = list(
        Unit.objects.filter(unit_type=UnitType.POLICE_STATION, name__startswith=BENCH)
        .order_by("pk")
        .values_list("pk", "district_id", "state_id")[: len(districts)]
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime.combine(yesterday, datetime.min.time()))
    rows = []
    for number in range(count):
        unit_id, district_id, state_id = rng.choice(stations)
        age = rng.randint(3, 17)
        rows.append(
            Report(
                kind="missing",
                owning_unit_id=unit_id,
                full_name=f"{BENCH} Child {number}",
                sex=rng.choice("MF"),
                age_min=age,
                age_max=age,
                event_at=start - timedelta(hours=rng.randint(1, 48)),
                event_state_id=state_id,
                event_district_id=district_id,
                event_locality="Main road",
                event_place_kind="railway" if rng.random() < 1 / 7 else "other",
                circumstances="kidnapping" if rng.random() < 0.1 else "left_home",
                created_by=filer,
            )
        )
    created = Report.objects.bulk_create(rows)
    for report in created:
        report.created_at = start + timedelta(seconds=rng.randint(0, 86_399))
    Report.objects.bulk_update(created, ["created_at"], batch_size=1000)


if __name__ == "__main__":
    main()
