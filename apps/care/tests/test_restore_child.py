"""The CWC orders Munna restored to his father; the home records it and the DCPU visits later."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.care import services
from apps.care.models import CareOrder, FollowUpVisit
from apps.care.tests.fixtures import care_records, refused_everything
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def restoration_data(**overrides) -> dict:
    today = timezone.localdate().isoformat()
    data = {
        "restored_on": today,
        "order_number": "CWC/KHD/2026/402",
        "order_date": today,
        "restored_to": "Suresh Kumar, father",
        "note": "Father came with Aadhaar and school certificate",
    }
    return data | overrides


def test_restoration_ends_the_stay_and_marks_the_found_report_restored(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data())

    assert response.status_code == 302
    munna_in_care.refresh_from_db()
    assert (munna_in_care.status, munna_in_care.left_on) == ("restored", timezone.localdate())
    order = CareOrder.objects.get()
    assert (order.kind, order.number, order.deciding_body) == (
        "restoration",
        "CWC/KHD/2026/402",
        munna_in_care.deciding_body,
    )
    assert munna_in_care.report.status == "restored"
    assert client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data()).status_code == 403


def test_the_dcpu_records_follow_up_visits_after_restoration(
    client, home_staff, dcpu_officer, munna_in_care
):
    client.force_login(home_staff)
    visit = {
        "visited_on": timezone.localdate().isoformat(),
        "wellbeing": "well",
        "notes": "In school",
    }
    assert client.post(f"/care/{munna_in_care.pk}/add/follow-up/", visit).status_code == 403
    client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data())

    sign_in_verified(client, dcpu_officer)
    response = client.post(f"/care/{munna_in_care.pk}/add/follow-up/", visit)

    assert response.status_code == 302
    assert FollowUpVisit.objects.get().written_by == dcpu_officer
    assert "In school" in client.get(f"/care/{munna_in_care.pk}/").content.decode()


def test_a_restoration_without_an_order_is_refused(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data(order_number=""))

    assert "order_number" in response.context["form"].errors
    munna_in_care.refresh_from_db()
    assert munna_in_care.status == "in_care"


def test_another_home_cannot_restore_the_child(client, other_home_staff, munna_in_care):
    client.force_login(other_home_staff)

    assert client.post(f"/care/{munna_in_care.pk}/restore/", restoration_data()).status_code == 403


@pytest.mark.refused_side("care:restore", "another_unit", "another_district", "another_state")
def test_other_institutions_cannot_restore_the_child(client, outsiders, munna_in_care):
    """Restoring closes the found report: another home must not be able to end his search."""
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        url = f"/care/{munna_in_care.pk}/restore/"
        assert refused_everything(client, url, restoration_data()), outsider
    assert care_records() == before


def test_the_service_itself_refuses_a_restoration_by_another_institution(
    patna_home_staff, munna_in_care
):
    order = CareOrder(number="X/1", order_date=timezone.localdate(), details="a stranger")

    with pytest.raises(PermissionDenied):
        services.restore_to_family(
            child=munna_in_care,
            restored_by=patna_home_staff,
            order=order,
            restored_on=timezone.localdate(),
            note="",
        )
    munna_in_care.report.refresh_from_db()
    assert munna_in_care.report.status == "open"
