"""Both ways of searching the open faces follow every change the same way and give the same
candidates: pgvector's index where PostgreSQL has the extension, the worker's own matrices
where it does not. On a server without pgvector, the pgvector tests run against an embedded
PostgreSQL (pgserver, which ships the extension) started for them."""

import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from apps.matching import face_index, selectors
from apps.matching.models import FaceEncoding, FaceStatus
from apps.matching.tests.conftest import a_face, a_photo, another_photo_of, give_face
from apps.reports import services as report_services
from apps.reports.choices import Status
from apps.reports.models import Report, ReportPhoto
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db

PRIYA = a_face(1)
LIMIT, FAR = selectors.FACE_CANDIDATE_LIMIT, selectors.FACE_CANDIDATE_DISTANCE


def in_the_worker(side, face):
    return face_index.worker_matrices().nearest(side, face, LIMIT, FAR)


def in_postgresql(side, face):
    return face_index._nearest_in_postgresql(side, face, LIMIT, FAR)


@pytest.fixture(params=["worker", "pgvector"])
def search(request):
    """The report ids one way of searching finds near a face, nearest first."""
    if request.param == "pgvector" and not face_index.uses_pgvector():
        pytest.skip("no pgvector here: test_pgvector_on_an_embedded_server runs these there")
    way = in_the_worker if request.param == "worker" else in_postgresql
    return lambda side, face: [near.report_id for near in way(side, face)]


@pytest.fixture(autouse=True)
def fresh_worker_matrices():
    """Each test's database starts empty (its transaction is rolled back after it), so each
    starts with matrices loaded from it."""
    face_index._WORKER_MATRICES.clear()
    yield
    face_index._WORKER_MATRICES.clear()


@pytest.fixture
def priya_missing(officer, file_missing):
    report = file_missing(
        officer, event_at=local_input(timezone.now() - timedelta(days=7)), photos=[a_photo()]
    )
    give_face(report, PRIYA)
    return report


def test_each_way_follows_new_changed_closed_and_removed_faces(
    search, priya_missing, officer, file_missing
):
    assert search("missing", PRIYA) == [priya_missing.pk]
    assert search("found", PRIYA) == []  # a missing child's face is searched by found ones

    report_services.change_status(
        report=priya_missing,
        changed_by=officer,
        status=Status.CLOSED,
        closure_reason="returned_home",
        note="Came home",
    )
    assert search("missing", PRIYA) == []
    report_services.change_status(
        report=priya_missing, changed_by=officer, status=Status.OPEN, closure_reason="", note=""
    )
    assert search("missing", PRIYA) == [priya_missing.pk]

    sister = file_missing(officer, fir_number="113/2026", photos=[a_photo()])
    give_face(sister, another_photo_of(PRIYA, seed=2))
    assert sorted(search("missing", PRIYA)) == sorted([priya_missing.pk, sister.pk])

    report_services.update_report(
        report=sister,
        edited_by=officer,
        reason="Wrong photo",
        marks=[],
        new_photos=[],
        removed_photos=list(sister.photos.all()),
    )
    assert search("missing", PRIYA) == [priya_missing.pk]


def test_the_worker_reads_only_what_changed_after_its_first_load(
    priya_missing, officer, file_missing, monkeypatch
):
    assert [near.report_id for near in in_the_worker("missing", PRIYA)] == [priya_missing.pk]

    def no_second_load(*args):
        raise AssertionError("the open faces were loaded again")

    monkeypatch.setattr(face_index, "_load", no_second_load)
    sister = file_missing(officer, fir_number="113/2026", photos=[a_photo()])
    give_face(sister, another_photo_of(PRIYA, seed=2))

    assert {near.report_id for near in in_the_worker("missing", PRIYA)} == {
        priya_missing.pk,
        sister.pk,
    }


def test_the_worker_folds_many_changes_into_one_matrix_with_the_same_answers(
    priya_missing, officer, file_missing, monkeypatch
):
    in_the_worker("missing", PRIYA)
    monkeypatch.setattr(face_index, "_OVERLAY_MINIMUM", 0)
    sister = file_missing(officer, fir_number="113/2026", photos=[a_photo()])
    give_face(sister, another_photo_of(PRIYA, seed=2))

    found = in_the_worker("missing", PRIYA)

    matrix = face_index.worker_matrices().sides["missing"]
    assert (matrix.overlay.count, matrix.loaded.count) == (0, 2)
    assert {near.report_id for near in found} == {priya_missing.pk, sister.pk}
    assert len(matrix) == 2


