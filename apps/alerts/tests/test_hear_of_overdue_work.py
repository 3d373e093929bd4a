"""Each morning a unit with overdue work hears how much it owes, and the district's child
protection unit hears which units are behind: at most once a day each."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.alerts import services
from apps.alerts.tests.conftest import sms_to
from apps.compliance.choices import Event
from apps.compliance.models import OverdueItem
from apps.directory.models import UnitType

pytestmark = pytest.mark.django_db

HOME_HEAD, SHELTER_HEAD = "9437500001", "9437500002"
TODAY = date(2026, 11, 23)


@pytest.fixture
def behind(make_headed_unit, khordha, khordha_dcpu, file_found, cwc_member):
    found = file_found(cwc_member)
    home = make_headed_unit(UnitType.CHILDRENS_HOME, khordha, "Home Bhubaneswar", HOME_HEAD)
    shelter = make_headed_unit(UnitType.SHELTER_HOME, khordha, "Shelter Khordha", SHELTER_HEAD)
    due = timezone.now() - timedelta(days=3)
    for unit, count in ((home, 3), (shelter, 1)):
        for number in range(count):
            OverdueItem.objects.create(
                event=Event.CARE_PLAN,
                responsible_unit=unit,
                district=unit.district,
                state=unit.state,
                report=found,
                label=f"C-{unit.pk}-{number}",
                due_at=due - timedelta(hours=number),
                detected_at=due,
            )
    OverdueItem.objects.filter(label=f"C-{shelter.pk}-0").update(resolved_at=timezone.now())
    return home, shelter


def test_the_unit_and_the_dcpu_hear_of_overdue_work(behind, khordha_dcpu, sent, sms_outbox):
    with sent():
        services.queue_overdue_work_alerts(day=TODAY)

    (home_sms,) = sms_to(sms_outbox, HOME_HEAD)
    assert home_sms.text == (
        "TrackChild: Home Bhubaneswar has 3 overdue items (orders, care plans, reports or "
        "citizens' complaints). Please update the records on the portal."
    )
    assert not sms_to(sms_outbox, SHELTER_HEAD)  # its only item is resolved
    (dcpu_sms,) = sms_to(sms_outbox, khordha_dcpu.head_mobile)
    assert dcpu_sms.text == (
        "TrackChild: 1 units in Khordha have 3 overdue items. See Overdue work on the portal."
    )


def test_at_most_once_a_day(behind, khordha_dcpu, sent, sms_outbox):
    with sent():
        services.queue_overdue_work_alerts(day=TODAY)
        services.queue_overdue_work_alerts(day=TODAY)
    assert len(sms_to(sms_outbox, HOME_HEAD)) == 1

    with sent():
        services.queue_overdue_work_alerts(day=TODAY + timedelta(days=1))

    assert len(sms_to(sms_outbox, HOME_HEAD)) == 2
    assert len(sms_to(sms_outbox, khordha_dcpu.head_mobile)) == 2
