"""The owning station closes a case with a reason; the history keeps who and why."""

import pytest

from apps.reports.models import Report
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def test_officer_closes_a_case_because_the_child_returned_home(client, officer, priya):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/status/",
        {"status": "closed", "closure_reason": "returned_home", "note": "Came home on her own"},
    )

    assert response.status_code == 302
    priya.refresh_from_db()
    assert (priya.status, priya.closure_reason) == ("closed", "returned_home")
    assert priya.history.first().history_change_reason == "Came home on her own"
    assert "Returned home" in client.get(f"/reports/{priya.pk}/").text


def test_closing_needs_a_reason(client, officer, priya):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/status/", {"status": "closed", "note": "done"}, follow=True
    )

    assert "Say why the case is being closed." in response.text
    assert Report.objects.get().status == "open"


def test_a_reopened_case_forgets_its_closure_reason(client, officer, priya):
    client.force_login(officer)
    client.post(
        f"/reports/{priya.pk}/status/",
        {"status": "closed", "closure_reason": "other", "note": "Moved away"},
    )

    client.post(f"/reports/{priya.pk}/status/", {"status": "open", "note": "Came back"})

    priya.refresh_from_db()
    assert (priya.status, priya.closure_reason) == ("open", "")


def test_an_officer_of_another_station_cannot_close_the_case(client, patna_officer, priya):
    client.force_login(patna_officer)

    response = client.post(
        f"/reports/{priya.pk}/status/",
        {"status": "closed", "closure_reason": "other", "note": "x"},
    )

    assert response.status_code == 403
    assert Report.objects.get().status == "open"


def test_officer_adds_a_case_note_that_others_do_not_see(client, officer, patna_officer, priya):
    client.force_login(officer)
    client.post(f"/reports/{priya.pk}/notes/", {"text": "Uncle in Cuttack called"})

    assert "Uncle in Cuttack called" in client.get(f"/reports/{priya.pk}/").text
    client.force_login(patna_officer)
    assert "Uncle in Cuttack called" not in client.get(f"/reports/{priya.pk}/").text
    assert client.post(f"/reports/{priya.pk}/notes/", {"text": "x"}).status_code == 403


@pytest.mark.refused_side(
    "reports:change_status", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_cannot_close_the_case(
    client, sign_in_outsider, priya, kind
):
    sign_in_outsider(kind, priya.owning_unit)

    response = client.post(
        f"/reports/{priya.pk}/status/",
        {"status": "closed", "closure_reason": "returned_home", "note": "x"},
    )

    assert response.status_code == 403
    assert Report.objects.get().status == "open"


@pytest.mark.refused_side("reports:add_note", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_cannot_add_a_note(
    client, sign_in_outsider, priya, kind
):
    sign_in_outsider(kind, priya.owning_unit)

    response = client.post(f"/reports/{priya.pk}/notes/", {"text": "Seen in Puri"})

    assert response.status_code == 403
    assert not priya.notes.exists()
