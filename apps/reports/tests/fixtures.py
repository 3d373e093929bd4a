"""Police stations and officials in Odisha and Bihar, and the pieces of a report form."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.accounts.models import Role
from apps.directory.models import UnitType
from apps.reports import services
from apps.reports.forms import FoundReportForm, MissingReportForm
from apps.reports.models import Report


@pytest.fixture
def capital_ps(make_unit, khordha):
    return make_unit(
        UnitType.POLICE_STATION, district=khordha, name="Capital PS", phone="0674-2390100"
    )


@pytest.fixture
def kotwali_ps(make_unit, patna):
    return make_unit(UnitType.POLICE_STATION, district=patna, name="Kotwali PS")


@pytest.fixture
def officer(make_official, capital_ps):
    return make_official("si_capital", Role.POLICE_OFFICER, unit=capital_ps)


@pytest.fixture
def patna_officer(make_official, kotwali_ps):
    return make_official("si_kotwali", Role.POLICE_OFFICER, unit=kotwali_ps)


@pytest.fixture
def cwc_member(make_official, make_unit, khordha):
    cwc = make_unit(UnitType.CWC, district=khordha, name="CWC Khordha")
    return make_official("cwc_khordha", Role.CWC_MEMBER, unit=cwc)


@pytest.fixture
def childrens_home(make_unit, khordha):
    return make_unit(UnitType.CHILDRENS_HOME, district=khordha, name="Children's Home Bhubaneswar")


def photo_upload(
    name="child.jpg", *, colour="orange", size=(320, 400), image_format="JPEG", exif=None
):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


BURN_SCAR = {"kind": "scar", "body_part": "hand", "side": "right", "description": "burn scar"}


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def missing_report_data(odisha, khordha, *, now=None, **overrides) -> dict:
    """What an officer types for Priya Sahu, missing from Bhubaneswar since yesterday. Forms
    typed at one moment pass that `now`, so a minute passing between them changes no field."""
    now = now or timezone.now()
    data = {
        "registration_kind": "fir",
        "fir_number": "112/2026",
        "fir_registered_at": local_input(now - timedelta(hours=2)),
        "investigating_officer": "SI Bikash Nayak",
        "investigating_officer_phone": "94370 12345",
        "full_name": "Priya Sahu",
        "other_names": "Pinki",
        "name_local": "ପ୍ରିୟା ସାହୁ",
        "sex": "F",
        "age": "11",
        "height_cm": "135",
        "build": "thin",
        "identification_marks": "Mole on left cheek",
        "languages": ["or", "hi"],
        "mother_tongue": "or",
        "clothing": "Blue school uniform",
        "father_name": "Ramesh Sahu",
        "father_phone": "98610 55555",
        "mother_name": "Sabita Sahu",
        "permanent_state": odisha.pk,
        "permanent_district": khordha.pk,
        "permanent_locality": "Old Town, Bhubaneswar",
        "permanent_pin_code": "751002",
        "event_at": local_input(now - timedelta(days=1)),
        "event_state": odisha.pk,
        "event_district": khordha.pk,
        "event_locality": "Bhubaneswar railway station",
        "circumstances": "lost_in_crowd",
        "publication_consent": "on",
        "marks-TOTAL_FORMS": "2",
        "marks-INITIAL_FORMS": "0",
        "marks-MIN_NUM_FORMS": "0",
        "marks-MAX_NUM_FORMS": "10",
        "marks-0-kind": "scar",
        "marks-0-body_part": "hand",
        "marks-0-side": "right",
        "marks-0-description": "burn scar",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def found_report_data(odisha, khordha, home, **overrides) -> dict:
    """What a CWC member types for Munna, found on a railway platform this morning."""
    data = {
        "event_at": local_input(timezone.now() - timedelta(hours=5)),
        "event_state": odisha.pk,
        "event_district": khordha.pk,
        "event_locality": "Bhubaneswar railway station",
        "event_landmark": "Platform 3",
        "found_by": "railway",
        "full_name": "Munna",
        "told_parent_names": "Papa: Suresh",
        "told_home_place": "near a big temple",
        "told_language": "hi",
        "sex": "M",
        "age_min": "8",
        "age_max": "10",
        "identification_marks": "Scar on forehead",
        "placement": "cci",
        "placed_at": home.pk,
        "cwc_order_reference": "CWC/KHD/2026/311",
        "marks-TOTAL_FORMS": "0",
        "marks-INITIAL_FORMS": "0",
        "marks-MIN_NUM_FORMS": "0",
        "marks-MAX_NUM_FORMS": "10",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def file_missing(odisha, khordha):
    """File a missing report through the service, as the form would, for tests about later steps."""

    def file(official, *, photos=(), marks=(BURN_SCAR,), **overrides):
        data = missing_report_data(odisha, khordha, **overrides)
        form = MissingReportForm(data, instance=Report(kind="missing"), official=official)
        assert form.is_valid(), form.errors
        return services.file_report(
            report=form.instance, filed_by=official, marks=list(marks), photos=list(photos)
        )

    return file


@pytest.fixture
def file_found(odisha, khordha, childrens_home):
    """File a found report through the form and service, as a CWC member would."""

    def file(official, *, photos=(), **overrides):
        data = found_report_data(odisha, khordha, childrens_home, **overrides)
        form = FoundReportForm(data, instance=Report(kind="found"), official=official)
        assert form.is_valid(), form.errors
        return services.file_report(
            report=form.instance, filed_by=official, marks=[], photos=list(photos)
        )

    return file


@pytest.fixture
def confirm_match(client):
    """The missing child's station confirms that `missing` and `found` are the same child, as
    on the matching pages: both reports become "Matched". `decider` is an official who may
    decide for the missing report (its station, unless told)."""
    from apps.matching.models import MatchCandidate

    def confirm(missing, found, *, decider):
        # Proposed by the engine already when background work runs at commit (transaction
        # tests), else proposed here.
        candidate, _ = MatchCandidate.objects.update_or_create(
            missing=missing,
            other=found,
            defaults={"kind": "match", "status": "proposed"},
            create_defaults={"kind": "match", "score": 90.0, "fingerprint": "test"},
        )
        client.force_login(decider)
        assert client.post(f"/matches/{candidate.pk}/confirm/").status_code == 302
        client.logout()
        missing.refresh_from_db()
        found.refresh_from_db()
        assert (missing.status, found.status) == ("matched", "matched")
        return candidate

    return confirm
