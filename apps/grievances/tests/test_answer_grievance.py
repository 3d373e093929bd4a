"""The unit a grievance waits for answers it; whoever lodged it is told by SMS. Officials of
another unit, district or State/UT neither see nor answer it."""

import pytest

from apps.audit.models import AccessAction, AccessLog
from apps.grievances.models import AnswerLevel, Grievance
from apps.grievances.services import escalate_overdue
from apps.grievances.tests.conftest import MOBILE, lodge_and_confirm, post
from apps.messaging.backends import locmem
from apps.messaging.models import Message
from conftest import OUTSIDER_KINDS, sign_in_verified

ANSWER = "We called you on 3 March; the investigating officer is SI Das, 0674-2390100."


@pytest.fixture
def kamalas_grievance(munnas_case):
    return lodge_and_confirm(case=munnas_case.case_number)


def test_the_station_answers_and_the_mother_is_told_by_sms(client, officer, kamalas_grievance):
    client.force_login(officer)

    home = client.get("/")
    listed = client.get("/grievances/")
    page = client.get(f"/grievances/{kamalas_grievance.reference}/")
    response = post(
        client, f"/grievances/{kamalas_grievance.reference}/answer/", {"answer": ANSWER}
    )

    assert "Grievances waiting" in home.text
    assert 'href="/grievances/"' in listed.text  # in the Work menu
    assert kamalas_grievance.reference in listed.text
    assert "Nobody at the station has called me back" in page.text
    opened = AccessLog.objects.get(action=AccessAction.VIEW_RECORD, username=officer.username)
    assert (opened.record_label, opened.owner_unit) == (str(kamalas_grievance), officer.unit)
    assert response.status_code == 302
    grievance = Grievance.objects.get()
    assert grievance.answer == ANSWER
    assert grievance.answered_by == officer
    assert grievance.answered_in_time
    sms = locmem.outbox[-1]
    assert sms.to == MOBILE
    assert grievance.reference in sms.text
    assert "/khoya-paya/grievance/track/" in sms.text
    assert ANSWER not in sms.text  # the answer is read on Khoya-Paya, not sent
    assert grievance.reference not in client.get("/grievances/").text  # no longer waiting
    assert grievance.reference in client.get("/grievances/?answered=1").text


def test_an_empty_answer_is_refused_and_an_answer_is_given_once(client, officer, kamalas_grievance):
    client.force_login(officer)
    url = f"/grievances/{kamalas_grievance.reference}/answer/"

    empty = post(client, url, {"answer": "  "})
    post(client, url, {"answer": ANSWER})
    again = post(client, url, {"answer": "Second answer"})

    assert empty.status_code == again.status_code == 400
    assert "already been answered" in again.text
    assert Grievance.objects.get().answer == ANSWER
    assert Message.objects.filter(template="grievance_answered").count() == 1


def test_after_it_went_up_to_the_state_the_station_sees_it_but_the_scps_answers(
    client, officer, scps_official, kamalas_grievance
):
    # Its days passed unanswered.
    Grievance.objects.update(
        due_at=kamalas_grievance.lodged_at, answer_due_at=kamalas_grievance.lodged_at
    )
    escalate_overdue()
    client.force_login(officer)

    station_page = client.get(f"/grievances/{kamalas_grievance.reference}/")
    refused = post(client, f"/grievances/{kamalas_grievance.reference}/answer/", {"answer": ANSWER})
    sign_in_verified(client, scps_official)
    answered = post(
        client, f"/grievances/{kamalas_grievance.reference}/answer/", {"answer": ANSWER}
    )

    assert station_page.status_code == 200
    assert "Send the answer" not in station_page.text
    assert refused.status_code == 403
    assert answered.status_code == 302
    grievance = Grievance.objects.get()
    assert grievance.answered_by == scps_official
    assert not grievance.answered_in_time  # its first deadline had passed


def test_unanswered_at_the_state_too_it_waits_in_the_ministrys_queue_and_the_ministry_answers(
    client, scps_odisha, national_admin, kamalas_grievance
):
    for _level in ("state", "ministry"):  # its days passed unanswered, twice
        Grievance.objects.update(due_at=kamalas_grievance.lodged_at)
        escalate_overdue()
    assert Grievance.objects.get().level == AnswerLevel.NATION
    sign_in_verified(client, national_admin)

    waiting = client.get("/grievances/")
    answered = post(
        client, f"/grievances/{kamalas_grievance.reference}/answer/", {"answer": ANSWER}
    )
    answered_list = client.get("/grievances/?answered=1")

    assert kamalas_grievance.reference in waiting.text
    assert answered.status_code == 302
    assert Grievance.objects.get().answered_by == national_admin
    assert kamalas_grievance.reference in answered_list.text


@pytest.mark.refused_side("grievances:detail", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("grievances:answer", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_other_units_districts_and_states_neither_see_nor_answer_it(
    client, capital_ps, kamalas_grievance, sign_in_outsider, kind
):
    sign_in_outsider(kind, capital_ps)

    listed = client.get("/grievances/")
    opened = client.get(f"/grievances/{kamalas_grievance.reference}/")
    answered = post(
        client, f"/grievances/{kamalas_grievance.reference}/answer/", {"answer": "Closed."}
    )

    assert kamalas_grievance.reference not in listed.text
    assert opened.status_code == answered.status_code == 404
    assert Grievance.objects.get().answered_at is None
    assert not AccessLog.objects.filter(record_type="grievances.grievance").exists()
    assert not Message.objects.filter(template="grievance_answered").exists()


def test_visitors_are_sent_to_sign_in(client, kamalas_grievance):
    response = client.get(f"/grievances/{kamalas_grievance.reference}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
