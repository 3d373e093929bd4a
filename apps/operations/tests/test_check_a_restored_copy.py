"""An administrator dumps the database and copies the media, restores both elsewhere and runs
`manage.py check_restore` on the copy: it passes, and fails once a photo is lost or damaged."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from apps.care import services as care_services
from apps.care.models import CareDocument
from apps.core.images import clean_photo
from apps.operations.restore_check import table_counts
from apps.reports.models import ReportPhoto
from apps.reports.tests.fixtures import photo_upload

ROOT = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

pytestmark = [
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL"),
        reason="the embedded database: set DATABASE_URL to a PostgreSQL server to test restores",
    ),
]


def server_environment(database: str) -> dict:
    """libpq's variables for the test database's server, naming `database`."""
    server = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": server["HOST"] or "localhost",
        "PGPORT": str(server["PORT"] or 5432),
        "PGUSER": server["USER"],
        "PGPASSWORD": server["PASSWORD"] or "",
        "PGDATABASE": database,
    }


def database_url(database: str) -> str:
    server = connection.settings_dict
    password = f":{server['PASSWORD']}" if server["PASSWORD"] else ""
    host = f"{server['HOST'] or 'localhost'}:{server['PORT'] or 5432}"
    return f"postgres://{server['USER']}{password}@{host}/{database}"


@pytest.fixture
def restored_database(transactional_db):
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def photo(name, **options):
    return (name, clean_photo(photo_upload(name, **options).read()))


@pytest.fixture
def seeded(national_admin, officer, cwc_member, file_missing, file_found, munna_in_care):
    """Priya missing and two found reports of Munna, two with a photo; Munna in care with his
    CWC order scanned."""
    file_missing(officer, photos=[photo("priya.jpg")])
    file_found(cwc_member, photos=[photo("munna.png", image_format="PNG", colour="teal")])
    care_services.add_document(
        document=CareDocument(kind="order", title="CWC interim order"),
        child=munna_in_care,
        uploaded_by=munna_in_care.admitted_by,
        content=PDF,
        content_type="application/pdf",
    )


def run(tool: str, *arguments: str, database: str) -> None:
    # The tools and arguments are this module's own; only the database's name varies.
    subprocess.run([shutil.which(tool), *arguments], env=server_environment(database), check=True)  # noqa: S603


def dump_and_restore(source: str, target: str, dump: Path) -> None:
    run("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), database=source)
    run(
        "pg_restore",
        "--no-owner",
        "--exit-on-error",
        "--dbname",
        target,
        str(dump),
        database=target,
    )


def check_restore(database: str, media: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trackchild.settings_for_tests",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check_restore"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_restored_copy_passes_the_check_until_a_photo_is_lost_or_damaged(
    seeded, restored_database, tmp_path
):
    dump_and_restore(connection.settings_dict["NAME"], restored_database, tmp_path / "db.dump")
    media = tmp_path / "restored-media"
    shutil.copytree(settings.MEDIA_ROOT, media)

    whole = check_restore(restored_database, media)

    assert whole.returncode == 0, whole.stderr
    counts = dict(line.split() for line in whole.stdout.splitlines()[:-1])
    assert counts == {label: str(count) for label, count in table_counts().items()}
    assert (counts["reports.ReportPhoto"], counts["care.CareDocument"]) == ("2", "1")

    photo = ReportPhoto.objects.order_by("pk").first()
    (media / photo.image.name).unlink()
    (media / photo.thumbnail.name).write_bytes(b"half a JPEG")

    broken = check_restore(restored_database, media)

    assert broken.returncode != 0
    assert f"{photo.image.name} is missing" in broken.stderr
    assert f"{photo.thumbnail.name} is not a readable image" in broken.stderr
