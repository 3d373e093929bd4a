"""A search engine reads robots.txt and sitemap.xml: it is sent to the public pages (home,
Khoya-Paya, the directory, the website's policies) and kept out of officials' areas and
families' own pages; no child's record is ever listed."""

import re

import pytest

from apps.portal.policies import POLICY_PAGES

pytestmark = pytest.mark.django_db

# What the sitemap may name: the home page, Khoya-Paya's public pages, the directory, the policies.
PUBLIC_PATH = re.compile(
    r"^/(khoya-paya/(search/|track/|report/(missing|sighting|inquiry)/|grievance/(track/)?)?"
    r"|directory/(states/(\d+/)?|districts/\d+/)?"
    rf"|({'|'.join(page.slug for page in POLICY_PAGES)})/)?$"
)
PRIVATE_AREAS = [
    "/reports/",
    "/care/",
    "/admin/",
    "/api/",
    "/accounts/",
    "/khoya-paya/case/",
    "/grievances/",
]


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode())


def test_the_sitemap_lists_the_public_pages(client, khordha):
    paths = sitemap_paths(client)

    for public in [
        "/",
        "/khoya-paya/",
        "/khoya-paya/search/",
        "/khoya-paya/track/",
        "/khoya-paya/report/missing/",
        "/khoya-paya/report/sighting/",
        "/khoya-paya/grievance/",
        "/khoya-paya/grievance/track/",
        "/directory/",
        "/directory/states/",
        f"/directory/states/{khordha.state.lgd_code}/",
        f"/directory/districts/{khordha.lgd_code}/",
        *(f"/{page.slug}/" for page in POLICY_PAGES),
    ]:
        assert public in paths, public
    assert len(paths) == len(set(paths))


def test_every_page_in_the_sitemap_opens_for_a_visitor(client, khordha, capital_ps):
    for path in sitemap_paths(client):
        assert client.get(path).status_code == 200, path


def test_no_childs_record_or_private_page_is_in_the_sitemap(client, file_missing, officer):
    report = file_missing(officer)

    paths = sitemap_paths(client)

    assert not [path for path in paths if path.startswith(tuple(PRIVATE_AREAS))]
    assert not [path for path in paths if not PUBLIC_PATH.match(path)]
    assert report.case_number not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for private in PRIVATE_AREAS:
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not [line for line in lines if line in ("Disallow: /", "Disallow: /khoya-paya/")]


def test_robots_txt_disallows_no_page_the_sitemap_lists(client, khordha):
    disallowed = [
        line.removeprefix("Disallow: ")
        for line in client.get("/robots.txt").content.decode().splitlines()
        if line.startswith("Disallow: ")
    ]

    assert not [path for path in sitemap_paths(client) if path.startswith(tuple(disallowed))]