def copies_with_faces(original, faces) -> list[int]:
    """The report filed again once per face (a photo each): many reports, quickly."""
    report = Report.objects.get(pk=original.pk)
    ids = []
    for number, face in enumerate(faces, start=1):
        report.pk = report.id = None
        report._state.adding = True
        report.fir_number = f"{number}/copy"
        report.save()
        photo = ReportPhoto.objects.create(
            report=report,
            image="copy.jpg",
            thumbnail="copy.jpg",
            width=1,
            height=1,
            uploaded_by=report.created_by,
        )
        FaceEncoding.objects.create(
            photo=photo, report=report, status=FaceStatus.OK, face_count=1, encoding=list(face)
        )
        ids.append(report.pk)
    return ids


def test_both_ways_give_the_same_candidates(
    priya_missing, file_found, patna_officer, bihar, patna, monkeypatch
):
    if not face_index.uses_pgvector():
        pytest.skip("no pgvector here: test_pgvector_on_an_embedded_server runs this there")
    # 40 children, each in 1-4 reports; 30 of their faces looked for from found reports.
    children = [a_face(100 + child) for child in range(40)]
    faces = [another_photo_of(children[n % 40], seed=200 + n) for n in range(100)]
    copies_with_faces(priya_missing, faces)
    found = file_found(
        patna_officer,
        event_state=bihar.pk,
        event_district=patna.pk,
        placement="not_placed",
        placed_at="",
    )
    queries = [[another_photo_of(children[n], seed=300 + n)] for n in range(30)]
    queries.append([PRIYA, a_face(5)])  # two photos, one of them of nobody on file

    with_pgvector = [selectors.face_candidate_ids(found, faces) for faces in queries]
    monkeypatch.setattr(face_index, "uses_pgvector", lambda: False)
    in_the_worker_too = [selectors.face_candidate_ids(found, faces) for faces in queries]

    assert with_pgvector == in_the_worker_too
    assert all(2 <= len(candidates) <= 4 for candidates in with_pgvector[:30])
    assert with_pgvector[-1] == [priya_missing.pk]


def test_pgvector_on_an_embedded_server():
    """The tests above, once more on an embedded PostgreSQL with pgvector, when the test
    database has none (as CI's PostgreSQL)."""
    if face_index.uses_pgvector():
        pytest.skip("this test database has pgvector: the tests above ran on it")
    # Not in pytest's tmp_path: other pytest sessions on the machine prune those folders.
    data = Path(tempfile.mkdtemp(prefix="trackchild-pgvector-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs, as in trackchild.embedded_postgres
        import pgserver  # a dependency of the portal: never missing, so never skipped

        server = pgserver.get_server(data, cleanup_mode="stop")
    try:
        info = server.get_postmaster_info()
        environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL",)}
        environment["DATABASE_URL"] = (
            f"postgres://postgres@:{info.port}/faces?host={info.socket_dir}"
        )
        this_test = f"{Path(__file__).name}::test_pgvector_on_an_embedded_server"
        run = subprocess.run(  # noqa: S603 - our own arguments
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:randomly",
                "--deselect",
                f"apps/matching/tests/{this_test}",
                str(Path(__file__).relative_to(settings.BASE_DIR)),
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.cleanup()
        shutil.rmtree(data, ignore_errors=True)
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    assert run.returncode == 0, run.stdout + run.stderr
    assert "passed" in summary, summary
    assert "skipped" not in summary, summary


def test_a_matching_worker_loads_the_open_faces_before_starting_its_pool(priya_missing):
    if face_index.uses_pgvector():
        assert not face_index.load_before_forking({"matching"})  # PostgreSQL searches
        return
    assert not face_index.load_before_forking({"messaging", "default"})
    assert face_index._WORKER_MATRICES == {}

    assert face_index.load_before_forking({"matching"})

    (matrices,) = face_index._WORKER_MATRICES.values()
    assert len(matrices.sides["missing"]) == 1
