"""The Khordha district official sends Nepal's portal the children of Nepal found in the district,
as PFIF: only those whose consent to share with partner portals is in force, whether their
nationality is on the found report or on their stay in care; Indian children and the children of
other countries stay out."""

import pytest
from django.utils import timezone

from apps.care.models import ChildInCare
from apps.pfif.format import read_document
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

REASON = "Monthly exchange with the Nepal Police portal"


@pytest.fixture
def exporting_client(client, dcpu_officer):
    sign_in_verified(client, dcpu_officer)
    return client


def record_id(report) -> str:
    return f"trackchild.gov.in/report.{report.pk}"


def export(client, country, **data):
    return client.post("/pfif/export/", {"country": country, "reason": REASON} | data)


def test_only_the_children_of_nepal_with_consent_go_to_nepals_portal(
    exporting_client, officer, home_staff, file_found
):
    shared = {"publication_consent": "on"}
    rina = file_found(officer, full_name="Rina Tamang", nationality="NP", **shared)
    file_found(officer, full_name="Sita Rai", nationality="NP")  # no consent to share
    file_found(officer, full_name="Rahim", nationality="BD", **shared)
    file_found(officer, full_name="Munna", nationality="IN", **shared)
    # The home learnt that Pemba, whose report says nothing of his country, is from Nepal.
    pemba = file_found(officer, full_name="Pemba", **shared)
    ChildInCare.objects.create(
        report=pemba,
        institution=home_staff.unit,
        category="cncp",
        route="produced",
        arrived_at=timezone.now(),
        nationality="NP",
        admitted_by=home_staff,
    )

    response = export(exporting_client, "NP")

    assert response.status_code == 200
    persons = {
        person.person_record_id: person for person in read_document(response.content).persons
    }
    assert set(persons) == {record_id(rina), record_id(pemba)}
    assert persons[record_id(rina)].home_country == "NP"
    everyone = read_document(export(exporting_client, "").content).persons
    assert len(everyone) == 4


def test_the_repatriation_page_leads_to_the_export_for_the_childs_country(
    exporting_client, officer, file_found
):
    rina = file_found(officer, full_name="Rina Tamang", nationality="NP")

    page = exporting_client.get(f"/repatriation/found/{rina.pk}/").content.decode()
    assert "/pfif/?country=NP" in page
    form = exporting_client.get("/pfif/?country=NP").context["export_form"]

    assert form["country"].value() == "NP"
    assert ("NP", "Nepal") in form.fields["country"].choices
    assert "IN" not in dict(form.fields["country"].choices)


def test_a_country_not_on_the_list_is_refused(exporting_client):
    response = export(exporting_client, "IN")

    assert response.status_code == 400
    assert "country" in response.context["export_form"].errors


def test_a_police_station_does_not_export(client, officer):
    client.force_login(officer)

    assert export(client, "NP").status_code == 403
