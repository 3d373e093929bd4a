"""A keyboard or screen-reader user's first Tab on any page, Khoya-Paya's or an official's,
reaches "Skip to main content", which leads into the page's main content."""

import re
from pathlib import Path

import pytest

from apps.portal.tests.test_use_the_menu_on_a_laptop_and_a_phone import (
    CHROMIUM,
    browser,  # noqa: F401 (a fixture)
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/khoya-paya/",
        "/khoya-paya/search/",
        "/khoya-paya/track/",
        "/privacy-policy/",
        "/directory/",
        "/accounts/login/",
    ],
)
def test_the_first_link_of_the_page_skips_to_its_main_content(client, khordha, path):
    page = client.get(path).content.decode()

    body = page[page.index("<body") :]
    first_link = re.search(r"<a [^>]*>[^<]*</a>", body).group(0)
    assert 'href="#main"' in first_link
    assert "Skip to main content" in first_link
    # Focusable by the link (tabindex -1), so the next Tab continues inside the main content.
    assert len(re.findall(r'<main id="main"[^>]* tabindex="-1"', page)) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs the system's Chromium")
@pytest.mark.parametrize("path", ["/khoya-paya/", "/directory/"])
def test_in_a_browser_tab_shows_the_skip_link_and_enter_moves_into_the_main_content(
    browser,  # noqa: F811
    live_server,
    path,
):
    page = browser.new_page()
    page.goto(f"{live_server.url}{path}")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(),"
        " document.activeElement.getBoundingClientRect().top]"
    )
    page.keyboard.press("Enter")

    assert focused[0] == "Skip to main content"
    assert focused[1] >= 0  # shown on screen once focused, not only to screen readers
    assert page.evaluate("() => document.activeElement.id") == "main"
