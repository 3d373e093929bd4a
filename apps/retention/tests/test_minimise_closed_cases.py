"""Five years after a case is closed (the child restored, or the case closed), its photos and
face encodings, the family's phones, the complainant's mobile and the addresses are removed;
the skeleton of the case stays for statistics and the duty to account for each child. Open
cases and recently closed ones keep everything."""

from datetime import timedelta

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from apps.citizens.models import CitizenReport
from apps.core.images import clean_photo
from apps.matching.models import FaceEncoding
from apps.reports.models import Report, ReportPhoto
from apps.reports.tests.fixtures import photo_upload
from apps.retention import rules, services

# What the officer typed for Priya's family, among the fields the rule blanks.
FAMILY_DETAILS = ("father_phone", "complainant_mobile", "permanent_locality", "permanent_pin_code")


@pytest.fixture
def case(officer, file_missing):
    """Priya's missing report with a photo and its face, in `status` since `years` ago."""

    filed = iter(range(100, 200))

    def make(*, status: str, years: float) -> Report:
        report = file_missing(
            officer,
            fir_number=f"{next(filed)}/2026",
            photos=[("photo.jpg", clean_photo(photo_upload().read()))],
            complainant_mobile="9861055555",
            complainant_language="hi",
        )
        photo = report.photos.get()
        FaceEncoding.objects.create(photo=photo, report=report, status="ok", encoding=[0.1] * 128)
        Report.objects.filter(pk=report.pk).update(
            status=status, updated_at=timezone.now() - timedelta(days=365 * years)
        )
        return Report.objects.get(pk=report.pk)

    return make


def test_a_case_closed_long_ago_keeps_only_its_skeleton(
    settings, case, complaint, django_capture_on_commit_callbacks
):
    settings.RETENTION_CLOSED_CASE_YEARS = 5
    restored = case(status="restored", years=6)
    photo = restored.photos.get()
    storage, files = photo.image.storage, [photo.image.name, photo.thumbnail.name]
    sent = complaint(days=6 * 365, verified=True)
    CitizenReport.objects.filter(pk=sent.pk).update(report=restored, ip_address="10.1.2.3")
    files += [sent.photo.name, sent.thumbnail.name]
    assert all(getattr(restored, name) for name in FAMILY_DETAILS)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.apply_retention(started_by="test")

    restored.refresh_from_db()
    assert not ReportPhoto.objects.filter(report=restored).exists()
    assert not FaceEncoding.objects.filter(report=restored).exists()
    assert not any(storage.exists(name) for name in files)
    assert (restored.photo_count, restored.cover_photo) == (0, None)
    for field in services.MINIMISED_FIELDS:
        assert getattr(restored, field) == "", field
    # The skeleton: who, where, when and how it ended.
    assert restored.full_name == "Priya Sahu"
    assert restored.status == "restored"
    assert restored.permanent_district_id is not None
    assert restored.event_district_id is not None
    # Nor does the change history keep the phones and addresses.
    assert not restored.history.exclude(father_phone="").exists()
    assert not restored.history.exclude(permanent_locality="").exists()
    # And the citizen's complaint it came from keeps no photo, mobile or address either.
    sent.refresh_from_db()
    assert (sent.photo.name, sent.reporter_mobile, sent.ip_address) == ("", "", None)
    assert sent.reporter_name == "Anil Das"
    assert run.outcomes.get(rule=rules.CLOSED_CASES).removed == 1


def test_open_and_recently_closed_cases_keep_everything(settings, case):
    settings.RETENTION_CLOSED_CASE_YEARS = 5
    still_open = case(status="open", years=8)
    recently_closed = case(status="closed", years=4)

    services.apply_retention(started_by="test")

    for report in (still_open, recently_closed):
        report.refresh_from_db()
        assert (report.photos.count(), report.faces.count()) == (1, 1)
        assert all(getattr(report, name) for name in FAMILY_DETAILS)


def test_a_form_opened_before_minimisation_cannot_save_the_contacts_back(settings, case):
    settings.RETENTION_CLOSED_CASE_YEARS = 5
    closed = case(status="closed", years=6)

    services.apply_retention(started_by="test")

    assert Report.objects.get(pk=closed.pk).version == closed.version + 1


def test_a_minimised_case_is_not_counted_again(settings, case):
    settings.RETENTION_CLOSED_CASE_YEARS = 5
    closed = case(status="closed", years=6)
    services.apply_retention(started_by="test")

    rerun = services.apply_retention(started_by="test")

    assert rerun.outcomes.get(rule=rules.CLOSED_CASES).removed == 0
    with pytest.raises(ObjectDoesNotExist):
        ReportPhoto.objects.get(report=closed)
