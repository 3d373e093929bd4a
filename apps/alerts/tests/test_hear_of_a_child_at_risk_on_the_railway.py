"""A child at high risk (suspected trafficking, or last seen at a railway station) may be carried
far along the railway: the SP of every district on the main routes through the district where the
child was last seen gets an SMS at once. SPs off the routes, and children at lower risk, do not
trouble them."""

import pytest

from apps.alerts import tasks
from apps.alerts.tests.conftest import sms_to
from apps.directory.models import District, RailwayRoute, RailwayRouteStop, UnitType
from apps.messaging.models import Message

pytestmark = pytest.mark.django_db

SP_CUTTACK, SP_PATNA, SP_PURI, SP_KHORDHA = "9437300001", "9470300001", "9437300002", "9437300003"


@pytest.fixture
def puri(odisha):
    return District.objects.create(lgd_code=361, name_en="Puri", state=odisha)


@pytest.fixture
def route(cuttack, khordha, patna):
    """A trunk line through Cuttack, Khordha and Patna (not Puri)."""
    line = RailwayRoute.objects.create(name="East Coast test line")
    for position, district in enumerate([cuttack, khordha, patna]):
        RailwayRouteStop.objects.create(route=line, district=district, position=position)
    return line


@pytest.fixture
def superintendents(make_headed_unit, cuttack, patna, puri, khordha):
    return {
        number: make_headed_unit(UnitType.DISTRICT_POLICE, district, f"SP {district}", number)
        for number, district in [
            (SP_CUTTACK, cuttack),
            (SP_PATNA, patna),
            (SP_PURI, puri),
            (SP_KHORDHA, khordha),
        ]
    }


def route_sms(outbox, number):
    return [sms for sms in sms_to(outbox, number) if "may travel by rail" in sms.text]


def test_a_suspected_trafficking_case_reaches_the_sps_along_the_route(
    route, superintendents, officer, file_missing, sent, sms_outbox
):
    with sent():
        report = file_missing(officer, circumstances="kidnapping", event_place_kind="other")

    (to_patna,) = route_sms(sms_outbox, SP_PATNA)
    assert to_patna.text.startswith(
        f"TrackChild: child at risk may travel by rail to your district: {report.case_number}, "
        "Priya Sahu, Girl, age 11"
    )
    assert to_patna.text.endswith("Contact Capital PS 0674-2390100.")
    assert len(route_sms(sms_outbox, SP_CUTTACK)) == 1
    assert not route_sms(sms_outbox, SP_PURI)  # Puri is not on the route
    assert not route_sms(sms_outbox, SP_KHORDHA)  # its own SP hears of the child as before
    assert len(sms_to(sms_outbox, SP_KHORDHA)) == 1
    logged = Message.objects.get(template="high_risk_on_route", recipient=SP_PATNA)
    assert logged.status == "sent"


def test_a_child_last_seen_at_a_railway_station_reaches_them_too(
    route, superintendents, officer, file_missing, sent, sms_outbox
):
    with sent():
        file_missing(officer, circumstances="left_home", event_place_kind="railway")

    assert len(route_sms(sms_outbox, SP_PATNA)) == 1
    assert len(route_sms(sms_outbox, SP_CUTTACK)) == 1


def test_e_mail_names_the_route(route, superintendents, officer, file_missing, sent, mailoutbox):
    with sent():
        file_missing(officer, circumstances="kidnapping")

    (email,) = [m for m in mailoutbox if m.to == [f"{SP_PATNA}@example.gov.in"]]
    assert "East Coast test line" in email.body


def test_a_child_lost_at_a_fair_does_not_go_down_the_line(
    route, superintendents, officer, file_missing, sent, sms_outbox
):
    with sent():
        file_missing(officer, circumstances="lost_in_crowd", event_place_kind="fair")

    assert not route_sms(sms_outbox, SP_PATNA)
    assert not route_sms(sms_outbox, SP_CUTTACK)


def test_a_district_on_no_route_alerts_no_one_along_routes(
    route, superintendents, officer, file_missing, sent, sms_outbox, puri
):
    with sent():
        file_missing(officer, circumstances="kidnapping", event_district=puri.pk)

    assert not route_sms(sms_outbox, SP_PATNA)
    assert not route_sms(sms_outbox, SP_KHORDHA)


def test_the_alert_running_twice_sends_once(
    route, superintendents, officer, file_missing, sent, sms_outbox
):
    with sent():
        report = file_missing(officer, circumstances="kidnapping")
    with sent():
        tasks.alert_new_report(report.pk)

    assert len(route_sms(sms_outbox, SP_PATNA)) == 1
