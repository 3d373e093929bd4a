"""A visitor opens the portal: a family finds Khoya-Paya's actions first, then what the portal is
for, who to contact and where officials sign in; the page is as light as Khoya-Paya's own."""

import datetime
import html
import re

import pytest

from apps.citizens.tests.test_public_pages_are_light import BUDGET, first_load_bytes
from apps.directory.models import District

pytestmark = pytest.mark.django_db

KHOYA_PAYA_ACTIONS = [
    ("I have seen a child who may be lost or in danger", "/khoya-paya/report/sighting/"),
    ("My child (or a child I know) is missing", "/khoya-paya/report/missing/"),
    ("Look for my child among children found by the police", "/khoya-paya/report/inquiry/"),
    ("Track my report", "/khoya-paya/track/"),
]


def links(page: str) -> list[tuple[str, str]]:
    anchors = re.findall(r'<a[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', page)
    return [(html.unescape(text.strip()), href) for href, text in anchors]


def test_a_parent_finds_khoya_payas_four_actions_before_anything_else(client, khordha):
    page = client.get("/").content.decode()

    main = page[page.index('<main id="main"') :]
    assert links(main)[:4] == KHOYA_PAYA_ACTIONS
    assert ("Search missing children", "/khoya-paya/search/") in links(main)


def test_each_action_leads_to_a_working_page(client, khordha):
    for _label, url in KHOYA_PAYA_ACTIONS:
        assert client.get(url).status_code == 200, url


def test_home_page_offers_the_directory_the_helplines_and_the_officials_sign_in(client, khordha):
    page = client.get("/").content.decode()

    assert 'href="#main"' in page
    assert ("Search the directory", "/directory/") in links(page)
    assert ("Officials' sign in", "/accounts/login/") in links(page)
    assert "1098" in page
    assert "112" in page


def test_the_home_page_loads_on_a_cheap_phone_like_khoya_paya(client, khordha):
    assert first_load_bytes(client, "/") < BUDGET


def test_home_page_counts_active_units_and_current_districts(
    client, khordha, cuttack, bihar, make_unit
):
    make_unit(district=khordha)
    make_unit(district=cuttack)
    make_unit(district=khordha, is_active=False)
    District.objects.filter(pk=cuttack.pk).update(retired_on=datetime.date(2026, 1, 1))

    page = client.get("/").content.decode()

    assert "The directory lists 2 units in 1 districts of 2 States" in page
