"""Every search of children is written in the access log with its filters, in a form the State's
reviewer reads, and how many children it found: officials searching reports across India, the
new-missing feed narrowed, a home looking for a child in care, a citizen on Khoya-Paya. Opening
a search page with its empty form is not a search."""

import pytest

from apps.audit.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db


def searches():
    return AccessLog.objects.filter(action=AccessAction.SEARCH)


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def test_an_officer_in_bihar_searches_reports_by_name_and_state(
    client, patna_officer, priya, odisha
):
    client.force_login(patna_officer)

    response = client.get(
        "/reports/",
        {"name": "Priya", "state": odisha.pk, "sex": "", "has_photo": "", "page": "1"},
        REMOTE_ADDR="10.4.5.6",
    )

    assert response.status_code == 200
    assert priya.case_number in response.text
    entry = searches().get()
    assert (entry.user, entry.user_unit, entry.ip_address) == (
        patna_officer,
        patna_officer.unit,
        "10.4.5.6",
    )
    assert entry.detail == "reports: name=Priya; state=Odisha"
    assert entry.rows == 1
    assert (entry.record_id, entry.outside_jurisdiction) == (None, False)


def test_opening_the_search_page_or_turning_its_pages_without_filters_is_not_logged(
    client, patna_officer, priya
):
    client.force_login(patna_officer)

    client.get("/reports/")
    client.get("/reports/", {"page": "2"})
    client.get("/reports/", {"name": "", "state": ""})

    assert not searches().exists()


def test_a_search_that_finds_nobody_is_logged_with_no_rows(client, patna_officer, priya):
    client.force_login(patna_officer)

    client.get("/reports/", {"name": "Gudiya", "has_photo": "on", "age_from": "0"})

    entry = searches().get()
    assert entry.detail == "reports: name=Gudiya; age_from=0; has_photo"
    assert entry.rows == 0


def test_a_refused_search_is_not_logged(client, priya):
    """The public cannot use the officials' search: nothing was read, nothing is logged."""
    response = client.get("/reports/", {"name": "Priya"})

    assert response.status_code == 302
    assert not searches().exists()


def test_an_officer_narrows_the_national_feed(client, patna_officer, priya):
    client.force_login(patna_officer)

    client.get("/reports/missing/new-across-india/")
    assert not searches().exists()

    client.get("/reports/missing/new-across-india/", {"scope": "", "trafficking": "on"})

    entry = searches().get()
    assert (entry.user, entry.detail) == (patna_officer, "new across India: trafficking")
    assert entry.rows == 0


def test_the_feed_narrowed_to_the_officers_state_counts_what_it_shows(client, officer, priya):
    client.force_login(officer)

    client.get("/reports/missing/new-across-india/", {"scope": "state"})

    entry = searches().get()
    assert (entry.detail, entry.rows) == ("new across India: scope=state", 1)


def test_a_home_searches_its_children_in_care_by_name(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    client.get("/care/")
    assert not searches().exists()

    response = client.get("/care/", {"status": "in_care", "name": "Munna"})

    assert munna_in_care.case_number in response.text
    entry = searches().get()
    assert (entry.user, entry.detail, entry.rows) == (
        home_staff,
        "children in care: status=in_care; name=Munna",
        1,
    )


def test_a_citizen_searches_khoya_paya_without_an_account(client, priya, odisha):
    client.get("/khoya-paya/search/")
    assert not searches().exists()

    response = client.get("/khoya-paya/search/", {"name": "Priya", "state": odisha.pk, "age": ""})

    assert "Priya Sahu" in response.text
    entry = searches().get()
    assert (entry.user, entry.username, entry.user_unit) == (None, "", None)
    assert entry.detail == "Khoya-Paya: name=Priya; state=Odisha"
    assert entry.rows == 1


def test_a_khoya_paya_search_without_the_required_name_is_not_logged(client, priya, odisha):
    client.get("/khoya-paya/search/", {"state": odisha.pk})

    assert not searches().exists()
