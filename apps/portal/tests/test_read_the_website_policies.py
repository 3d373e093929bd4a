"""A visitor finds help, whom to contact, the accessibility statement and every policy of the
website from the footer of any page, in English or Hindi, each with the date it last changed
(GIGW 3.0)."""

import re

import pytest
from django.utils import translation

from apps.portal.policies import POLICY_PAGES

pytestmark = pytest.mark.django_db

LAST_UPDATED = re.compile(r'<time datetime="(\d{4})-(\d\d)-(\d\d)">(\d\d)/(\d\d)/(\d{4})</time>')


def footer_links(page: str) -> dict[str, str]:
    footer = page[page.index("<footer") :]
    return dict(re.findall(r'<a href="(/[^"]*)"[^>]*>([^<]+)</a>', footer))


def titles_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {f"/{page.slug}/": str(page.title) for page in POLICY_PAGES}


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("start", ["/", "/khoya-paya/", "/directory/", "/accounts/login/"])
def test_every_policy_page_is_linked_from_the_footer(client, language, start):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})

    links = footer_links(client.get(start).content.decode())

    assert {url: links.get(url) for url in titles_in(language)} == titles_in(language)


@pytest.mark.parametrize("language", ["en", "hi"])
def test_each_policy_page_opens_in_the_language_with_its_last_updated_date(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    for url, title in titles_in(language).items():
        response = client.get(url)
        page = response.content.decode()

        assert response.status_code == 200, url
        assert f'<html lang="{language}" dir="ltr">' in page
        assert f"<h1>{title}</h1>" in page
        year, month, day, shown_day, shown_month, shown_year = LAST_UPDATED.search(page).groups()
        assert (shown_day, shown_month, shown_year) == (day, month, year)  # Indian order


def test_the_open_page_is_marked_current_in_the_footer(client):
    page = client.get("/privacy-policy/").content.decode()

    assert '<a href="/privacy-policy/" aria-current="page">' in page
    assert '<a href="/terms-of-use/" aria-current="page">' not in page


def test_privacy_policy_says_what_is_held_who_sees_it_and_the_familys_rights(client):
    page = client.get("/privacy-policy/").content.decode()

    for heading in [
        "What data is held",
        "Who sees it",
        "Children's data and consent",
        "Photos",
        "Access is recorded",
        "How long data is kept",
        "Your rights",
    ]:
        assert f"<h2>{heading}</h2>" in page
    assert "Digital Personal Data Protection Act, 2023" in page
    assert "Data Protection Board of India" in page


def test_contact_page_gives_the_helplines_and_the_directory(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "trackchild-help@example.gov.in"
    page = client.get("/contact-us/").content.decode()

    assert "<strong>112</strong>" in page
    assert "<strong>1098</strong>" in page
    assert 'href="/directory/"' in page
    assert 'href="mailto:trackchild-help@example.gov.in"' in page


def test_without_a_contact_address_no_empty_mail_link_is_shown(client, settings):
    settings.PORTAL_CONTACT_EMAIL = ""

    assert "mailto:" not in client.get("/accessibility-statement/").content.decode()


def test_accessibility_statement_names_its_target_and_how_to_report_a_problem(client):
    page = client.get("/accessibility-statement/").content.decode()

    assert "WCAG" in page
    assert "2.1 at level AA" in page
    assert "<h2>Report a problem</h2>" in page
    assert 'href="/screen-reader-access/"' in page


def test_screen_reader_page_lists_free_and_paid_screen_readers(client):
    page = client.get("/screen-reader-access/").content.decode()

    for reader in ["NVDA", "JAWS", "Orca", "VoiceOver", "TalkBack", "Narrator"]:
        assert f'<th scope="row">{reader}' in page or f'<th scope="row">Windows {reader}' in page
    assert 'href="https://www.nvaccess.org/"' in page
