"""A developer times the face part of match_report with the documented command
(`bench_faces.py candidates`), here on a tiny database: it fills it, searches the faces and
leaves no found child of its own behind."""

import pytest

from apps.matching import face_index, selectors
from apps.matching.models import OpenFace
from apps.reports.choices import ReportKind
from apps.reports.models import ReportPhoto
from benchmarks.bench_faces import main

# The benchmark writes with COPY, switches a trigger off and vacuums: its own
# transactions, as on its own database.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_worker_matrices():
    """The benchmark's faces are loaded into this process's matrices: none are left for the
    next test, whose database starts empty."""
    face_index._WORKER_MATRICES.clear()
    yield
    face_index._WORKER_MATRICES.clear()


def test_the_face_benchmark_finds_stored_children_by_face_and_cleans_up(capsys):
    main(["candidates", "--faces", "90", "--reports", "80", "--queries", "6", "--named"])

    printed = capsys.readouterr().out
    assert OpenFace.objects.filter(open=True, side="missing").count() == 90
    assert "90 open missing faces" in printed
    assert "the worker's matrices (exact, NumPy): 6 found children matched" in printed
    assert "face part, warm: p50" in printed
    assert "match_report as a whole, warm: p50" in printed
    # Half of the found children are another photo of a stored child: each has that child's
    # report among its face candidates.
    within = printed.split("children with face candidates: ")[1].split("/")[0]
    assert 3 <= int(within) <= 6
    assert "face_candidate_ids" in printed.split("candidates per child")[1]
    # The found children it filed are gone, and the search is the product's own again.
    assert not ReportPhoto.objects.exclude(report__kind=ReportKind.MISSING).exists()
    assert selectors.face_candidate_ids.__module__ == "apps.matching.selectors"
    assert face_index.uses_pgvector.__module__ == "apps.matching.face_index"


def test_the_face_benchmark_refuses_more_photos_than_a_report_may_hold(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["candidates", "--faces", "2000", "--reports", "40", "--queries", "2"])

    assert "more than 6 photos on each of the" in str(exit_.value)
    assert not OpenFace.objects.exists()
