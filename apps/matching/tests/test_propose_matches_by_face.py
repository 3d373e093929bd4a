"""A child found far from home who cannot say her name is proposed against the missing report
whose photo shows her face: every new or changed photo is searched against the open reports'
faces of the other side across India, and a closed report's faces are no longer searched."""

import html
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.faces.tests.photos import SAMPLES
from apps.matching import selectors, services, tasks
from apps.matching.engine import blocking_keys
from apps.matching.models import MatchCandidate
from apps.matching.records import child_record
from apps.matching.tests.conftest import a_face, a_photo, another_photo_of, give_face
from apps.matching.tests.test_encode_report_faces import photo as real_photo
from apps.reports import services as report_services
from apps.reports.choices import ReportKind, Status
from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data, local_input
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

PRIYA = a_face(1)


@pytest.fixture
def priya_missing(officer, file_missing):
    """Priya Sahu, 11, missing from Bhubaneswar (Odisha) for a week, with her photo."""
    report = file_missing(
        officer,
        event_at=local_input(timezone.now() - timedelta(days=7)),
        photos=[a_photo()],
    )
    give_face(report, PRIYA)
    return report


def nameless_in_patna(bihar, patna) -> dict:
    """What is typed for a girl of about 12 alone at Patna Junction (Bihar), who says
    nothing of her name: no name, but a mark, her height and her language."""
    return {
        "full_name": "",
        "told_parent_names": "",
        "told_language": "or",
        "sex": "F",
        "age_min": "11",
        "age_max": "13",
        "height_cm": "136",
        "event_state": bihar.pk,
        "event_district": patna.pk,
        "event_locality": "Patna Junction",
        "event_landmark": "",
        "identification_marks": "mole on the left cheek",
        "placement": "not_placed",
        "placed_at": "",
    }


def found_without_a_name(file_found, official, bihar, patna):
    return file_found(official, photos=[a_photo()], **nameless_in_patna(bihar, patna))


def test_a_found_child_without_a_name_in_another_state_is_proposed_by_her_face(
    priya_missing, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, another_photo_of(PRIYA, seed=2))
    # Neither a name nor the district would have brought Priya's report.
    keys = blocking_keys(child_record(found))
    assert priya_missing.pk not in selectors.candidate_ids(found, keys)

    services.match_report(found.pk)

    pair = MatchCandidate.objects.get(missing=priya_missing, other=found)
    face = next(item for item in pair.evidence if item["key"] == "face")
    assert face["similarity"] == 1.0  # a close face: full weight
    assert pair.score >= 25


def test_the_missing_report_filed_later_finds_the_found_child_by_face(
    officer, file_missing, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, another_photo_of(PRIYA, seed=2))
    priya = file_missing(
        officer, event_at=local_input(timezone.now() - timedelta(days=7)), photos=[a_photo()]
    )
    give_face(priya, PRIYA)

    services.match_report(priya.pk)

    assert MatchCandidate.objects.filter(missing=priya, other=found).exists()


def test_another_childs_face_brings_no_candidate(
    priya_missing, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, a_face(3))

    assert selectors.face_candidate_ids(found, [a_face(3)]) == []
    services.match_report(found.pk)
    assert not MatchCandidate.objects.exists()


def test_a_citizens_sighting_with_a_photo_is_searched_like_a_found_child(
    officer, file_missing, capital_ps, bihar, patna
):
    sighting = report_services.file_for_station_of_place(
        report=Report(
            kind=ReportKind.SIGHTING,
            sex="F",
            age_min=9,
            age_max=13,
            event_at=timezone.now() - timedelta(days=2),
            event_state=bihar,
            event_district=patna,
            event_locality="Patna Junction",
            identification_marks="mole on left cheek",
        ),
        filed_by=officer,
        police_station=capital_ps,
        photos=[a_photo()],
    )
    give_face(sighting, another_photo_of(PRIYA, seed=4))
    priya = file_missing(
        officer, event_at=local_input(timezone.now() - timedelta(days=7)), photos=[a_photo()]
    )
    give_face(priya, PRIYA)

    assert selectors.face_candidate_ids(priya, [PRIYA]) == [sighting.pk]


