"""Each visitor and official sees in the menu only what their roles let them open."""

import pytest

from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def menu(response) -> dict[str, str]:
    return {str(item.label): item.url for item in response.context["nav_items"]}


def test_a_visitor_sees_only_the_directory(client):
    assert menu(client.get("/")) == {"Directory": "/directory/"}


def test_a_police_officer_sees_the_stations_work_but_no_figures_or_logs(client, officer):
    client.force_login(officer)

    items = menu(client.get("/"))

    assert list(items) == [
        "Directory",
        "Children",
        "Matches",
        "Citizens' reports",
        "Overdue work",
        "Bulk upload",
        "Officials",
    ]


def test_the_national_administrator_sees_every_capability_and_administration(
    client, national_admin
):
    sign_in_verified(client, national_admin)

    items = menu(client.get("/"))

    assert {"Dashboard", "Children in care", "PFIF exchange", "Access log"} <= set(items)
    assert items["Administration"] == "/admin/"
    for url in items.values():
        assert client.get(url, follow=True).status_code == 200, url
