"""A citizen's confirmed sighting reaches the police station of the place and the district's
child protection unit at once."""

import pytest

from apps.alerts.tests.conftest import sms_to
from apps.citizens.tests.conftest import send_and_confirm, sighting_data
from apps.directory.models import UnitType
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

STATION_HEAD = "9437300001"


@pytest.fixture
def station(make_headed_unit, khordha):
    return make_headed_unit(UnitType.POLICE_STATION, khordha, "Lingaraj PS", STATION_HEAD)


def test_the_station_and_the_dcpu_hear_of_the_sighting(
    client, khordha, station, khordha_dcpu, sms_outbox
):
    send_and_confirm(client, "sighting", khordha, sighting_data(station))

    sighting = Report.objects.get(kind="sighting")
    (station_sms,) = sms_to(sms_outbox, STATION_HEAD)
    assert sighting.case_number in station_sms.text
    assert "Bhubaneswar railway station, platform 3" in station_sms.text
    assert len(sms_to(sms_outbox, khordha_dcpu.head_mobile)) == 1


def test_an_unconfirmed_sighting_alerts_nobody(client, khordha, station, khordha_dcpu, sms_outbox):
    from apps.citizens.tests.conftest import send_report

    send_report(client, "sighting", khordha, sighting_data(station))

    assert not sms_to(sms_outbox, STATION_HEAD)
    assert not sms_to(sms_outbox, khordha_dcpu.head_mobile)
