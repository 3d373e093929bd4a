"""Only national administrators reach Django admin, and none can raise their own powers there."""

import pytest

from apps.accounts.models import Role
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_police_officer_cannot_open_admin(client, make_official, make_unit, khordha):
    officer = make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))
    client.force_login(officer)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.get("/admin/accounts/user/").status_code == 302


def test_national_administrator_must_pass_two_factor_before_admin(client, national_admin):
    client.force_login(national_admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/two-factor/setup/")


def test_national_administrator_creates_an_official_with_unit_and_roles(
    client, national_admin, make_unit, khordha
):
    station = make_unit(district=khordha, name="Capital PS")
    sign_in_verified(client, national_admin)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new_si",
            "password1": "Monsoon-Ferry-2047",
            "password2": "Monsoon-Ferry-2047",
            "usable_password": "true",
            "first_name": "Bikash",
            "last_name": "Nayak",
            "email": "bikash@example.gov.in",
            "unit": station.pk,
            "roles": [Role.POLICE_OFFICER],
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    from apps.accounts.models import User

    created = User.objects.get(username="new_si")
    assert created.unit == station
    assert created.roles == [Role.POLICE_OFFICER]


def test_administrator_cannot_change_their_own_roles_or_unit(client, national_admin):
    sign_in_verified(client, national_admin)

    response = client.get(f"/admin/accounts/user/{national_admin.pk}/change/")

    form = response.context["adminform"].form
    assert "roles" not in form.fields
    assert "unit" not in form.fields
    assert "is_superuser" not in form.fields


def test_role_must_fit_the_unit(client, national_admin, make_unit, khordha):
    station = make_unit(district=khordha, name="Capital PS")
    sign_in_verified(client, national_admin)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "wrong_level",
            "password1": "Monsoon-Ferry-2047",
            "password2": "Monsoon-Ferry-2047",
            "usable_password": "true",
            "unit": station.pk,
            "roles": [Role.NATIONAL_ADMIN],
        },
    )

    assert response.status_code == 200
    assert "A national administrator belongs to a national unit." in response.content.decode()
