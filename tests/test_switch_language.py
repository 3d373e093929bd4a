"""A visitor switches the portal to Hindi or Bengali and reads it in that language."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def translated(text, language):
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


@pytest.mark.parametrize("language", ["hi", "bn"])
def test_visitor_switches_language_and_the_page_follows(client, language):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/directory/"})
    assert response.status_code == 302

    page = client.get("/directory/").content.decode()

    assert f'<html lang="{language}" dir="ltr">' in page
    assert translated("Directory of police, child protection and care units", language) in page


def test_state_names_follow_the_language(client, bihar):
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})
    assert "बिहार" in client.get("/directory/states/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "बिहार" not in client.get("/directory/states/").content.decode()


def test_browser_language_is_honoured_on_first_visit(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="bn").content.decode()
    assert translated("For officials", "bn") in page


def test_dates_are_shown_day_first_in_every_language():
    import datetime

    from django.utils.formats import date_format

    for language in ("en", "hi", "bn"):
        with translation.override(language):
            assert date_format(datetime.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"
