"""An official chooses their language once; each time they sign in, the portal reads in it.
They choose only among the languages in which the whole portal reads."""

import pytest
from django.conf import settings
from django.test import override_settings

from apps.accounts.models import Role
from conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

WITH_SANTALI = [*settings.LANGUAGES, ("sat", "Santali")]


@pytest.fixture
def police_officer(make_official, make_unit, khordha):
    return make_official("si_nayak", Role.POLICE_OFFICER, unit=make_unit(district=khordha))


def sign_in(client):
    return client.post(
        "/accounts/login/", {"username": "si_nayak", "password": STRONG_PASSWORD}, follow=True
    )


def test_bengali_speaking_officer_signs_in_and_reads_the_portal_in_bengali(client, police_officer):
    police_officer.preferred_language = "bn"
    police_officer.save()

    response = sign_in(client)

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "bn"
    assert '<html lang="bn" dir="ltr">' in response.content.decode()


def test_officer_who_chose_no_language_keeps_the_one_of_the_browser(client, police_officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"

    response = sign_in(client)

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hi"
    assert '<html lang="hi" dir="ltr">' in response.content.decode()


def test_choosing_a_language_on_the_profile_switches_the_portal_at_once(client, police_officer):
    client.force_login(police_officer)

    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Sunil",
            "preferred_language": "hi",
            "alert_channels": "none",
            "loaded_version": 1,
        },
        follow=True,
    )

    police_officer.refresh_from_db()
    assert police_officer.preferred_language == "hi"
    assert '<html lang="hi" dir="ltr">' in response.content.decode()


@override_settings(LANGUAGES=WITH_SANTALI)
def test_a_language_offered_only_on_public_pages_cannot_be_an_officials_language(
    client, police_officer
):
    client.force_login(police_officer)

    offered = dict(
        client.get("/accounts/profile/").context["form"].fields["preferred_language"].choices
    )
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Sunil",
            "preferred_language": "sat",
            "alert_channels": "none",
            "loaded_version": 1,
        },
    )

    assert "sat" not in offered
    assert "bn" in offered
    assert response.status_code == 200
    assert "preferred_language" in response.context["form"].errors
    police_officer.refresh_from_db()
    assert police_officer.preferred_language == ""


@override_settings(LANGUAGES=WITH_SANTALI)
def test_the_portals_language_menu_offers_only_languages_of_every_page(client, police_officer):
    client.force_login(police_officer)

    page = client.get("/accounts/profile/").content.decode()
    khoya_paya = client.get("/khoya-paya/").content.decode()

    assert 'value="sat" lang="sat"' not in page
    assert 'value="bn" lang="bn"' in page
    assert 'value="sat" lang="sat"' in khoya_paya
