"""Munna turns 18 and leaves the home for an aftercare hostel."""

import pytest
from django.utils import timezone

from apps.care.tests.fixtures import care_records, refused_everything

pytestmark = pytest.mark.django_db


def leaving_data(**overrides) -> dict:
    data = {
        "left_on": timezone.localdate().isoformat(),
        "reason": "aged_out",
        "note": "",
        "aftercare": "on",
        "aftercare_details": "Aftercare hostel, ITI electrician course",
    }
    return data | overrides


def test_leaving_care_at_18_with_aftercare(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/leave/", leaving_data())

    assert response.status_code == 302
    munna_in_care.refresh_from_db()
    assert (munna_in_care.status, munna_in_care.leaving_reason, munna_in_care.aftercare) == (
        "left_care",
        "aged_out",
        True,
    )
    assert (munna_in_care.report.status, munna_in_care.report.closure_reason) == (
        "closed",
        "left_care",
    )
    assert "ITI electrician course" in client.get(f"/care/{munna_in_care.pk}/").content.decode()


def test_aftercare_needs_its_arrangements(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/leave/", leaving_data(aftercare_details=""))

    assert response.context["form"].errors["aftercare_details"] == [
        "Describe the aftercare arrangements."
    ]
    munna_in_care.refresh_from_db()
    assert munna_in_care.status == "in_care"


def test_the_police_cannot_record_it(client, officer, munna_in_care):
    client.force_login(officer)

    assert client.post(f"/care/{munna_in_care.pk}/leave/", leaving_data()).status_code == 403


@pytest.mark.refused_side("care:leave", "another_unit", "another_district", "another_state")
def test_other_institutions_cannot_record_leaving_care(client, outsiders, munna_in_care):
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        url = f"/care/{munna_in_care.pk}/leave/"
        assert refused_everything(client, url, leaving_data()), outsider
    assert care_records() == before
