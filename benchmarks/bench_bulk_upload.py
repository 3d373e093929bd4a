"""How long a bulk upload of a few thousand rows takes to import, bad rows included.

Run from the project root against a PostgreSQL database of its own (reports are added to it):

    createdb -U postgres -h 127.0.0.1 trackchild_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackchild_bench \\
        .venv/bin/python benchmarks/bench_bulk_upload.py [--rows 3000] [--bad-share 0.05]

It migrates the database and loads the LGD directory, makes a police station in Khordha
(Odisha) with one officer, writes a CSV of --rows missing reports of which --bad-share have
an error (an adult's age, an unknown district, no sex), and times the upload and its processing
(the Celery task, run in-process). Matching and alerts are queued to the worker in production,
so their receivers are disconnected here: the figure is the import itself (form checks, filing,
history, search keys).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings_for_tests")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.alerts.receivers import alert_on_new_report  # noqa: E402
from apps.bulk import services  # noqa: E402
from apps.bulk.sheets import columns_for, csv_template  # noqa: E402
from apps.directory.models import District, Unit, UnitType  # noqa: E402
from apps.matching.receivers import queue_report_for_matching  # noqa: E402
from apps.reports.signals import report_saved  # noqa: E402

BAD = ({"age": "19"}, {"event_district": "Atlantis"}, {"sex": ""})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--bad-share", type=float, default=0.05)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_lgd", verbosity=0)
    officer = _officer()
    report_saved.disconnect(queue_report_for_matching, dispatch_uid="matching.queue_report")
    report_saved.disconnect(alert_on_new_report, dispatch_uid="alerts.new_report")
    data = _sheet(officer, options.rows, options.bad_share)
    started = time.perf_counter()
    # Without REDIS_URL the task runs in-process as soon as the upload commits.
    with transaction.atomic():
        upload = services.start_upload(
            file=SimpleUploadedFile("bench.csv", data),
            kind="missing",
            uploaded_by=officer,
            language="en",
        )
    upload = services.import_upload_rows(upload.pk)  # already done: returns at once
    seconds = time.perf_counter() - started
    print(
        f"{upload.rows_total} rows: {upload.rows_imported} imported, {upload.rows_failed} "
        f"refused, {upload.rows_skipped} skipped in {seconds:.1f} s "
        f"({1000 * seconds / upload.rows_total:.1f} ms a row)"
    )


def _officer() -> User:
    khordha = District.objects.get(name_en="Khordha")
    unit, _ = Unit.objects.get_or_create(
        unit_type=UnitType.POLICE_STATION,
        name="Bulk Benchmark PS",
        district=khordha,
        state=khordha.state,
    )
    officer, _ = User.objects.get_or_create(
        username="bulk_benchmark", defaults={"unit": unit, "roles": [Role.POLICE_OFFICER]}
    )
    return officer


def _sheet(officer, rows: int, bad_share: float) -> bytes:
    from apps.bulk.tests.conftest import missing_row

    columns = columns_for("missing", official=officer)
    lines = [csv_template(columns).decode("utf-8")]
    bad_every = round(1 / bad_share) if bad_share else rows + 1
    run = time.time_ns()
    for number in range(1, rows + 1):
        row = missing_row(number, reference=f"B{run}-{number}", fir_number=f"B{run}-{number}")
        if number % bad_every == 0:
            row |= BAD[number % len(BAD)]
        lines.append(",".join(f'"{row.get(column.key, "")}"' for column in columns) + "\r\n")
    return "".join(lines).encode("utf-8")


if __name__ == "__main__":
    main()
