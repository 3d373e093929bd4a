"""A police officer in Bihar searches the whole country for girls with a mole on the cheek.
More reports fit than the search counts: the page says "more than", and the officer pages
through them newest first, over reports filed days, months and years ago."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db

COUNTED = 2  # instead of the portal's 1,000


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr("apps.reports.selectors.MAX_COUNTED", COUNTED)
    monkeypatch.setattr("apps.reports.views.RESULTS_PER_PAGE", 1)


@pytest.fixture
def girls_with_a_mole(officer, file_missing):
    """Newest first: two within the last month, one within the year, one two years ago."""
    return [
        file_missing(
            officer,
            fir_number=f"{60 + number}/2026",
            event_at=local_input(timezone.now() - timedelta(days=days)),
        )
        for number, days in enumerate([1, 10, 100, 700])
    ]


def search(client, **params):
    response = client.get("/reports/", {"marks": "mole cheek", **params})
    assert response.status_code == 200
    return response.text


def test_more_reports_than_counted_are_announced_as_more(client, patna_officer, girls_with_a_mole):
    client.force_login(patna_officer)

    page = search(client)

    assert f"More than {COUNTED} reports found" in page
    assert "Page 1</span>" in page  # no last page is promised
    assert girls_with_a_mole[0].case_number in page


def test_next_and_previous_go_through_the_reports_newest_first(
    client, patna_officer, girls_with_a_mole
):
    client.force_login(patna_officer)

    for number, report in enumerate(girls_with_a_mole[:3], start=1):
        page = search(client, page=number)

        assert report.case_number in page, number
        others = [other for other in girls_with_a_mole if other != report]
        assert not any(other.case_number in page for other in others)
        assert (f"page={number + 1}" in page) == (number < 3)
        assert (f"page={number - 1}" in page) == (number > 1)


def test_a_narrow_search_is_counted_exactly(client, patna_officer, girls_with_a_mole):
    client.force_login(patna_officer)
    seen_on = timezone.localtime(girls_with_a_mole[3].event_at).date()

    page = search(client, date_from=seen_on, date_to=seen_on)

    assert "1 report found." in page
    assert girls_with_a_mole[3].case_number in page


def test_someone_signed_out_cannot_search_by_marks(client, girls_with_a_mole):
    response = client.get("/reports/", {"marks": "mole cheek"})

    assert response.status_code == 302
    assert girls_with_a_mole[0].case_number not in response.text
