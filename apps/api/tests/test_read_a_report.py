"""A State's CCTNS or a district's system reads the status of a report its jurisdiction owns, with
the match candidates; a report owned anywhere else is answered as if it did not exist."""

import pytest

from apps.reports.services import close_as_duplicate

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def test_the_states_cctns_reads_a_report_of_its_state(client, odisha_cctns, priya):
    _cctns, headers = odisha_cctns

    response = client.get(f"/api/v1/reports/{priya.pk}/", **headers)

    assert response.status_code == 200
    assert (response.json()["case_number"], response.json()["status"]) == (
        priya.case_number,
        "open",
    )


def test_a_report_closed_as_a_duplicate_names_the_report_the_case_goes_on_under(
    client, odisha_cctns, priya, officer, file_missing
):
    _cctns, headers = odisha_cctns
    again = file_missing(officer, fir_number="113/2026")
    close_as_duplicate(report=again, primary=priya, closed_by=officer)

    closed = client.get(f"/api/v1/reports/{again.pk}/", **headers).json()
    kept = client.get(f"/api/v1/reports/{priya.pk}/", **headers).json()

    assert (closed["status"], closed["closure_reason"]) == ("closed", "duplicate")
    assert closed["duplicate_of"]["case_number"] == priya.case_number
    assert kept["duplicate_of"] is None


@pytest.mark.refused_side("api:report", "another_district", "another_state")
@pytest.mark.parametrize("scope", ["district", "state"])
def test_a_key_of_another_district_or_state_finds_nothing(
    client, make_client, cuttack, bihar, priya, scope
):
    area = {"district": cuttack, "state": bihar}[scope]
    _other, headers = make_client(f"Key of {area.name_en}", **{scope: area})

    response = client.get(f"/api/v1/reports/{priya.pk}/", **headers)

    assert response.status_code == 404
    assert priya.case_number not in response.text
