"""On the first of the month every District Magistrate and Superintendent of Police gets one SMS
(and, with an e-mail address, a fuller e-mail) on the district's missing and found children,
in their own language; the district's officials read the same figures on the portal."""

from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from apps.alerts.models import DistrictDigest
from apps.alerts.services import previous_month
from apps.alerts.tasks import send_monthly_digests
from apps.alerts.tests.conftest import sms_to
from apps.compliance.models import UnitCompliance
from apps.directory.models import UnitType
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.messaging.models import Message
from apps.messaging.services import resume_stalled
from apps.messaging.tasks import send_message
from apps.reports import services as report_services
from apps.reports.choices import Status
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

DM_KHORDHA, SP_KHORDHA = "9437000001", "9437000002"


@pytest.fixture
def month():
    return previous_month(timezone.localdate())


def during(month, day):
    return timezone.make_aware(timezone.datetime.combine(month, timezone.datetime.min.time())) + (
        timedelta(days=day - 1, hours=11)
    )


@pytest.fixture
def heads(make_headed_unit, make_unit, khordha, cuttack):
    make_headed_unit(UnitType.DISTRICT_COLLECTORATE, khordha, "DM Khordha", DM_KHORDHA)
    make_headed_unit(
        UnitType.DISTRICT_POLICE, khordha, "SP Khordha", SP_KHORDHA, language="hi", channels="sms"
    )
    # Cuttack's DM has no contact in the directory: the office's own e-mail is used; its phone
    # is a landline, so no SMS.
    make_unit(
        UnitType.DISTRICT_COLLECTORATE,
        district=cuttack,
        name="DM Cuttack",
        email="dm.cuttack@example.gov.in",
        phone="0671-2507000",
    )


@pytest.fixture
def khordha_month(month, officer, file_missing, file_found, cwc_member, childrens_home, make_unit):
    """Hand-counted: in Khordha last month 2 missing and 1 found child were reported, 1 match was
    confirmed, 1 child restored; 1 missing child reported before is still not found after 30
    days; 1 of its 2 institutions is late."""

    def filed_on(report, moment):
        Report.objects.filter(pk=report.pk).update(created_at=moment)
        return report

    first = filed_on(file_missing(officer, full_name="Priya Sahu"), during(month, 10))
    filed_on(file_missing(officer, full_name="Rinku Das", fir_number="113/2026"), during(month, 12))
    filed_on(
        file_missing(officer, full_name="Sonu Jena", fir_number="90/2026"),
        during(month, 1) - timedelta(days=40),
    )
    found = file_found(cwc_member)
    MatchCandidate.objects.update_or_create(
        missing=first,
        other=found,
        defaults={
            "kind": CandidateKind.MATCH,
            "score": 80,
            "status": CandidateStatus.CONFIRMED,
            "decided_at": during(month, 20),
            "fingerprint": "x",
        },
    )
    # Both reports of the matched child are marked restored: the child counts once.
    for report, official in ((first, officer), (found, cwc_member)):
        report_services.change_status(
            report=report, changed_by=official, status=Status.RESTORED, closure_reason="", note=""
        )
        report.history.filter(status=Status.RESTORED).update(history_date=during(month, 25))
    filed_on(first, during(month, 10))
    filed_on(found, during(month, 11))
    now = timezone.now()
    for unit, open_items in (
        (childrens_home, 2),
        (make_unit(UnitType.SHELTER_HOME, district=childrens_home.district), 0),
    ):
        UnitCompliance.objects.create(
            unit=unit,
            unit_type=unit.unit_type,
            district=unit.district,
            state=unit.state,
            is_registered=True,
            last_upload_at=now - timedelta(days=2),
            open_items=open_items,
            records=3,
            records_overdue=1 if open_items else 0,
            late_filings=0,
            computed_at=now,
        )


def test_dm_and_sp_each_get_one_sms_with_the_districts_figures(
    heads, khordha_month, month, sent, sms_outbox
):
    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    (dm_sms,) = sms_to(sms_outbox, DM_KHORDHA)
    month_name = date_format(month, "F Y")
    assert dm_sms.text == (
        f"TrackChild {month_name}, Khordha: missing 2, found 1, matched 1, restored 1, "
        "open over 30 days 1, institutions late 1 of 2."
    )
    (sp_sms,) = sms_to(sms_outbox, SP_KHORDHA)
    with override("hi"):
        assert date_format(month, "F Y") in sp_sms.text  # the SP reads Hindi
    assert sp_sms.is_unicode
    assert len(sms_outbox) == 2  # Cuttack's DM office has only a landline; Patna has no DM here


