"""A visitor to Khoya-Paya chooses their language once and keeps it; once they say which
State/UT it happened in, that State's languages are offered first."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

from apps.directory.models import State

pytestmark = pytest.mark.django_db

WITH_TAMIL_AND_ODIA = [*settings.LANGUAGES, ("ta", "Tamil"), ("or", "Odia")]


def offered(page: str) -> list[str]:
    return re.findall(r'<option value="([a-z]+)" lang="', page)


@pytest.fixture
def tamil_nadu(db):
    return State.objects.create(lgd_code=33, name_en="Tamil Nadu", kind="S")


@override_settings(LANGUAGES=WITH_TAMIL_AND_ODIA)
def test_a_mother_in_tamil_nadu_is_offered_tamil_first(client, tamil_nadu):
    page = client.get(f"/khoya-paya/report/missing/?state={tamil_nadu.pk}").content.decode()

    assert offered(page) == ["ta", "hi", "en", "bn", "or"]
    assert "Languages of this State/UT" in page
    assert 'lang="ta">தமிழ்</option>' in page


@override_settings(LANGUAGES=WITH_TAMIL_AND_ODIA)
def test_a_father_in_odisha_is_offered_odia_first(client, odisha):
    page = client.get(f"/khoya-paya/report/missing/?state={odisha.pk}").content.decode()

    assert offered(page)[:3] == ["or", "sat", "hi"]  # Odisha: Odia, Santali, Hindi
    assert 'lang="or">ଓଡ଼ିଆ</option>' in page


@override_settings(LANGUAGES=WITH_TAMIL_AND_ODIA)
def test_before_choosing_a_state_every_language_is_offered_in_one_list(client, tamil_nadu):
    for path in ("/khoya-paya/", "/khoya-paya/report/missing/?state=nonsense"):
        page = client.get(path).content.decode()

        assert offered(page) == ["en", "hi", "bn", "ta", "or"]
        assert "Languages of this State/UT" not in page


@override_settings(LANGUAGES=WITH_TAMIL_AND_ODIA)
def test_the_visitors_choice_is_remembered_on_the_next_pages(client, tamil_nadu):
    client.post("/i18n/setlang/", {"language": "ta", "next": "/khoya-paya/"})

    for path in ("/khoya-paya/", "/khoya-paya/track/"):
        page = client.get(path).content.decode()
        assert '<html lang="ta" dir="ltr">' in page
        assert re.search(r'<option value="ta" lang="ta" selected>', page)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ta"
