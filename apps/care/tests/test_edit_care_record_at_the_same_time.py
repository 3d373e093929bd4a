"""A child's care record is corrected in admin while the home records the child leaving care:
the correction, saved from a page loaded before, never puts the child back "in care"."""

import pytest
from django.utils import timezone

from apps.care import services
from apps.care.models import ChildInCare
from apps.core.tests.loaded_forms import admin_change_data, loaded_state
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_admin_correction_is_refused_after_the_home_records_the_leaving(
    client, national_admin, home_staff, munna_in_care
):
    sign_in_verified(client, national_admin)
    change_url = f"/admin/care/childincare/{munna_in_care.pk}/change/"
    data = admin_change_data(client.get(change_url))
    services.leave_care(
        child=ChildInCare.objects.get(pk=munna_in_care.pk),
        recorded_by=home_staff,
        left_on=timezone.localdate(),
        reason="released",
        note="Released to the family by CWC order",
        aftercare=False,
        aftercare_details="",
    )

    refused = client.post(change_url, {**data, "order_number": "CWC/KHD/2026/312"})

    assert "someone else saved this record after you opened the form" in refused.text
    assert "now “Left care”, when you opened the form “In care”" in refused.text
    assert 'value="CWC/KHD/2026/312"' in refused.text
    munna_in_care.refresh_from_db()
    assert (munna_in_care.status, munna_in_care.order_number) == ("left_care", "CWC/KHD/2026/311")

    again = client.post(
        change_url,
        {
            **admin_change_data(client.get(change_url)),
            "order_number": "CWC/KHD/2026/312",
            **loaded_state(refused),
        },
    )

    assert again.status_code == 302
    munna_in_care.refresh_from_db()
    assert (munna_in_care.status, munna_in_care.order_number) == ("left_care", "CWC/KHD/2026/312")
    assert munna_in_care.history.first().order_number == "CWC/KHD/2026/312"