def test_the_fuller_e_mail_names_the_late_institutions(heads, khordha_month, month, sent):
    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    dm_mail = by_recipient[f"{DM_KHORDHA}@example.gov.in"]
    assert dm_mail.subject == f"Missing and found children in Khordha, {date_format(month, 'F Y')}"
    assert "Restored to family: 1" in dm_mail.body
    assert "- Children's Home Bhubaneswar" in dm_mail.body
    assert "/alerts/digests/362/" in dm_mail.body
    assert f"{SP_KHORDHA}@example.gov.in" not in by_recipient  # the SP chose SMS only
    assert "Missing children reported: 0" in by_recipient["dm.cuttack@example.gov.in"].body


def test_running_the_job_again_sends_nothing_new_and_keeps_the_figures_sent(
    heads, khordha_month, month, sent, sms_outbox, officer, file_missing
):
    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")
    messages, digests = Message.objects.count(), list(DistrictDigest.objects.values())
    late = file_missing(officer, full_name="Late Entry", fir_number="120/2026")
    Report.objects.filter(pk=late.pk).update(created_at=during(month, 28))

    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    assert Message.objects.count() == messages
    assert list(DistrictDigest.objects.values()) == digests
    assert len(sms_to(sms_outbox, DM_KHORDHA)) == 1


def test_with_the_console_backend_the_job_prints_one_sms_per_dm_and_sp(
    heads, month, sent, settings, capsys
):
    settings.SMS_BACKEND = "apps.messaging.backends.console.ConsoleBackend"

    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    printed = capsys.readouterr().out
    assert printed.count("SMS to ") == 2
    assert f"SMS to {DM_KHORDHA} " in printed
    assert f"SMS to {SP_KHORDHA} " in printed


@pytest.mark.usefixtures("retries_run_inline")
def test_through_a_real_gateway_failures_are_retried_and_nobody_gets_two(
    heads, month, sent, gateway
):
    gateway.answers = [503, 200, 502]

    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")
    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    assert sorted(request["mobileno"] for request in gateway.received) == sorted(
        [DM_KHORDHA, DM_KHORDHA, SP_KHORDHA, SP_KHORDHA]
    )
    assert len(gateway.accepted) == 2
    assert set(Message.objects.filter(channel="sms").values_list("status", flat=True)) == {"sent"}


@pytest.mark.usefixtures("retries_run_inline")
def test_a_worker_killed_mid_digest_gets_nobody_a_second_sms(heads, month, sent, gateway):
    """As in the fault drill: the worker died while the gateway had taken the heads' SMS, the
    broker put its tasks back, and each SMS was sent again (6 requests for 4 messages)."""
    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")
    sms = Message.objects.filter(channel="sms")
    sms.update(status="sending", lease_until=timezone.now() + timedelta(minutes=1))

    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")
    for message in sms:
        send_message.delay(message.pk)
    assert len(gateway.received) == 2  # the sends are left to the killed worker's lease

    sms.update(lease_until=timezone.now() - timedelta(seconds=1))
    with sent():
        resume_stalled()

    per_key = Counter(request["idempotency_key"] for request in gateway.received)
    assert sorted(per_key) == sorted(str(message.public_id) for message in sms)
    assert set(per_key.values()) == {2}  # sent again under the same key...
    assert len(gateway.accepted) == 2  # ...which the gateway dropped: one SMS to each head
    assert set(sms.values_list("status", flat=True)) == {"sent"}


def test_a_bad_month_is_refused_with_a_clear_message():
    with pytest.raises(Exception, match="Give the month as YYYY-MM"):
        call_command("send_monthly_digest", "--month", "October")


def test_a_child_reported_twice_and_closed_as_a_duplicate_counts_once(
    heads, khordha_month, month, sent, sms_outbox, officer, file_missing
):
    priya = Report.objects.get(full_name="Priya Sahu")
    again = file_missing(officer, full_name="Priya Sahu", fir_number="114/2026")
    report_services.close_as_duplicate(report=again, primary=priya, closed_by=officer)
    Report.objects.filter(pk=again.pk).update(created_at=during(month, 11))

    with sent():
        call_command("send_monthly_digest", "--month", f"{month:%Y-%m}")

    (dm_sms,) = sms_to(sms_outbox, DM_KHORDHA)
    assert "Khordha: missing 2, found 1," in dm_sms.text


def test_beat_sends_it_on_its_day_and_again_the_two_days_after():
    """A digest day missed while beat or Redis was down is made up on one of the two days after;
    a run after one that went through sends nothing (test_running_the_job_again_...)."""
    entry = settings.CELERY_BEAT_SCHEDULE["send-monthly-digests"]

    assert entry["task"] == send_monthly_digests.name
    schedule = entry["schedule"]
    day = settings.ALERTS_DIGEST_DAY
    assert schedule.day_of_month == {day, day + 1, day + 2}
    assert (schedule.hour, schedule.minute) == ({settings.ALERTS_DIGEST_HOUR}, {0})
