"""When the family withdraws consent to share with partner portals, the next PFIF export sends
that child's record as a PFIF 1.4 expiry record: its id with an expiry date already past and
nothing else about the child. (The partner's API pull: apps/api/tests/test_pull_pfif_export.py.)
"""

from datetime import UTC, datetime

import pytest

from apps.pfif.format import read_document
from apps.reports import services
from apps.reports.choices import ConsentPurpose

pytestmark = pytest.mark.django_db

REASON = {"reason": "Weekly exchange with the Nepal Police portal"}


@pytest.fixture
def priya_withdrawn(officer, file_missing):
    priya = file_missing(officer, full_name="Priya Sahu")
    services.withdraw_consent(
        report=priya,
        purpose=ConsentPurpose.PARTNER_SHARING,
        withdrawn_by=officer,
        note="Mother, in writing",
    )
    return priya


def expiry_in(persons, report):
    [person] = [p for p in persons if p.person_record_id.endswith(f"report.{report.pk}")]
    return person


def test_the_district_download_sends_an_expiry_record(exchanging_client, priya_withdrawn):
    persons = read_document(exchanging_client.post("/pfif/export/", REASON).content).persons

    person = expiry_in(persons, priya_withdrawn)
    expiry = datetime.fromisoformat(person.expiry_date.replace("Z", "+00:00"))
    assert expiry <= datetime.now(UTC)
    assert (person.full_name, person.description, person.age, person.notes) == (
        priya_withdrawn.case_number,
        "",
        "",
        [],
    )


def test_publication_withdrawn_alone_keeps_sharing_with_partners(
    exchanging_client, officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu")
    services.withdraw_consent(
        report=priya, purpose=ConsentPurpose.PUBLICATION, withdrawn_by=officer, note="x"
    )

    persons = read_document(exchanging_client.post("/pfif/export/", REASON).content).persons

    person = expiry_in(persons, priya)
    assert person.full_name.startswith("Priya Sahu")
    assert not person.expiry_date
