"""A language is offered only when its people can go through their journeys in it, with no
English left: its catalogue is translated (every string for a language of the whole portal;
for a language of the public pages, every string of Khoya-Paya, the families' SMS and the
notices), and the key pages of the officials' and the citizens' journeys, rendered in it, ask
for no message the catalogue lacks. (SMS length in every language:
apps/messaging/tests/test_every_template_fits_an_sms.py.)"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils.translation.trans_real import DjangoTranslation

from apps.citizens.tests.conftest import send_and_confirm, sighting_data
from conftest import sign_in_verified
from trackchild.languages import BY_CODE, PORTAL

pytestmark = pytest.mark.django_db

OFFERED = [code for code, _name in settings.LANGUAGES if code != "en"]
OFFERED_ON_THE_PORTAL = [code for code in OFFERED if BY_CODE[code].scope == PORTAL]
# Where the strings a family reads come from (the "#:" lines of the catalogue).
PUBLIC_SOURCES = (
    "apps/citizens/",
    "templates/citizens/",
    "apps/messaging/catalogue.py",
    "templates/reports/notice.html",
    "templates/portal/public_home.html",
    "templates/includes/policy_links.html",
    "apps/core/month_names.py",
)


def untranslated_in_catalogue(code: str) -> list[str]:
    path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        catalogue = read_po(po)
    public_only = BY_CODE[code].scope != PORTAL
    left = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        if public_only and not any(
            filename.startswith(PUBLIC_SOURCES) for filename, _line in message.locations
        ):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            left.append(message.id if isinstance(message.id, str) else message.id[0])
    return left


@pytest.mark.parametrize("code", OFFERED)
def test_the_catalogue_of_an_offered_language_leaves_nothing_in_english(code):
    assert untranslated_in_catalogue(code) == []


@pytest.fixture
def english_left(monkeypatch):
    """Every message a page asked for in a language whose catalogue (ours and Django's) lacks
    it, as {message: pages}."""
    left: dict[str, set[str]] = {}
    page = {"path": ""}
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def note(translation, message):
        if translation.language().startswith("en") or not any(
            character.isascii() and character.isalpha() for character in message
        ):
            return  # English; punctuation (a label's ":"); a name already translated (a lazy one)
        if message not in translation._catalog and (message, 0) not in translation._catalog:
            left.setdefault(message.split("\x04")[-1], set()).add(page["path"])

    def noting_gettext(self, message):
        note(self, message)
        return gettext(self, message)

    def noting_ngettext(self, singular, plural, number):
        note(self, singular)
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", noting_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", noting_ngettext)

    def read(client, code, paths):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        for path in paths:
            page["path"] = path
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            assert f'<html lang="{code}"' in response.content.decode(), path
        return left

    return read


@pytest.mark.parametrize("code", OFFERED_ON_THE_PORTAL)
def test_officials_go_through_their_day_in_the_language(
    code, english_left, officer, dcpu_officer, file_missing, khordha
):
    priya = file_missing(officer)
    police, district = Client(), Client()
    sign_in_verified(police, officer)
    sign_in_verified(district, dcpu_officer)

    english_left(
        police,
        code,
        ["/", "/reports/", "/reports/?q=Priya", "/reports/missing/new/", f"/reports/{priya.pk}/"],
    )
    left = english_left(
        district, code, ["/", "/dashboards/", f"/dashboards/districts/{khordha.lgd_code}/"]
    )

    assert left == {}, "\n".join(
        f"{message!r} on {sorted(pages)}" for message, pages in left.items()
    )


@pytest.mark.parametrize("code", OFFERED)
def test_a_family_goes_through_khoya_paya_in_the_language(code, english_left, khordha, capital_ps):
    passer_by = Client()
    reference = send_and_confirm(passer_by, "sighting", khordha, sighting_data(capital_ps))

    left = english_left(
        passer_by,
        code,
        [
            "/khoya-paya/",
            "/khoya-paya/search/",
            "/khoya-paya/search/?name=Priya&sex=F&age=11",
            f"/khoya-paya/report/missing/?state={khordha.state_id}",
            f"/khoya-paya/report/missing/?state={khordha.state_id}&district={khordha.pk}",
            "/khoya-paya/track/",
            f"/khoya-paya/case/{reference}/",
        ],
    )

    assert left == {}, "\n".join(
        f"{message!r} on {sorted(pages)}" for message, pages in left.items()
    )
