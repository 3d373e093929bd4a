"""On the 1st of the month each State/UT's nodal officer gets last month's flags of unusual use
by the officials of their State/UT, by e-mail (text and HTML), in their language; a State/UT
with none is told so. Each gets it once, however often the task runs or wherever it stopped."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.utils.formats import date_format
from django.utils.translation import override

from apps.accounts.models import Role
from apps.audit import services
from apps.audit.models import AccessAction
from apps.audit.tasks import send_monthly_access_flags
from apps.audit.tests.conftest import india
from apps.directory.models import NodalOfficer, State, UnitType
from apps.messaging.models import Message

pytestmark = pytest.mark.django_db

NOVEMBER = "2026-11-01"


@pytest.fixture
def west_bengal(db):
    return State.objects.create(lgd_code=19, name_en="West Bengal", name_hi="पश्चिम बंगाल", kind="S")


@pytest.fixture
def nodal_officers(odisha_reviewer, bihar_reviewer, make_unit, make_official, west_bengal):
    """Odisha's and West Bengal's in their SCPS, Bihar's in its State police, who reads Hindi."""
    bihar_police = make_unit(UnitType.STATE_POLICE, state=bihar_reviewer.unit.state)
    make_official(
        "ig_bihar",
        Role.STATE_OFFICIAL,
        unit=bihar_police,
        email="nodal.bihar@example.gov.in",
        preferred_language="hi",
    )
    for unit, email in (
        (odisha_reviewer.unit, "nodal.odisha@example.gov.in"),
        (bihar_police, "nodal.bihar@example.gov.in"),
        (make_unit(UnitType.SCPS, state=west_bengal), "nodal.wb@example.gov.in"),
    ):
        NodalOfficer.objects.create(
            unit=unit,
            scope=NodalOfficer.Scope.STATE,
            name="Nodal officer",
            designation="State nodal officer, missing children",
            phone="0674-2390998",
            email=email,
        )


@pytest.fixture
def november(log, odisha_officer, bihar_officer):
    log(odisha_officer, AccessAction.VIEW_SUMMARY, at=india(2026, 11, 5), times=60, outside=True)
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 11, 9), rows=4200)
    for at in (india(2026, 11, 14, 23), india(2026, 11, 15, 1), india(2026, 11, 15, 2)):
        log(bihar_officer, AccessAction.SEARCH, at=at)
    # October's and December's use is not November's.
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 10, 31, 23), rows=7777)
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 12, 1, 0, 5), rows=8888)


@pytest.fixture
def run_on_the_first(django_capture_on_commit_callbacks):
    """Beat's task for November, and the sending it hands over, as the workers would run them."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return send_monthly_access_flags(NOVEMBER)

    mail.outbox.clear()
    return run


def mail_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_nodal_officer_gets_their_own_states_flags_once(
    nodal_officers, november, run_on_the_first
):
    assert run_on_the_first() == 3

    (odisha,) = mail_to("nodal.odisha@example.gov.in")
    (bihar,) = mail_to("nodal.bihar@example.gov.in")
    assert odisha.subject == "TrackChild access review, Odisha, November 2026: flags 2"
    assert "Ramesh Nayak (si_odisha), Capital PS, Khordha" in odisha.body
    assert "60 records opened outside their jurisdiction" in odisha.body
    assert "1 large export, rows: 4,200" in odisha.body
    assert "/audit/?username=si_odisha&since=2026-11-09&until=2026-11-09&action=export" in (
        odisha.body
    )
    assert "7,777" not in odisha.body
    assert "8,888" not in odisha.body
    assert "si_bihar" not in odisha.body
    # Bihar's nodal officer reads Hindi: the night searches by their names and times.
    assert "si_bihar" in bihar.body
    assert "23:00, 01:00, 02:00" in bihar.body
    assert "si_odisha" not in bihar.body
    html, mimetype = odisha.alternatives[0]
    assert mimetype == "text/html"
    assert "<table" in html
    assert "si_odisha" in html
    assert "si_bihar" not in html
    assert "/audit/review/?month=2026-11&amp;state=21" in html


def test_a_state_with_no_flags_is_told_the_review_ran(nodal_officers, november, run_on_the_first):
    run_on_the_first()

    (west_bengal,) = mail_to("nodal.wb@example.gov.in")
    assert west_bengal.subject == "TrackChild access review, West Bengal, November 2026: flags 0"
    assert "No unusual use by officials of units in West Bengal this month." in west_bengal.body


def test_the_nodal_officer_reads_it_in_their_language(nodal_officers, november, run_on_the_first):
    run_on_the_first()

    (bihar,) = Message.objects.filter(recipient="nodal.bihar@example.gov.in")
    assert bihar.language == "hi"
    with override("hi"):
        assert f"बिहार, {date_format(date(2026, 11, 1), 'F Y')}" in bihar.subject


def test_running_twice_sends_nothing_new(nodal_officers, november, run_on_the_first):
    run_on_the_first()
    sent = len(mail.outbox)

    run_on_the_first()

    assert sent == 3
    assert len(mail.outbox) == sent
    assert Message.objects.count() == 3


def test_a_run_that_dies_half_way_leaves_nothing_and_the_rerun_sends_each_once(
    nodal_officers, november, run_on_the_first, monkeypatch
):
    queue_for = services.queue_for
    calls = []

    def dies_at_the_second_state(recipients, **kwargs):
        calls.append(kwargs["alert_key"])
        if len(calls) == 2:
            raise SystemExit("worker killed")
        queue_for(recipients, **kwargs)

    monkeypatch.setattr(services, "queue_for", dies_at_the_second_state)
    with pytest.raises(SystemExit):
        run_on_the_first()
    assert Message.objects.count() == 0
    monkeypatch.setattr(services, "queue_for", queue_for)

    run_on_the_first()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "nodal.bihar@example.gov.in",
        "nodal.odisha@example.gov.in",
        "nodal.wb@example.gov.in",
    ]


def test_without_a_nodal_officer_the_state_child_protection_society_is_told(
    odisha_reviewer, november, run_on_the_first
):
    odisha_reviewer.unit.email = "scps.odisha@example.gov.in"
    odisha_reviewer.unit.save()

    run_on_the_first()

    (odisha,) = mail_to("scps.odisha@example.gov.in")
    assert "si_odisha" in odisha.body


def test_beat_runs_it_on_the_first_and_again_the_two_days_after():
    """A first of the month missed while beat or Redis was down is made up on the 2nd or 3rd; a
    run after one that went through sends nothing (test_running_twice_sends_nothing_new)."""
    entry = settings.CELERY_BEAT_SCHEDULE["send-monthly-access-flags"]

    assert entry["task"] == send_monthly_access_flags.name
    schedule = entry["schedule"]
    assert schedule.day_of_month == {1, 2, 3}
    assert (schedule.hour, schedule.minute) == ({settings.ACCESS_REVIEW_EMAIL_HOUR}, {0})
