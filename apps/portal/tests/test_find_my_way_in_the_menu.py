"""Each visitor and official sees in the menu only what their roles let them open, grouped so
that "Missing & found" (reports) is never confused with "Children in care"."""

import pytest

from apps.accounts.models import Role
from apps.portal.tests.menu import menu_bar, menu_links
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_only_the_directory(client):
    assert menu_links(client.get("/directory/")) == {"Directory": "/directory/"}


def test_a_police_officer_finds_filing_a_missing_child_under_missing_and_found(client, officer):
    client.force_login(officer)

    response = client.get("/")

    assert menu_bar(response) == ["Directory", "Missing & found", "Work", "Admin"]
    assert list(menu_links(response)) == [
        "Directory",
        "Search missing and found children",
        "File a missing child report",
        "File a found child report",
        "Matches",
        "Outcomes to record",
        "Citizens' reports",
        "Data requests",
        "Overdue work",
        "Grievances",
        "Bulk upload",
        "Officials",
    ]
    assert menu_links(response)["File a missing child report"] == "/reports/missing/new/"


def test_childrens_home_staff_see_missing_and_found_apart_from_children_in_care(client, home_staff):
    client.force_login(home_staff)

    response = client.get("/")

    assert menu_bar(response)[:3] == ["Directory", "Missing & found", "Children in care"]
    links = menu_links(response)
    assert "Children" not in links
    assert links["Admit a child"] == "/care/admit/"
    assert "File a missing child report" not in links
    assert links["File a found child report"] == "/reports/found/new/"


def test_the_national_administrator_sees_every_capability_in_five_groups(client, national_admin):
    sign_in_verified(client, national_admin)

    response = client.get("/")

    assert menu_bar(response) == [
        "Directory",
        "Missing & found",
        "Children in care",
        "Work",
        "Figures",
        "Admin",
    ]
    links = menu_links(response)
    assert {"Dashboard", "Children in care", "PFIF exchange", "Access log"} <= set(links)
    assert links["Special drives"] == "/drives/"
    assert links["Declare a special drive"] == "/drives/declare/"
    assert links["Administration"] == "/admin/"
    for url in links.values():
        assert client.get(url, follow=True).status_code == 200, url


def test_a_group_opens_on_its_first_page_when_scripts_are_off(client, make_official, ministry):
    official = make_official("all_roles", *Role.values, unit=ministry)
    sign_in_verified(client, official)

    page = client.get("/").content.decode()

    assert '<a class="nav-link dropdown-toggle" href="/reports/"' in page
    assert 'href="/static/css/noscript.css"' in page
