"""An official's details are changed by an administrator while the official has their profile
open: the official's save does not erase the administrator's change."""

import pytest
from django.test import Client

from apps.accounts.models import Role, User
from apps.core.tests.loaded_forms import admin_change_data, conflict_rows, loaded_state
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Lipika",
    "last_name": "Pattnaik",
    "mobile": "94370 12345",
    "email": "lipika@example.gov.in",
    "alert_channels": "none",
}


@pytest.fixture
def lipika(make_official, make_unit, khordha):
    return make_official(
        "lipika",
        Role.CCI_STAFF,
        unit=make_unit(UnitType.CHILDRENS_HOME, district=khordha),
        designation="Case worker",
    )


def test_the_officials_save_is_refused_with_the_administrators_change_and_keeps_what_was_typed(
    client, lipika, national_admin
):
    client.force_login(lipika)
    loaded = loaded_state(client.get("/accounts/profile/"))
    lipika.designation = "Superintendent"
    lipika.save()  # the administrator's change, made meanwhile

    refused = client.post("/accounts/profile/", {**PROFILE, "designation": "Case worker", **loaded})

    assert refused.status_code == 409
    assert conflict_rows(refused) == [("Designation", "Superintendent", "Case worker")]
    assert 'value="94370 12345"' in refused.text
    lipika.refresh_from_db()
    assert (lipika.designation, lipika.mobile) == ("Superintendent", "")

    again = client.post(
        "/accounts/profile/",
        {**PROFILE, "designation": "Superintendent", **loaded_state(refused)},
    )

    assert again.status_code == 302
    lipika.refresh_from_db()
    assert (lipika.designation, lipika.mobile) == ("Superintendent", "94370 12345")


def test_signing_in_elsewhere_does_not_make_the_open_profile_stale(client, lipika):
    client.force_login(lipika)
    loaded = loaded_state(client.get("/accounts/profile/"))
    Client().force_login(User.objects.get(pk=lipika.pk))

    response = client.post("/accounts/profile/", {**PROFILE, **loaded})

    assert response.status_code == 302


def test_the_administrators_save_in_admin_is_refused_after_the_officials_own_change(
    client, lipika, national_admin
):
    sign_in_verified(client, national_admin)
    change_url = f"/admin/accounts/user/{lipika.pk}/change/"
    page = client.get(change_url)
    assert page.status_code == 200
    data = admin_change_data(page)
    lipika.designation = "Superintendent"
    lipika.save()  # the official's own change, made meanwhile

    refused = client.post(change_url, {**data, "designation": "Warden"})

    assert refused.status_code == 200
    assert "someone else saved this record after you opened the form" in refused.text
    assert "Superintendent" in refused.text
    lipika.refresh_from_db()
    assert lipika.designation == "Superintendent"

    again = client.post(
        change_url,
        {**data, "designation": "Warden", **loaded_state(refused)},
    )

    assert again.status_code == 302
    lipika.refresh_from_db()
    assert lipika.designation == "Warden"
