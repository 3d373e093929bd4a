"""A district official decides on each imported person: a new report, a duplicate of an existing
report, or rejected. Officials elsewhere and police stations cannot decide."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.accounts.models import Role
from apps.directory.models import UnitType
from apps.pfif import services
from apps.pfif.models import ImportedPerson, ReviewStatus
from apps.pfif.tests.conftest import import_now
from apps.reports.models import CaseNote, Report
from apps.reports.tests.fixtures import missing_report_data
from conftest import sign_in_verified


@pytest.fixture
def imported(district_official, pfif_sample):
    import_now(
        pfif_sample("test.pfif-1.4.xml"), received_by=district_official, source_name="Nepal Police"
    )
    return ImportedPerson.objects.get()


def test_the_official_opens_the_partners_record(exchanging_client, imported):
    response = exchanging_client.get(f"/pfif/queue/{imported.pk}/")

    assert response.status_code == 200
    assert "new comment - testing" in response.content.decode()


def test_accepting_prefills_the_form_from_the_partners_record(exchanging_client, imported):
    response = exchanging_client.get(f"/pfif/queue/{imported.pk}/accept/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["full_name"] == "_test_full_name1"
    assert form.initial["sex"] == "F"


def test_accepting_files_a_report_through_the_usual_checks(
    exchanging_client, imported, odisha, khordha
):
    data = missing_report_data(odisha, khordha, full_name="Sunita Rai", age="12")

    response = exchanging_client.post(f"/pfif/queue/{imported.pk}/accept/", data)

    report = Report.objects.get()
    assert response.status_code == 302
    assert report.full_name == "Sunita Rai"
    assert report.owning_unit.name == "DCPU Khordha"
    assert "test.google.com/person.21009" in report.notes.get().text
    imported.refresh_from_db()
    assert (imported.status, imported.report) == (ReviewStatus.ACCEPTED, report)


def test_an_incomplete_report_is_not_filed(exchanging_client, imported, odisha, khordha):
    data = missing_report_data(odisha, khordha, age="19")

    response = exchanging_client.post(f"/pfif/queue/{imported.pk}/accept/", data)

    assert response.status_code == 200
    assert "under 18" in response.content.decode()
    assert not Report.objects.exists()
    imported.refresh_from_db()
    assert imported.status == ReviewStatus.PENDING


def test_marking_a_duplicate_notes_the_partner_on_the_existing_report(
    exchanging_client, imported, officer, file_missing
):
    existing = file_missing(officer)

    exchanging_client.post(
        f"/pfif/queue/{imported.pk}/duplicate/", {"case_number": existing.case_number}
    )

    imported.refresh_from_db()
    assert (imported.status, imported.report) == (ReviewStatus.DUPLICATE, existing)
    assert "Nepal Police" in existing.notes.get().text


def test_rejecting_needs_a_reason(exchanging_client, imported):
    exchanging_client.post(f"/pfif/queue/{imported.pk}/reject/", {"reason": ""})
    imported.refresh_from_db()
    assert imported.status == ReviewStatus.PENDING

    exchanging_client.post(f"/pfif/queue/{imported.pk}/reject/", {"reason": "Adult, not a child"})

    imported.refresh_from_db()
    assert (imported.status, imported.decision_note) == (
        ReviewStatus.REJECTED,
        "Adult, not a child",
    )


def test_a_decided_person_cannot_be_decided_again(exchanging_client, imported):
    exchanging_client.post(f"/pfif/queue/{imported.pk}/reject/", {"reason": "Adult"})

    response = exchanging_client.post(
        f"/pfif/queue/{imported.pk}/reject/", {"reason": "Other"}, follow=True
    )

    assert "already been decided" in response.content.decode()


def test_an_official_of_another_district_does_not_see_the_person(
    client, imported, make_official, make_unit, patna
):
    dcpu = make_unit(UnitType.DCPU, district=patna)
    sign_in_verified(client, make_official("do_patna", Role.DISTRICT_OFFICIAL, unit=dcpu))

    assert client.get(f"/pfif/queue/{imported.pk}/").status_code == 404
    client.post(f"/pfif/queue/{imported.pk}/reject/", {"reason": "Not mine"})
    imported.refresh_from_db()
    assert imported.status == ReviewStatus.PENDING


def test_a_police_station_officer_cannot_review(client, officer, imported):
    client.force_login(officer)

    assert client.get("/pfif/queue/").status_code == 403
    assert client.post(f"/pfif/queue/{imported.pk}/reject/", {"reason": "x"}).status_code == 403


def queue_state(imported) -> tuple:
    imported.refresh_from_db()
    return (imported.status, imported.report_id, Report.objects.count(), CaseNote.objects.count())


@pytest.fixture
def other_reviewers(make_official, make_unit, khordha, cuttack, patna):
    """District officials of the Khordha collectorate (another unit of the importing DCPU's
    district), of Cuttack's DCPU and of Patna's."""
    offices = {
        "another_unit": make_unit(UnitType.DISTRICT_COLLECTORATE, district=khordha),
        "another_district": make_unit(UnitType.DCPU, district=cuttack),
        "another_state": make_unit(UnitType.DCPU, district=patna),
    }
    return {
        kind: make_official(f"do_{kind}", Role.DISTRICT_OFFICIAL, unit=unit)
        for kind, unit in offices.items()
    }


@pytest.mark.refused_side("pfif:person", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("pfif:accept", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("pfif:duplicate", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("pfif:reject", "another_unit", "another_district", "another_state")
def test_officials_of_other_units_neither_open_nor_decide_on_the_person(
    client, imported, other_reviewers, officer, file_missing, odisha, khordha
):
    existing = file_missing(officer)
    before = queue_state(imported)
    for reviewer in other_reviewers.values():
        sign_in_verified(client, reviewer)
        url = f"/pfif/queue/{imported.pk}"

        assert client.get(f"{url}/").status_code == 404, reviewer
        assert client.get(f"{url}/accept/").status_code == 404
        accepted = client.post(f"{url}/accept/", missing_report_data(odisha, khordha))
        assert accepted.status_code == 404
        duplicate = client.post(f"{url}/duplicate/", {"case_number": existing.case_number})
        assert duplicate.status_code == 404
        assert client.post(f"{url}/reject/", {"reason": "Not ours"}).status_code == 404
    assert queue_state(imported) == before


def test_a_duplicate_is_marked_only_of_a_report_the_official_may_change(
    exchanging_client, imported, district_official, patna_officer, file_missing
):
    """Marking a duplicate writes a note into the existing report's case file: a report in
    Patna is not the Khordha official's to write into."""
    in_patna = file_missing(patna_officer)
    before = queue_state(imported)

    response = exchanging_client.post(
        f"/pfif/queue/{imported.pk}/duplicate/", {"case_number": in_patna.case_number}, follow=True
    )

    assert "outside your jurisdiction" in response.content.decode()
    assert queue_state(imported) == before
    with pytest.raises(PermissionDenied):
        services.mark_duplicate(person=imported, report=in_patna, decided_by=district_official)
    assert queue_state(imported) == before
