"""Photos filed with a report get a face encoding in the background; a photo without a face is
recorded as such, not treated as an error, and faces join the evidence of a pair."""

import pytest

from apps.core.images import clean_photo
from apps.faces.tests.photos import SAMPLES, read_manifest
from apps.matching import services, tasks
from apps.matching.models import FaceEncoding, FaceStatus, MatchCandidate

pytestmark = pytest.mark.django_db


def photo(name):
    return (name, clean_photo((SAMPLES / name).read_bytes()))


def test_a_face_photo_is_encoded_once(officer, file_missing):
    report = file_missing(officer, photos=[photo("london_006_neutral.jpg")])

    assert tasks.process_report(report.pk) == 0
    assert services.encode_faces(report) == 0  # nothing left to encode on a second run

    face = FaceEncoding.objects.get()
    assert (face.report, face.status, face.face_count) == (report, FaceStatus.OK, 1)
    assert len(face.encoding) == 128


def test_a_photo_without_a_face_is_marked_not_failed(officer, file_missing):
    no_face = next(row["file"] for row in read_manifest() if row["n_faces"] == "0")
    report = file_missing(officer, photos=[photo(no_face)])

    tasks.process_report(report.pk)

    assert FaceEncoding.objects.get().status == FaceStatus.NO_FACE


def test_two_photos_of_one_child_add_face_evidence_to_the_pair(
    officer, cwc_member, file_missing, file_found
):
    missing = file_missing(officer, photos=[photo("london_006_neutral.jpg")])
    found = file_found(
        cwc_member,
        full_name="Priya",
        sex="F",
        age_min="11",
        age_max="12",
        photos=[photo("london_006_smiling.jpg")],
    )
    tasks.process_report(missing.pk)

    tasks.process_report(found.pk)

    pair = MatchCandidate.objects.get(missing=missing, other=found)
    face = next(item for item in pair.evidence if item["key"] == "face")
    assert face["similarity"] is not None
    assert face["similarity"] > 0.5
