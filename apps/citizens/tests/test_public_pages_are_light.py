"""Khoya-Paya's pages must load on a cheap phone on a weak connection: under 150 KB on first load
(page, styles and scripts), and they never show found children or family contacts."""

import re

import pytest
from django.contrib.staticfiles import finders

from apps.citizens.tests.conftest import place

pytestmark = pytest.mark.django_db
BUDGET = 150 * 1024


def first_load_bytes(client, url) -> int:
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    return len(page.content) + sum(len(open(finders.find(path), "rb").read()) for path in assets)


@pytest.mark.parametrize(
    "path",
    [
        "/khoya-paya/",
        "/khoya-paya/search/?name=Priya",
        "/khoya-paya/track/",
        "/khoya-paya/report/sighting/",
    ],
)
def test_each_public_page_weighs_under_150_kb(client, path, khordha, capital_ps):
    assert first_load_bytes(client, path) < BUDGET


def test_the_report_form_with_its_district_list_weighs_under_150_kb(client, khordha, capital_ps):
    assert first_load_bytes(client, f"/khoya-paya/report/sighting/{place(khordha)}") < BUDGET


def test_public_pages_work_without_scripts(client, khordha, capital_ps):
    page = client.get(f"/khoya-paya/report/sighting/{place(khordha)}").content.decode()

    assert '<form method="post" enctype="multipart/form-data"' in page
    assert 'capture="environment"' in page
    assert '<button type="submit">' in page
