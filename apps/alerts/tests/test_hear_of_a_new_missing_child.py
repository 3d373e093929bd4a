"""When a station files a missing child, every other police unit of the district hears at once;
when the child was last seen at a railway station or bus stand, so do the police of the
neighbouring districts. Others hear nothing."""

import pytest
from django.core import mail

from apps.accounts.models import Role
from apps.alerts import tasks
from apps.alerts.tests.conftest import sms_to
from apps.directory.models import UnitType
from apps.messaging.models import Message

pytestmark = pytest.mark.django_db

GRP, SP, CWC, CUTTACK_PS, PATNA_PS = (
    "9437100001",
    "9437100002",
    "9437100003",
    "9437200001",
    "9470000001",
)


@pytest.fixture
def police_around(make_headed_unit, khordha, cuttack, patna):
    return {
        "grp": make_headed_unit(UnitType.RAILWAY_POLICE, khordha, "GRP Bhubaneswar", GRP),
        "sp": make_headed_unit(
            UnitType.DISTRICT_POLICE, khordha, "SP Khordha", SP, language="hi", channels="sms"
        ),
        "cwc": make_headed_unit(UnitType.CWC, khordha, "CWC Khordha", CWC),
        "cuttack": make_headed_unit(UnitType.POLICE_STATION, cuttack, "Cuttack PS", CUTTACK_PS),
        "patna": make_headed_unit(UnitType.POLICE_STATION, patna, "Kotwali PS", PATNA_PS),
    }


def test_the_districts_other_police_units_hear_of_the_child_at_once(
    police_around, officer, file_missing, sent, sms_outbox
):
    with sent():
        report = file_missing(officer, event_place_kind="other")

    (grp_sms,) = sms_to(sms_outbox, GRP)
    assert grp_sms.text == (
        f"TrackChild: child missing, {report.case_number}, Priya Sahu, Girl, age 11, last seen "
        f"{report.event_at.astimezone().strftime('%d/%m/%Y %H:%M')} at Bhubaneswar railway "
        "station, Khordha. Contact Capital PS 0674-2390100."
    )
    (sp_message,) = Message.objects.filter(recipient=SP)
    assert sp_message.language == "hi"
    assert not sms_to(sms_outbox, CWC)  # not a police unit
    assert not sms_to(sms_outbox, CUTTACK_PS)
    assert not sms_to(sms_outbox, PATNA_PS)
    assert not Message.objects.filter(recipient_unit=officer.unit).exists()  # it filed the report


def test_last_seen_at_a_railway_station_the_neighbouring_districts_hear_too(
    police_around, neighbours, officer, file_missing, sent, sms_outbox
):
    with sent():
        file_missing(officer, event_place_kind="railway")

    assert len(sms_to(sms_outbox, CUTTACK_PS)) == 1
    assert not sms_to(sms_outbox, PATNA_PS)  # Patna does not border Khordha


def test_seen_elsewhere_the_neighbours_are_not_troubled(
    police_around, neighbours, officer, file_missing, sent, sms_outbox
):
    with sent():
        file_missing(officer, event_place_kind="fair")

    assert not sms_to(sms_outbox, CUTTACK_PS)


def test_officials_hear_as_they_chose_and_not_at_all_when_they_chose_none(
    police_around, make_official, officer, file_missing, sent
):
    make_official(
        "asi_grp",
        Role.POLICE_OFFICER,
        unit=police_around["grp"],
        email="asi.grp@example.gov.in",
        alert_channels="email",
    )
    make_official(
        "hc_grp", Role.POLICE_OFFICER, unit=police_around["grp"], email="hc.grp@example.gov.in"
    )

    with sent():
        report = file_missing(officer)

    recipients = {message.to[0]: message for message in mail.outbox}
    assert report.get_absolute_url() in recipients["asi.grp@example.gov.in"].body
    assert "hc.grp@example.gov.in" not in recipients
    assert not Message.objects.filter(recipient_user__username="asi_grp", channel="sms").exists()


def test_a_unit_naming_nobody_is_reached_on_its_own_mobile_and_e_mail(
    make_unit, khordha, officer, file_missing, sent, sms_outbox
):
    make_unit(UnitType.SJPU, district=khordha, phone="+91 94371 99999", email="sjpu@example.gov.in")

    with sent():
        file_missing(officer)

    assert len(sms_to(sms_outbox, "9437199999")) == 1
    assert [message.to for message in mail.outbox] == [["sjpu@example.gov.in"]]


def test_a_found_child_or_a_second_run_alerts_nobody_again(
    police_around, officer, cwc_member, file_missing, file_found, sent, sms_outbox
):
    with sent():
        report = file_missing(officer)
        file_found(cwc_member)
    alerted = len(sms_outbox)

    with sent():
        tasks.alert_new_report.delay(report.pk)

    assert alerted == 2  # the GRP and the SP, for the missing child only
    assert len(sms_outbox) == alerted
