"""How long the worker takes to import a partner's PFIF file of 5,000 persons, and its memory.

Run from the project root against a PostgreSQL database of its own (persons are added to it;
fill it with reports first for realistic duplicate matching, e.g. `seed_demo --scale 100000`):

    createdb -U postgres -h 127.0.0.1 trackchild_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bench \\
        .venv/bin/python benchmarks/bench_pfif_import.py [--persons 5000]

It migrates the database and loads the LGD directory, makes a DCPU in Khordha (Odisha) with one
district official, writes a PFIF 1.4 file of --persons children (each with a note, names sharing
phonetic keys with each other and with the demo reports), and times receiving it as the web
page does and the import task end to end (checking, the review queue and each person's likely
duplicates). The peak memory is the process's largest resident size.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.directory.models import District, Unit, UnitType  # noqa: E402
from apps.pfif import services, tasks  # noqa: E402
from apps.pfif.tests.conftest import partner_file  # noqa: E402
from apps.reports.models import Report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=5000)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_lgd", verbosity=0)
    official = _official()
    data = partner_file(options.persons, domain=f"bench{time.time_ns()}.np")
    # Celery runs in-process here: the import is run below, as the worker would, not on commit.
    services.queue_import = lambda received_id: None
    started = time.perf_counter()
    received = services.receive_pfif(
        SimpleUploadedFile("bench.xml", data), received_by=official, source_name="Benchmark"
    )
    taken = time.perf_counter() - started
    tasks.import_received_file.apply(args=[received.pk])  # as the worker runs it
    received.refresh_from_db()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{received.persons_total} persons ({len(data) / 1e6:.1f} MB) against "
        f"{Report.objects.count()} reports: received in {taken:.2f} s, {received.state} after "
        f"{seconds:.1f} s ({1000 * seconds / received.persons_total:.1f} ms a person), "
        f"{received.persons_new} new; peak RSS {peak_mb:.0f} MB"
    )


def _official() -> User:
    khordha = District.objects.get(name_en="Khordha")
    unit, _ = Unit.objects.get_or_create(
        unit_type=UnitType.DCPU, name="PFIF Benchmark DCPU", district=khordha, state=khordha.state
    )
    official, _ = User.objects.get_or_create(
        username="pfif_benchmark", defaults={"unit": unit, "roles": [Role.DISTRICT_OFFICIAL]}
    )
    return official


if __name__ == "__main__":
    main()
