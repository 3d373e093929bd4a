"""A district official downloads the reports of their district as PFIF 1.4 for partners."""

import pytest

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.pfif import services
from apps.pfif.format import read_document
from apps.reports.models import Report
from conftest import sign_in_verified

REASON = {"reason": "Monthly exchange with the Nepal Police portal"}


@pytest.fixture
def reports(officer, cwc_member, file_missing, file_found):
    consented = file_missing(officer, full_name="Priya Sahu")
    private = file_missing(
        officer, fir_number="113/2026", full_name="Anita Das", publication_consent=None
    )
    found = file_found(cwc_member, publication_consent="on")
    return consented, private, found


def test_the_export_keeps_to_publication_consent(exchanging_client, reports):
    consented, _private, found = reports

    response = exchanging_client.post("/pfif/export/", REASON)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/pfif+xml")
    persons = read_document(response.content).persons
    assert {person.person_record_id for person in persons} == {
        f"trackchild.gov.in/report.{consented.pk}",
        f"trackchild.gov.in/report.{found.pk}",
    }
    priya = next(p for p in persons if p.full_name.startswith("Priya"))
    assert priya.home_city == ""  # the family's address is never public
    assert "medical" not in priya.description.lower()
    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.detail.startswith(f"2 rows; reason: {REASON['reason']}; PFIF")


def test_an_export_without_a_reason_is_refused(exchanging_client, reports):
    response = exchanging_client.post("/pfif/export/", {"kind": "missing"})

    assert response.status_code == 400
    assert "without a reason nothing is exported" in response.text
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_file_carries_who_exported_it_and_why_in_a_comment(
    exchanging_client, district_official, reports
):
    response = exchanging_client.post("/pfif/export/", REASON)

    declaration, comment = response.content.decode().splitlines()[:2]
    assert declaration.startswith("<?xml")
    name = district_official.get_full_name() or district_official.username
    assert comment.startswith(f"<!-- Exported by {name} ({district_official.unit.name}) on ")
    assert comment.endswith(f"for: {REASON['reason']} — confidential -->")
    # Partners' readers skip comments: the file reads as before.
    assert len(read_document(response.content).persons) == 2


def test_status_is_told_in_notes(exchanging_client, reports):
    consented, _private, found = reports

    persons = {
        p.person_record_id: p
        for p in read_document(exchanging_client.post("/pfif/export/", REASON).content).persons
    }

    [missing_note] = persons[f"trackchild.gov.in/report.{consented.pk}"].notes
    assert (missing_note.status, missing_note.author_made_contact) == ("believed_missing", False)
    assert missing_note.last_known_location == "Bhubaneswar railway station, Khordha, Odisha"
    [found_note] = persons[f"trackchild.gov.in/report.{found.pk}"].notes
    assert (found_note.status, found_note.author_made_contact) == ("believed_alive", True)


def test_full_read_adds_private_reports_home_and_case_status(reports, district_official):
    consented, _private, _found = reports
    consented.status, consented.closure_reason = "closed", "deceased"
    consented.save()

    document = read_document(services.export_reports(Report.objects.order_by("pk"), full_read=True))

    assert len(document.persons) == 3
    priya = document.persons[0]
    assert (priya.home_city, priya.home_state, priya.home_country) == ("Khordha", "Odisha", "IN")
    assert [note.status for note in priya.notes] == ["believed_missing", "believed_dead"]


def test_only_the_officials_own_district_is_exported(
    exchanging_client, patna_officer, file_missing, reports
):
    in_patna = file_missing(patna_officer, fir_number="9/2026")

    persons = read_document(exchanging_client.post("/pfif/export/", REASON).content).persons

    assert f"trackchild.gov.in/report.{in_patna.pk}" not in {p.person_record_id for p in persons}


def test_a_police_station_officer_may_not_export(client, officer, reports):
    client.force_login(officer)

    assert client.get("/pfif/export/").status_code == 403
    assert client.get("/pfif/").status_code == 403


def test_a_cci_staff_member_may_not_export(client, make_official, childrens_home, reports):
    client.force_login(make_official("cci", Role.CCI_STAFF, unit=childrens_home))

    assert client.get("/pfif/export/").status_code == 403


def test_the_exchange_page_offers_export_and_import(exchanging_client):
    response = exchanging_client.get("/pfif/")

    assert response.status_code == 200
    assert b"/pfif/export/" in response.content
    assert b"/pfif/import/" in response.content


def test_a_state_official_exports_every_district_of_the_state(
    client, make_official, make_unit, odisha, reports
):
    from apps.directory.models import UnitType

    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")
    sign_in_verified(client, make_official("so", Role.STATE_OFFICIAL, unit=scps))

    persons = read_document(client.post("/pfif/export/", REASON).content).persons

    assert len(persons) == 2


def test_the_menu_offers_pfif_exchange_to_district_officials_only(exchanging_client, client):
    assert b'href="/pfif/"' in exchanging_client.get("/pfif/queue/").content
