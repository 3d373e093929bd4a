"""A police station must enter a missing report on the portal within 24 hours of registering its
FIR or GD (a deadline rule an administrator may change or switch off). The morning after a
station enters one later, the district's SP office hears of it in the daily overdue-work round:
one summary for the district naming how many were late and which stations entered them, told
once whatever runs again. Neither the other stations of the district nor the police of another
district or State/UT hear of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.models import Role
from apps.alerts import services
from apps.alerts.tests.conftest import sms_to
from apps.compliance.models import DeadlineRule
from apps.directory.models import UnitType
from apps.reports.tests.fixtures import local_input
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db

SP_HEAD = "9437000004"
OTHER_HEAD = "9437999999"


@pytest.fixture
def sp_khordha(make_headed_unit, khordha):
    return make_headed_unit(UnitType.DISTRICT_POLICE, khordha, "SP Khordha", SP_HEAD)


@pytest.fixture
def enter_after_fir(file_missing, officer):
    """A station's officer (Capital PS unless told) enters now a missing report whose FIR was
    registered `hours` ago; returns the report."""

    def enter(hours: float, official=None, **overrides):
        now = timezone.now()
        return file_missing(
            official or officer,
            fir_registered_at=local_input(now - timedelta(hours=hours)),
            event_at=local_input(now - timedelta(hours=hours + 5)),
            **overrides,
        )

    return enter


def morning_after(report):
    """The day of the overdue-work round that follows the report's entry."""
    return timezone.localdate(report.created_at) + timedelta(days=1)


def late_texts(outbox, number):
    return [sms.text for sms in sms_to(outbox, number) if "entered late" in sms.text]


def test_the_sp_office_hears_once_of_the_reports_entered_late_the_day_before(
    sp_khordha, make_unit, make_official, khordha, enter_after_fir, sent, sms_outbox
):
    airport_ps = make_unit(UnitType.POLICE_STATION, district=khordha, name="Airport PS")
    airport_officer = make_official("airport_si", Role.POLICE_OFFICER, unit=airport_ps)
    late = enter_after_fir(30)
    later = enter_after_fir(41, fir_number="114/2026")
    airport_late = enter_after_fir(26, official=airport_officer, fir_number="7/2026")
    enter_after_fir(20, fir_number="113/2026")  # in time
    day = morning_after(late)

    with sent():
        services.queue_overdue_work_alerts(day=day - timedelta(days=1))  # same day: not yet
    assert not late_texts(sms_outbox, SP_HEAD)

    with sent():
        services.queue_overdue_work_alerts(day=day)

    entered_on = f"{day - timedelta(days=1):%d/%m/%Y}"
    assert late_texts(sms_outbox, SP_HEAD) == [
        f"TrackChild: 3 missing reports were entered late in Khordha on {entered_on}, over 24 h "
        "after their FIR/GD, by 2 police stations. See Overdue work on the portal."
    ]
    (email,) = [message for message in mail.outbox if message.to == [f"{SP_HEAD}@example.gov.in"]]
    assert email.subject == f"Missing reports entered late in Khordha on {entered_on}"
    assert f"- Airport PS: {airport_late.case_number} (26 h)\n" in email.body
    assert f"- Capital PS: {late.case_number} (30 h), {later.case_number} (41 h)\n" in email.body
    assert "/compliance/" in email.body

    # The round runs again that morning, and the next morning: nothing is told twice.
    with sent():
        services.queue_overdue_work_alerts(day=day)
        services.queue_overdue_work_alerts(day=day + timedelta(days=1))
    assert len(late_texts(sms_outbox, SP_HEAD)) == 1


def test_a_report_entered_20_hours_after_the_fir_is_in_time(
    sp_khordha, enter_after_fir, sent, sms_outbox
):
    report = enter_after_fir(20)

    with sent():
        services.queue_overdue_work_alerts(day=morning_after(report))

    assert not sms_to(sms_outbox, SP_HEAD)
    assert not mail.outbox


@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_nobody_outside_the_district_sp_office_hears_of_it(
    kind, sp_khordha, make_headed_unit, khordha, cuttack, patna, enter_after_fir, sent, sms_outbox
):
    # Another station of the district; the SP office of another district or State/UT.
    unit_type, district = {
        "another_unit": (UnitType.POLICE_STATION, khordha),
        "another_district": (UnitType.DISTRICT_POLICE, cuttack),
        "another_state": (UnitType.DISTRICT_POLICE, patna),
    }[kind]
    make_headed_unit(unit_type, district, "Police elsewhere", OTHER_HEAD)
    report = enter_after_fir(30)

    with sent():
        services.queue_overdue_work_alerts(day=morning_after(report))

    assert not sms_to(sms_outbox, OTHER_HEAD)
    assert len(late_texts(sms_outbox, SP_HEAD)) == 1  # while Khordha's SP office does hear


def test_the_configured_hours_decide_and_a_rule_switched_off_tells_nobody(
    sp_khordha, enter_after_fir, sent, sms_outbox
):
    report = enter_after_fir(30)
    day = morning_after(report)
    rule = DeadlineRule.objects.get(event="missing_filing")

    rule.is_active = False
    rule.save()
    with sent():
        services.queue_overdue_work_alerts(day=day)
    assert not sms_to(sms_outbox, SP_HEAD)

    rule.is_active, rule.allowed_hours = True, 36
    rule.save()
    with sent():
        services.queue_overdue_work_alerts(day=day)
    assert not sms_to(sms_outbox, SP_HEAD)

    rule.allowed_hours = 12
    rule.save()
    with sent():
        services.queue_overdue_work_alerts(day=day)
    (text,) = late_texts(sms_outbox, SP_HEAD)
    assert "1 missing reports were entered late" in text
    assert "over 12 h after their FIR/GD" in text
