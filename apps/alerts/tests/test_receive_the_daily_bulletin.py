"""Every morning each police station and SP office gets by e-mail the missing children reported
the day before in its State/UT and the neighbouring ones, with every suspected trafficking case
of India; the State police headquarters and the SCPS get their State's. One bulletin a day, however
often the task runs, in the recipient's language, kept in the message log."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.alerts import tasks
from apps.directory.models import District, State, UnitType
from apps.messaging.models import Message
from apps.outbox import services as outbox_services
from apps.outbox.models import OutboxState, OutboxTask

pytestmark = pytest.mark.django_db

STATION, SP, STATE_POLICE, SCPS, BIHAR_STATION = (
    "station@kerala.example.gov.in",
    "sp@kerala.example.gov.in",
    "dgp@kerala.example.gov.in",
    "scps@kerala.example.gov.in",
    "station@bihar.example.gov.in",
)


@pytest.fixture
def kerala(db):
    return State.objects.create(lgd_code=32, name_en="Kerala", name_hi="केरल", kind="S")


@pytest.fixture
def tamil_nadu(kerala):
    state = State.objects.create(lgd_code=33, name_en="Tamil Nadu", kind="S")
    state.neighbours.add(kerala)
    return state


@pytest.fixture
def ernakulam(kerala):
    return District.objects.create(lgd_code=549, name_en="Ernakulam", state=kerala)


@pytest.fixture
def coimbatore(tamil_nadu):
    return District.objects.create(lgd_code=573, name_en="Coimbatore", state=tamil_nadu)


@pytest.fixture
def kerala_units(make_unit, kerala, ernakulam, patna):
    def unit(unit_type, email, **place):
        return make_unit(
            unit_type, head_email=email, head_alert_channels="email", head_language="en", **place
        )

    return {
        STATION: unit(UnitType.POLICE_STATION, STATION, district=ernakulam),
        SP: unit(UnitType.DISTRICT_POLICE, SP, district=ernakulam),
        STATE_POLICE: unit(UnitType.STATE_POLICE, STATE_POLICE, state=kerala),
        SCPS: unit(UnitType.SCPS, SCPS, state=kerala),
        BIHAR_STATION: unit(UnitType.POLICE_STATION, BIHAR_STATION, district=patna),
    }


@pytest.fixture
def yesterday():
    return timezone.localdate() - timedelta(days=1)


@pytest.fixture
def file_yesterday(file_missing, yesterday):
    """File a missing report as if it had been filed yesterday at noon."""
    numbers = iter(range(1, 100))

    def file(official, state, district, name, **overrides):
        report = file_missing(
            official,
            full_name=name,
            event_state=state.pk,
            event_district=district.pk,
            fir_number=f"{next(numbers)}/2026",
            **overrides,
        )
        noon = timezone.make_aware(
            timezone.datetime.combine(yesterday, timezone.datetime.min.time())
        ) + timedelta(hours=12)
        report.__class__.objects.filter(pk=report.pk).update(created_at=noon)
        return report

    return file


@pytest.fixture
def new_cases(file_yesterday, officer, kerala, ernakulam, tamil_nadu, coimbatore, bihar, patna):
    return {
        "kerala": file_yesterday(officer, kerala, ernakulam, "Anu Joseph"),
        "tamil_nadu": file_yesterday(officer, tamil_nadu, coimbatore, "Karthik Raja"),
        "bihar_trafficked": file_yesterday(
            officer, bihar, patna, "Rani Devi", circumstances="kidnapping"
        ),
        "bihar": file_yesterday(officer, bihar, patna, "Sonu Kumar"),
    }


def bulletin_to(address):
    (email,) = [message for message in mail.outbox if message.to == [address]]
    return email


def run(day, sent):
    mail.outbox.clear()
    with sent():
        return tasks.send_daily_bulletins(day.isoformat())


def test_a_kerala_station_hears_of_kerala_its_neighbours_and_trafficking_anywhere(
    kerala_units, new_cases, yesterday, sent
):
    run(yesterday, sent)

    email = bulletin_to(STATION)
    assert email.subject == f"Children reported missing on {yesterday:%d/%m/%Y}: 3"
    assert "Anu Joseph" in email.body
    assert "Karthik Raja" in email.body  # Tamil Nadu borders Kerala
    assert "Rani Devi" in email.body  # suspected trafficking, from Bihar
    assert "Suspected trafficking." in email.body
    assert "Sonu Kumar" not in email.body  # Bihar does not border Kerala
    assert new_cases["kerala"].case_number in email.body
    assert "Sonu Kumar" not in bulletin_to(SP).body
    assert "Karthik Raja" in bulletin_to(SP).body


def test_the_state_police_and_the_scps_hear_of_their_states_children(
    kerala_units, new_cases, yesterday, sent
):
    run(yesterday, sent)

    for address in (STATE_POLICE, SCPS):
        email = bulletin_to(address)
        assert "Anu Joseph" in email.body
        assert "Karthik Raja" not in email.body
        assert "Rani Devi" not in email.body


def test_a_station_gets_one_bulletin_a_day_however_often_the_task_runs(
    kerala_units, new_cases, yesterday, sent
):
    run(yesterday, sent)
    run(yesterday, sent)

    assert not mail.outbox  # nothing the second time
    logged = Message.objects.filter(template="daily_bulletin", recipient=STATION)
    assert logged.count() == 1
    assert logged.get().status == "sent"


def test_a_bihar_station_hears_of_bihar(kerala_units, new_cases, yesterday, sent):
    run(yesterday, sent)

    email = bulletin_to(BIHAR_STATION)
    assert "Sonu Kumar" in email.body
    assert "Rani Devi" in email.body
    assert "Anu Joseph" not in email.body


def test_the_bulletin_is_in_the_heads_language(kerala_units, new_cases, yesterday, sent):
    station = kerala_units[STATION]
    station.head_language = "hi"
    station.save(update_fields=["head_language"])

    run(yesterday, sent)

    assert Message.objects.get(recipient=STATION).language == "hi"
    assert "केरल" in bulletin_to(STATION).body  # the State's name as a Hindi reader reads it


def test_children_found_already_or_reported_today_are_left_out(
    kerala_units, new_cases, yesterday, sent, file_missing, officer, kerala, ernakulam
):
    found = new_cases["kerala"]
    found.status = "closed"
    found.save(update_fields=["status"])
    file_missing(
        officer,
        full_name="Today Child",
        event_state=kerala.pk,
        event_district=ernakulam.pk,
        fir_number="99/2026",
    )

    run(yesterday, sent)

    assert "Anu Joseph" not in bulletin_to(STATION).body
    assert "Today Child" not in bulletin_to(STATION).body
    assert not [message for message in mail.outbox if message.to == [SCPS]]  # nothing to say


def test_a_day_with_no_new_child_sends_nothing(kerala_units, yesterday, sent):
    assert run(yesterday, sent) == 0

    assert not mail.outbox


def test_with_the_broker_down_the_bulletins_wait_and_go_out_once(
    kerala_units, new_cases, yesterday, sent, publish_to, dead_redis_url
):
    publish_to(dead_redis_url)
    run(yesterday, sent)

    assert not mail.outbox
    waiting = OutboxTask.objects.filter(task="apps.messaging.tasks.send_message")
    assert waiting.filter(state=OutboxState.PENDING).count() == len(kerala_units)
    assert Message.objects.filter(template="daily_bulletin", status="queued").count() == 5

    publish_to(None)  # the broker is back
    waiting.update(next_attempt_at=timezone.now())
    outbox_services.sweep()
    outbox_services.sweep()

    assert sorted(address for email in mail.outbox for address in email.to) == sorted(kerala_units)
