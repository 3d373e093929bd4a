"""Anyone may search missing children by name; only children whose families agreed are shown,
and found children never are."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_name_finds_consented_missing_children_with_the_station_to_call(
    client, officer, file_missing, cwc_member, file_found
):
    file_missing(officer)  # Priya Sahu, family consented
    file_missing(officer, full_name="Priya Nayak", fir_number="113/2026", publication_consent=None)
    file_found(cwc_member, full_name="Priya", sex="F")

    page = client.get("/khoya-paya/search/", {"name": "Priya"}).content.decode()

    assert "Priya Sahu" in page
    assert "Capital PS" in page
    assert "0674-2390100" in page
    assert "Priya Nayak" not in page
    assert "1 child found." in page
    assert 'loading="lazy"' in page or "<img" not in page


def test_a_name_is_required_no_browsing_by_place(client, officer, file_missing, odisha):
    file_missing(officer)

    page = client.get("/khoya-paya/search/", {"state": odisha.pk}).content.decode()

    assert "This field is required." in page
    assert "Priya Sahu" not in page


def test_a_closed_case_is_no_longer_public(client, officer, file_missing):
    priya = file_missing(officer)
    priya.status = "restored"
    priya.save()

    page = client.get("/khoya-paya/search/", {"name": "Priya"}).content.decode()

    assert "Priya Sahu" not in page
