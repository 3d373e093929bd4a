"""Munna runs away from the home: one action files a missing report for the local police station,
prefilled from his record, and he is matched at once when found in Patna."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.care import services
from apps.care.tests.fixtures import care_records, refused_everything
from apps.matching.models import MatchCandidate
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input, photo_upload

pytestmark = pytest.mark.django_db


def runaway_data(station, **overrides) -> dict:
    data = {
        "ran_away_at": local_input(timezone.now() - timedelta(hours=6)),
        "police_station": station.pk,
        "details": "Left during the evening prayer; wearing a red T-shirt",
    }
    return data | overrides


@pytest.fixture
def munna_with_photo(file_found, cwc_member, home_staff, khordha_cwc):
    from apps.care.models import ChildInCare
    from apps.care.services import admit_child

    found = file_found(
        cwc_member,
        photos=[("munna.jpg", _clean(photo_upload()))],
        event_at=local_input(timezone.now() - timedelta(days=400)),
        age_min="9",
        age_max="10",
    )
    child = ChildInCare(
        report=found, category="cncp", route="found_report", arrived_at=timezone.now()
    )
    return admit_child(child=child, admitted_by=home_staff)


def _clean(upload):
    from apps.core.images import clean_photo

    return clean_photo(upload.read())


def test_running_away_opens_a_prefilled_missing_report_for_the_police_station(
    client, home_staff, munna_with_photo, capital_ps, django_capture_on_commit_callbacks
):
    client.force_login(home_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/care/{munna_with_photo.pk}/ran-away/", runaway_data(capital_ps))

    assert response.status_code == 302
    munna_with_photo.refresh_from_db()
    missing = munna_with_photo.missing_report
    assert munna_with_photo.status == "absconded"
    assert (missing.kind, missing.owning_unit, missing.created_by) == (
        "missing",
        capital_ps,
        home_staff,
    )
    found = munna_with_photo.report
    assert (missing.full_name, missing.sex, missing.identification_marks) == (
        found.full_name,
        found.sex,
        found.identification_marks,
    )
    assert (missing.age_min, missing.age_max) == (10, 11)  # a year older than when found
    assert missing.photos.count() == 1
    assert missing.name_keys
    assert missing.event_district == munna_with_photo.institution.district
    assert missing.circumstances == "ran_away"
    assert "red T-shirt" in missing.circumstances_detail
    found.refresh_from_db()
    assert (found.status, found.closure_reason) == ("closed", "ran_away_from_care")


def test_the_runaway_is_matched_when_found_again(
    client,
    home_staff,
    munna_in_care,
    capital_ps,
    file_found,
    make_official,
    make_unit,
    bihar,
    patna,
    django_capture_on_commit_callbacks,
):
    patna_cwc = make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))
    found_again = file_found(
        patna_cwc,
        event_state=bihar.pk,
        event_district=patna.pk,
        event_locality="Patna Junction",
        event_at=local_input(timezone.now() - timedelta(hours=1)),
        placement="not_placed",
        placed_at="",
    )
    client.force_login(home_staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/care/{munna_in_care.pk}/ran-away/", runaway_data(capital_ps))

    munna_in_care.refresh_from_db()
    pair = MatchCandidate.objects.get(kind="match")
    assert (pair.missing, pair.other) == (munna_in_care.missing_report, found_again)


def test_the_station_must_be_one_of_the_district(
    client, home_staff, munna_in_care, kotwali_ps, capital_ps
):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/ran-away/", runaway_data(kotwali_ps))

    assert "police_station" in response.context["form"].errors
    assert not Report.objects.filter(kind="missing").exists()


def test_police_and_other_homes_cannot_record_it(
    client, officer, other_home_staff, munna_in_care, capital_ps
):
    for refused in (officer, other_home_staff):
        client.force_login(refused)
        response = client.post(f"/care/{munna_in_care.pk}/ran-away/", runaway_data(capital_ps))
        assert response.status_code == 403
    assert not Report.objects.filter(kind="missing").exists()


@pytest.mark.refused_side("care:runaway", "another_unit", "another_district", "another_state")
def test_other_institutions_cannot_report_him_run_away(
    client, outsiders, munna_in_care, capital_ps, kotwali_ps
):
    """The attack of issue 14: a home in Patna recorded an Odisha child as run away, which
    closed his found report and copied his family's phones into a Patna station's report."""
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        for station in (capital_ps, kotwali_ps):
            url = f"/care/{munna_in_care.pk}/ran-away/"
            assert refused_everything(client, url, runaway_data(station)), outsider
    assert care_records() == before


def test_the_service_itself_keeps_the_report_in_the_childs_district(
    home_staff, patna_home_staff, munna_in_care, capital_ps, kotwali_ps
):
    def run_away(recorded_by, station):
        services.record_running_away(
            child=munna_in_care,
            recorded_by=recorded_by,
            ran_away_at=timezone.now(),
            police_station=station,
            details="",
        )

    with pytest.raises(PermissionDenied):
        run_away(patna_home_staff, kotwali_ps)
    with pytest.raises(ValidationError):
        run_away(home_staff, kotwali_ps)
    assert not Report.objects.filter(kind="missing").exists()