def test_a_photo_added_to_a_found_report_is_searched(
    priya_missing, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, a_face(5))  # first photo: a face far from Priya's
    services.match_report(found.pk)
    assert not MatchCandidate.objects.exists()

    report_services.update_report(
        report=found,
        edited_by=patna_officer,
        reason="A clearer photo",
        marks=[],
        new_photos=[a_photo()],
        removed_photos=[],
    )
    give_face(found, another_photo_of(PRIYA, seed=6))
    services.match_report(found.pk)

    pair = MatchCandidate.objects.get(missing=priya_missing, other=found)
    face = next(item for item in pair.evidence if item["key"] == "face")
    assert face["similarity"] == 1.0  # the closest two photos are compared


def test_a_replaced_photo_is_searched_and_the_old_face_no_longer(
    priya_missing, officer, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, another_photo_of(PRIYA, seed=7))
    wrong_child = a_face(8)
    assert selectors.face_candidate_ids(priya_missing, [PRIYA]) == [found.pk]

    report_services.update_report(
        report=found,
        edited_by=patna_officer,
        reason="Photo of another child had been uploaded",
        marks=[],
        new_photos=[a_photo()],
        removed_photos=list(found.photos.all()),
    )
    give_face(found, another_photo_of(wrong_child, seed=9))

    assert selectors.face_candidate_ids(priya_missing, [PRIYA]) == []
    assert selectors.face_candidate_ids(priya_missing, [wrong_child]) == [found.pk]


def test_a_closed_report_leaves_the_search_and_a_reopened_one_comes_back(
    priya_missing, officer, file_found, patna_officer, bihar, patna
):
    found = found_without_a_name(file_found, patna_officer, bihar, patna)
    give_face(found, another_photo_of(PRIYA, seed=10))
    assert selectors.face_candidate_ids(found, [another_photo_of(PRIYA, seed=10)]) == [
        priya_missing.pk
    ]

    report_services.change_status(
        report=priya_missing,
        changed_by=officer,
        status=Status.CLOSED,
        closure_reason="returned_home",
        note="Came home",
    )
    assert selectors.face_candidate_ids(found, [another_photo_of(PRIYA, seed=10)]) == []

    report_services.change_status(
        report=priya_missing, changed_by=officer, status=Status.OPEN, closure_reason="", note=""
    )
    assert selectors.face_candidate_ids(found, [another_photo_of(PRIYA, seed=10)]) == [
        priya_missing.pk
    ]


def test_the_fir_unit_sees_a_nameless_child_found_in_another_state_with_her_face_as_evidence(
    client, officer, file_missing, patna_officer, odisha, khordha, bihar, patna, childrens_home,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    # The FIR in Bhubaneswar has the child's photo; the worker encodes it.
    missing = file_missing(
        officer,
        event_at=local_input(timezone.now() - timedelta(days=6)),
        photos=[real_photo("london_006_neutral.jpg")],
    )
    tasks.process_report(missing.pk)
    # Six days later a police officer at Patna Junction, Bihar, files a child who says no
    # name, with a photo of her face; once saved, the worker encodes and matches it.
    sign_in_verified(client, patna_officer)
    data = found_report_data(odisha, khordha, childrens_home, **nameless_in_patna(bihar, patna))
    data["photos"] = [
        SimpleUploadedFile(
            "face.jpg", (SAMPLES / "london_006_smiling.jpg").read_bytes(), "image/jpeg"
        )
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/reports/found/new/", data).status_code == 302
    found = Report.objects.get(kind=ReportKind.FOUND)

    # The FIR's police station sees the pair in its queue, and the face among the evidence.
    client.logout()
    sign_in_verified(client, officer)
    assert found.case_number in client.get("/matches/").text
    pair = MatchCandidate.objects.get(missing=missing, other=found)
    face = next(item for item in pair.evidence if item["key"] == "face")
    assert face["similarity"] > 0.5
    assert html.escape(face["detail"]) in client.get(f"/matches/{pair.pk}/").text
