"""An official narrows a dashboard to a period, a sex or an age band."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.dashboards.tests.conftest import figures, headline
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, national_admin, hand_counted):
    sign_in_verified(client, national_admin)
    return client


def test_since_the_first_report_counts_the_older_case_too(signed_in):
    response = signed_in.get("/dashboards/india/?since=&until=")

    shown = headline(response)
    assert shown["Missing children reported"] == 6
    assert shown["Still open: Over a year"] == 2  # M3 and M6


def test_girls_only(signed_in):
    response = signed_in.get("/dashboards/india/?sex=F")

    shown = headline(response)
    assert shown["Missing children reported"] == 3  # M1, M3, M5
    assert shown["Found / recovered children reported"] == 2  # F2, F3
    assert shown["Children in care now"] == 0  # both children in care are boys


def test_one_age_band(signed_in):
    response = signed_in.get("/dashboards/india/?age_band=2")  # 12 to 15

    shown = headline(response)
    assert shown["Missing children reported"] == 2  # M2, M5
    assert shown["Found / recovered children reported"] == 2  # F2, F3
    assert figures(response, "by_area")["Odisha"][:2] == (1, 1)


def test_this_month_only(signed_in):
    today = timezone.localdate()
    this_month = today.replace(day=1)

    response = signed_in.get(
        f"/dashboards/india/?since={this_month:%Y-%m}&until={this_month:%Y-%m}"
    )

    assert len(figures(response, "trend")) == 1
    # Whatever day of the month it is: M1, M4 and M5 were filed 10, 5 and 20 days ago.
    filed_this_month = [days for days in (10, 5, 20) if today - timedelta(days=days) >= this_month]
    assert headline(response)["Missing children reported"] == len(filed_this_month)


def test_a_month_typed_wrongly_is_explained_and_the_last_two_years_are_shown(signed_in):
    response = signed_in.get("/dashboards/india/?since=March&until=2026-13")

    assert b"Enter a month as year and month, for example 2026-04." in response.content
    assert headline(response)["Missing children reported"] == 5
    assert len(figures(response, "trend")) == 24


def test_the_last_month_before_the_first_is_explained(signed_in):
    response = signed_in.get("/dashboards/india/?since=2026-05&until=2026-01")

    assert b"The last month cannot come before the first." in response.content


def test_filters_follow_a_drill_down(signed_in):
    response = signed_in.get("/dashboards/india/?sex=F")

    odisha = next(
        row for row in response.context["dashboard"].table("by_area").rows if row.label == "Odisha"
    )
    assert odisha.url.startswith("/dashboards/states/21/")
    assert 'href="/dashboards/states/21/?sex=F"' in response.content.decode()
