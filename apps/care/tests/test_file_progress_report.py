"""The home files Munna's quarterly progress report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.care.models import ProgressReport
from apps.care.tests.fixtures import care_records, refused_everything

pytestmark = pytest.mark.django_db


def progress_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "period_start": (today - timedelta(days=90)).isoformat(),
        "period_end": today.isoformat(),
        "health": "Gained 2 kg",
        "education": "Reads Hindi fluently",
        "behaviour": "Settled, makes friends",
        "skills": "",
        "family_contact": "Spoke to his uncle twice",
        "counselling": "Nightmares less frequent",
        "notes": "",
    }
    return data | overrides


def test_the_home_files_a_progress_report_that_shows_who_and_when(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/add/progress/", progress_data())

    assert response.status_code == 302
    progress = ProgressReport.objects.get()
    assert (progress.written_by, progress.health) == (home_staff, "Gained 2 kg")
    page = client.get(f"/care/{munna_in_care.pk}/").content.decode()
    assert "Nightmares less frequent" in page
    assert str(home_staff) in page


def test_a_period_that_ends_before_it_starts_or_in_the_future_is_refused(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)
    today = timezone.localdate()

    backwards = client.post(
        f"/care/{munna_in_care.pk}/add/progress/",
        progress_data(
            period_start=today.isoformat(), period_end=(today - timedelta(days=5)).isoformat()
        ),
    )
    future = client.post(
        f"/care/{munna_in_care.pk}/add/progress/",
        progress_data(period_end=(today + timedelta(days=5)).isoformat()),
    )

    assert backwards.context["form"].errors["period_end"] == [
        "The period must end after it starts."
    ]
    assert future.context["form"].errors["period_end"] == ["This date is in the future."]
    assert "Nothing is saved yet" in future.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_dcpu_may_file_one_too_but_the_cwc_and_police_may_not(
    client, dcpu_officer, cwc_member, officer, munna_in_care
):
    from conftest import sign_in_verified

    for refused in (cwc_member, officer):
        client.force_login(refused)
        response = client.post(f"/care/{munna_in_care.pk}/add/progress/", progress_data())
        assert response.status_code == 403

    sign_in_verified(client, dcpu_officer)
    response = client.post(f"/care/{munna_in_care.pk}/add/progress/", progress_data())
    assert response.status_code == 302
    assert ProgressReport.objects.get().written_by == dcpu_officer


@pytest.mark.refused_side("care:add_entry", "another_unit", "another_district", "another_state")
def test_other_institutions_cannot_file_his_progress(client, outsiders, munna_in_care):
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        url = f"/care/{munna_in_care.pk}/add/progress/"
        assert refused_everything(client, url, progress_data()), outsider
    assert care_records() == before
