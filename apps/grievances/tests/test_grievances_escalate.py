"""A grievance unanswered for GRIEVANCE_ANSWER_DAYS goes up to the State/UT's nodal unit, and
unanswered there to the ministry; each unit it reaches is alerted once, however often the
hourly job runs."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from apps.grievances.models import AnswerLevel, Grievance
from apps.grievances.services import escalate_overdue
from apps.grievances.tasks import escalate_grievances
from apps.grievances.tests.conftest import lodge_and_confirm
from apps.messaging.models import Message


@pytest.fixture
def kamalas_grievance(munnas_case):
    return lodge_and_confirm(case=munnas_case.case_number)


def escalate(now):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return escalate_overdue(now=now)


def escalation_alerts():
    return Message.objects.filter(template="grievance_escalated")


def test_unanswered_after_its_days_it_goes_to_the_scps_then_the_ministry(
    kamalas_grievance, scps_odisha, ministry, settings
):
    settings.GRIEVANCE_ANSWER_DAYS = 30
    scps_odisha.email = "scps@odisha.gov.in"
    scps_odisha.save()
    day_29 = kamalas_grievance.lodged_at + timedelta(days=29)
    day_31 = kamalas_grievance.lodged_at + timedelta(days=31)
    day_62 = kamalas_grievance.lodged_at + timedelta(days=62)

    assert escalate(day_29) == 0
    assert escalate(day_31) == 1
    at_state = Grievance.objects.get()
    assert escalate(day_31 + timedelta(hours=1)) == 0  # the next hourly run moves nothing
    assert escalate(day_62) == 1
    at_ministry = Grievance.objects.get()
    assert escalate(day_62 + timedelta(days=60)) == 0  # the ministry is the last level

    assert (at_state.level, at_state.answering_unit) == (AnswerLevel.STATE, scps_odisha)
    assert at_state.due_at == day_31 + timedelta(days=30)
    assert (at_ministry.level, at_ministry.answering_unit) == (AnswerLevel.NATION, ministry)
    assert at_ministry.unit == kamalas_grievance.unit  # still counted for the station
    alert = escalation_alerts().get(recipient_unit=scps_odisha)
    assert kamalas_grievance.reference in alert.text
    assert "Capital PS" in alert.text


def test_an_answered_grievance_does_not_go_up(kamalas_grievance, officer, scps_odisha):
    from apps.grievances.services import answer

    answer(grievance=kamalas_grievance, official=officer, text="Called her back.")

    assert escalate(timezone.now() + timedelta(days=90)) == 0
    assert Grievance.objects.get().level == AnswerLevel.UNIT
    assert not escalation_alerts().exists()


def test_the_hourly_task_runs_twice_without_doubling_anything(kamalas_grievance, scps_odisha):
    scps_odisha.email, scps_odisha.phone = "scps@odisha.gov.in", "9437000001"
    scps_odisha.save()
    Grievance.objects.update(due_at=timezone.now() - timedelta(minutes=1))

    with TestCase.captureOnCommitCallbacks(execute=True):
        first = escalate_grievances.apply().get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = escalate_grievances.apply().get()

    assert (first, second) == (1, 0)
    assert Grievance.objects.get().answering_unit == scps_odisha
    assert sorted(escalation_alerts().values_list("recipient", flat=True)) == [
        "9437000001",
        "scps@odisha.gov.in",
    ]
