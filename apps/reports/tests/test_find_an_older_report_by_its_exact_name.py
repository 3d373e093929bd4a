"""A police officer in Bihar searches for Priya Sahu, reported missing in Odisha a month ago.
Since then, more reports than a name search ranks were filed for girls whose names share her
name's keys (Pooriya, Pariya, Puriya Sahu); her report is still found, and ranked first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db

RANKED = 2  # candidates of each grade of match, instead of the portal's 2,000


@pytest.fixture(autouse=True)
def few_ranked_candidates(monkeypatch):
    monkeypatch.setattr("apps.reports.selectors.MAX_RANKED_CANDIDATES", RANKED)


@pytest.fixture
def priya(officer, file_missing):
    month_ago = timezone.now() - timedelta(days=30)
    return file_missing(officer, event_at=local_input(month_ago), fir_number="40/2026")


@pytest.fixture
def namesakes(officer, file_missing, priya):
    """Newer reports of girls whose names give the same keys but other words."""
    return [
        file_missing(
            officer,
            full_name=name,
            other_names="",
            name_local="",
            fir_number=f"{50 + number}/2026",
            event_at=local_input(timezone.now() - timedelta(days=number + 1)),
        )
        for number, name in enumerate(["Pooriya Sahu", "Pariya Sahu", "Puriya Sahu"])
    ]


def search(client, name):
    response = client.get("/reports/", {"name": name})
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("typed", ["Priya Sahu", "Preeya Sahoo", "sahu priya"])
def test_the_older_report_with_the_very_name_is_found_first(
    client, patna_officer, priya, namesakes, typed
):
    client.force_login(patna_officer)

    page = search(client, typed)

    assert priya.case_number in page
    newest_namesake = namesakes[0]
    assert newest_namesake.case_number in page
    assert page.index(priya.case_number) < page.index(newest_namesake.case_number)


def test_reports_sharing_only_the_keys_are_ranked_the_newest_first_up_to_the_cap(
    client, patna_officer, priya, namesakes
):
    client.force_login(patna_officer)

    page = search(client, "Pariya Sahu")

    # Pariya's own report has every word typed; of the others sharing the keys (Priya too),
    # the two newest are ranked, so the oldest of them is left out.
    assert [report.case_number in page for report in namesakes] == [True, True, True]
    assert priya.case_number not in page


def test_someone_signed_out_cannot_search_by_name(client, priya):
    response = client.get("/reports/", {"name": "Priya Sahu"})

    assert response.status_code == 302
    assert priya.case_number not in response.text
