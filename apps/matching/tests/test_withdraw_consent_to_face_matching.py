"""A family withdraws its consent to face matching: the child's face encodings go at once and no
new photo is encoded; matching by description goes on. Given again, the photos are encoded and
the child matched by face again. Faces of a report with no consent record are matched, as the
tracing of a missing child requires."""

import pytest
from django.utils import timezone

from apps.core.images import clean_photo
from apps.faces.tests.photos import SAMPLES
from apps.matching import tasks
from apps.matching.models import FaceEncoding, OpenFace
from apps.reports import services
from apps.reports.choices import ConsentGiver, ConsentMethod, ConsentPurpose

pytestmark = pytest.mark.django_db


def photo(name):
    return (name, clean_photo((SAMPLES / name).read_bytes()))


@pytest.fixture
def priya(officer, file_missing):
    report = file_missing(officer, photos=[photo("london_006_neutral.jpg")])
    tasks.process_report(report.pk)
    return report


def give(report, official):
    services.record_consent(
        report=report,
        purpose=ConsentPurpose.FACE_MATCHING,
        given_by_kind=ConsentGiver.PARENT,
        given_by_name="Ramesh Sahu",
        method=ConsentMethod.WRITTEN,
        given_at=timezone.now(),
        recorded_by=official,
    )


def withdraw(report, official):
    services.withdraw_consent(
        report=report,
        purpose=ConsentPurpose.FACE_MATCHING,
        withdrawn_by=official,
        note="Mother asked at the station",
    )


def test_faces_are_matched_without_any_consent_record(priya):
    assert FaceEncoding.objects.filter(report=priya).count() == 1
    assert OpenFace.objects.filter(report_id=priya.pk, open=True).exists()


def test_a_withdrawal_deletes_the_childs_faces_at_once_and_no_photo_is_encoded_again(
    priya, officer
):
    give(priya, officer)
    withdraw(priya, officer)

    assert not FaceEncoding.objects.filter(report=priya).exists()
    # Closed for every search, and for the workers' copies the next time they look.
    assert not OpenFace.objects.filter(report_id=priya.pk, open=True).exists()
    tasks.process_report(priya.pk)
    assert not FaceEncoding.objects.filter(report=priya).exists()


def test_consent_given_again_brings_the_faces_back(priya, officer):
    give(priya, officer)
    withdraw(priya, officer)

    give(priya, officer)
    tasks.process_report(priya.pk)

    assert FaceEncoding.objects.filter(report=priya).count() == 1
    assert OpenFace.objects.filter(report_id=priya.pk, open=True).exists()
