"""Two administrators edit one unit's directory entry in admin: the second save never erases the
first one's change; the second is shown it and keeps what they typed."""

import pytest
from django.test import Client

from apps.accounts.models import Role
from apps.core.tests.loaded_forms import admin_change_data, loaded_state
from apps.directory.models import Unit, UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def capital_ps(make_unit, khordha):
    return make_unit(UnitType.POLICE_STATION, district=khordha, phone="0674-2390100")


def _admin(official) -> Client:
    client = Client()
    sign_in_verified(client, official)
    return client


def test_the_second_administrators_save_is_refused_and_keeps_what_was_typed(
    capital_ps, national_admin, make_official, ministry
):
    other_admin = make_official(
        "ministry_admin_2", Role.NATIONAL_ADMIN, unit=ministry, is_staff=True, is_superuser=True
    )
    first, second = _admin(national_admin), _admin(other_admin)
    change_url = f"/admin/directory/unit/{capital_ps.pk}/change/"
    first_data = admin_change_data(first.get(change_url))
    second_data = admin_change_data(second.get(change_url))

    saved = first.post(change_url, {**first_data, "phone": "0674-2390999"})
    refused = second.post(change_url, {**second_data, "address": "Unit 2, Bhubaneswar"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "someone else saved this record after you opened the form" in refused.text
    assert "now “0674-2390999”, when you opened the form “0674-2390100”" in refused.text
    assert "Unit 2, Bhubaneswar" in refused.text
    capital_ps.refresh_from_db()
    assert (capital_ps.phone, capital_ps.address) == ("0674-2390999", "")

    again = second.post(
        change_url,
        {**second_data, "phone": "0674-2390999", "address": "Unit 2, Bhubaneswar"}
        | loaded_state(refused),
    )

    assert again.status_code == 302
    capital_ps.refresh_from_db()
    assert (capital_ps.phone, capital_ps.address) == ("0674-2390999", "Unit 2, Bhubaneswar")


def test_a_change_made_outside_admin_also_makes_the_open_page_stale(
    client, capital_ps, national_admin
):
    sign_in_verified(client, national_admin)
    change_url = f"/admin/directory/unit/{capital_ps.pk}/change/"
    data = admin_change_data(client.get(change_url))
    Unit.objects.get(pk=capital_ps.pk).save()  # a directory load touching the unit

    response = client.post(change_url, {**data, "address": "Unit 2, Bhubaneswar"})

    assert "someone else saved this record after you opened the form" in response.text
    assert Unit.objects.get(pk=capital_ps.pk).address == ""


def test_the_change_page_carries_its_version_once(client, capital_ps, national_admin):
    sign_in_verified(client, national_admin)

    page = client.get(f"/admin/directory/unit/{capital_ps.pk}/change/")

    assert page.text.count('name="loaded_version"') == 1
