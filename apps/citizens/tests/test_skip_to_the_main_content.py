"""A keyboard or screen-reader user's first Tab on any page, Khoya-Paya's or an official's,
reaches "Skip to main content", which leads into the page's main content."""

import re

import pytest

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
