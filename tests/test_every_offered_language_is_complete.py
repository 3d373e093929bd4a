"""A language is offered only when its people can go through their journeys in it, with no
English left: its catalogue is translated (every string for a language of the whole portal;
for a language of the public pages, every string of Khoya-Paya, the families' SMS and the
notices), and the key pages of the officials' and the citizens' journeys ask for no message
its catalogue lacks (the journeys are rendered in one language of each script; every offered
language's catalogue is checked against the messages they ask for). (SMS length in every language:
apps/messaging/tests/test_every_template_fits_an_sms.py.)"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils.translation.trans_real import DjangoTranslation, translation

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
    # Whose phone a family's page gives when the unit has none (public_phone_for).
    "apps/directory/selectors.py",
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
def messages_asked(monkeypatch):
    """Reads pages in a language; returns every message they asked its catalogue for, as
    {message: pages} (a message with a context keyed as the catalogue keys it, "context\x04...")."""
    reading = {"path": "", "asked": None}  # only while pages are read
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def note(message):
        # Punctuation (a label's ":") or a name already translated (a lazy one) is no message.
        if reading["asked"] is not None and any(
            character.isascii() and character.isalpha() for character in message
        ):
            reading["asked"].setdefault(message, set()).add(reading["path"])

    def noting_gettext(self, message):
        note(message)
        return gettext(self, message)

    def noting_ngettext(self, singular, plural, number):
        note(singular)
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", noting_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", noting_ngettext)

    def read(client, code, paths):
        asked = reading["asked"] = {}
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        for path in paths:
            reading["path"] = path
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            assert f'<html lang="{code}"' in response.content.decode(), path
        reading["asked"] = None
        return asked

    return read


def lacking(code: str, asked: dict[str, set[str]]) -> dict[str, set[str]]:
    """The messages asked for that the language's catalogues (ours and Django's) lack."""
    catalogue = translation(code)._catalog
    return {
        message.split("\x04")[-1]: pages
        for message, pages in asked.items()
        if message not in catalogue and (message, 0) not in catalogue
    }


def explained(left: dict[str, set[str]]) -> str:
    return "\n".join(f"{message!r} on {sorted(pages)}" for message, pages in left.items())


def officials_day(read, code, officer, dcpu_officer, priya, khordha):
    """A police officer's and a district official's key pages, read in `code`."""
    police, district = Client(), Client()
    sign_in_verified(police, officer)
    sign_in_verified(district, dcpu_officer)
    asked = read(
        police,
        code,
        ["/", "/reports/", "/reports/?q=Priya", "/reports/missing/new/", f"/reports/{priya.pk}/"],
    )
    by_district = read(
        district, code, ["/", "/dashboards/", f"/dashboards/districts/{khordha.lgd_code}/"]
    )
    for message, pages in by_district.items():
        asked.setdefault(message, set()).update(pages)
    return asked


def family_journey(read, code, khordha, capital_ps):
    """A passer-by's report of a sighting, then the pages a family goes through, read in `code`."""
    passer_by = Client()
    reference = send_and_confirm(passer_by, "sighting", khordha, sighting_data(capital_ps))
    return read(
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


# The pages ask for the same messages whatever the language (no template or view words itself
# by language), so each journey goes through the whole request cycle in one language of each
# script, and every offered language's catalogues are checked against what the pages asked for
# (test_every_offered_language_has_every_message_of_both_journeys). One of each script: its
# shaping (Devanagari conjuncts, Bengali, Tamil), right to left (Urdu's Perso-Arabic), and the
# scripts of the public pages only (Santali's Ol Chiki, Manipuri's Meetei Mayek).
ONE_OF_EACH_SCRIPT = [code for code in ("hi", "bn", "ur", "ta", "sat", "mni") if code in OFFERED]


@pytest.mark.parametrize(
    "code", [code for code in ONE_OF_EACH_SCRIPT if code in OFFERED_ON_THE_PORTAL]
)
def test_officials_go_through_their_day_in_the_language(
    code, messages_asked, officer, dcpu_officer, file_missing, khordha
):
    asked = officials_day(
        messages_asked, code, officer, dcpu_officer, file_missing(officer), khordha
    )

    assert lacking(code, asked) == {}, explained(lacking(code, asked))


@pytest.mark.parametrize("code", ONE_OF_EACH_SCRIPT)
def test_a_family_goes_through_khoya_paya_in_the_language(
    code, messages_asked, khordha, capital_ps
):
    asked = family_journey(messages_asked, code, khordha, capital_ps)

    assert lacking(code, asked) == {}, explained(lacking(code, asked))


def test_every_offered_language_has_every_message_of_both_journeys(
    request, messages_asked, khordha, capital_ps
):
    # Read in English: the messages themselves. The family first, with only what its own test
    # has (the officials and Priya's report would change what its case page shows).
    by_families = family_journey(messages_asked, "en", khordha, capital_ps)
    officer, dcpu_officer, file_missing = (
        request.getfixturevalue(name) for name in ("officer", "dcpu_officer", "file_missing")
    )
    by_officials = officials_day(
        messages_asked, "en", officer, dcpu_officer, file_missing(officer), khordha
    )
    assert len(by_officials) > 100
    assert len(by_families) > 50

    left = {code: lacking(code, by_families) for code in OFFERED}
    for code in OFFERED_ON_THE_PORTAL:
        left[code] |= lacking(code, by_officials)

    assert not any(left.values()), "\n".join(
        f"{code}: {explained(messages)}" for code, messages in left.items() if messages
    )
