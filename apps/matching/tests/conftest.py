"""Priya, missing from Bhubaneswar (Capital PS, Khordha), and a girl the CWC of Patna found: the
pair the engine proposes for review."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from apps.core.images import clean_photo
from apps.matching import services
from apps.matching.models import FaceEncoding, FaceStatus, MatchCandidate
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input, photo_upload


@pytest.fixture
def patna_cwc(make_official, make_unit, patna):
    """A member of the Patna CWC, which places the children found at Patna Junction."""
    cwc = make_unit("cwc", district=patna, name="CWC Patna")
    return make_official("cwc_patna", "cwc_member", unit=cwc)


@pytest.fixture
def priya(officer, file_missing):
    """Priya Sahu, 11, missing from Bhubaneswar (Capital PS, Khordha) since yesterday: "Mole on
    left cheek" typed, a burn scar on the right hand recorded."""
    return file_missing(officer)


@pytest.fixture
def jharana(officer, file_missing):
    """Jharana Behera, missing from Bhubaneswar (Capital PS, Khordha) for a week, reported
    without a pet name or her name in Odia."""
    return file_missing(
        officer,
        full_name="Jharana Behera",
        other_names="",
        name_local="",
        event_at=local_input(timezone.now() - timedelta(days=7)),
    )


@pytest.fixture
def pair(officer, file_missing, file_found, make_official, make_unit, bihar, patna):
    file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))
    cwc = make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))
    found = found_in_patna(file_found, cwc, bihar, patna)
    services.match_report(found.pk)
    return MatchCandidate.objects.get()


def pair_state(pair) -> tuple:
    """What deciding on a pair changes: the pair and both reports."""
    pair.refresh_from_db()
    statuses = [
        report.status for report in Report.objects.filter(pk__in=[pair.missing_id, pair.other_id])
    ]
    return (pair.status, pair.decided_by_id, pair.agreed_by_id, statuses)


# Synthetic face encodings, so that face tests need neither dlib nor photos of faces: values
# spread like dlib's, so two children's faces lie about 0.9 apart and two photos of one child
# (the same face with a little noise) about 0.2.
FACE_SPREAD = 0.055
PHOTO_NOISE = 0.015


def a_face(seed: int) -> tuple[float, ...]:
    return tuple(np.random.default_rng(seed).normal(0, FACE_SPREAD, 128).tolist())


def another_photo_of(face, seed: int) -> tuple[float, ...]:
    noise = np.random.default_rng(seed).normal(0, PHOTO_NOISE, 128)
    return tuple((np.asarray(face) + noise).tolist())


def a_photo():
    return ("child.jpg", clean_photo(photo_upload().read()))


def give_face(report, face) -> FaceEncoding:
    """What encode_faces stores for the report's newest photo, with `face` as its encoding."""
    photo = report.photos.order_by("pk").last()
    return FaceEncoding.objects.create(
        photo=photo, report=report, status=FaceStatus.OK, face_count=1, encoding=list(face)
    )
