"""A father's complaint of his missing son, with a photo, reaches the police station: each time
an official opens it or its photo, the access log says who, from where, and which unit's
complaint it was. An official outside the station and its district is refused, and no entry is
written."""

import pytest
from django.test import Client

from apps.audit.models import AccessAction, AccessLog
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import missing_complaint_data, send_and_confirm
from apps.reports.tests.fixtures import photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(khordha, capital_ps):
    """Confirmed by SMS, it waits in the station's queue for the FIR."""
    data = missing_complaint_data(capital_ps, photo_upload=photo_upload("raju.jpg"))
    reference = send_and_confirm(Client(), "missing", khordha, data)
    return CitizenReport.objects.get(reference=reference)


def test_the_station_opens_the_complaint_and_its_photo(client, officer, complaint, capital_ps):
    client.force_login(officer)

    assert client.get(f"/citizen-reports/{complaint.reference}/").status_code == 200
    photo = client.get(f"/citizen-reports/{complaint.reference}/photo/", REMOTE_ADDR="10.5.5.5")

    assert photo.status_code == 200
    opened = AccessLog.objects.get(action=AccessAction.VIEW_RECORD)
    fetched = AccessLog.objects.get(action=AccessAction.VIEW_PHOTO)
    for entry in (opened, fetched):
        assert (entry.user, entry.record_type, entry.record_id, entry.owner_unit) == (
            officer,
            "citizens.citizenreport",
            complaint.pk,
            capital_ps,
        )
        assert entry.outside_jurisdiction is False
    assert fetched.ip_address == "10.5.5.5"


def test_an_official_of_another_state_is_refused_and_nothing_is_logged(
    client, patna_officer, complaint
):
    client.force_login(patna_officer)

    assert client.get(f"/citizen-reports/{complaint.reference}/").status_code == 404
    assert client.get(f"/citizen-reports/{complaint.reference}/photo/").status_code == 404

    assert not AccessLog.objects.exists()
