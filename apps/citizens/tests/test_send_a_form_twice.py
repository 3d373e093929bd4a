"""A father on a slow phone taps Send twice (or the page is sent again): one complaint is filed
and one SMS sent, and both taps lead to the same page. Two reports he fills in one after the
other are still two reports."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from apps.citizens import services
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import (
    last_code,
    missing_complaint_data,
    place,
    post_committed,
    sighting_data,
)
from apps.messaging.backends.locmem import outbox
from apps.reports.models import Report


def form_url(kind, district) -> str:
    return f"/khoya-paya/report/{kind}/{place(district)}"


def shown_token(client, url) -> str:
    return client.get(url).context["submission_token"]


@pytest.mark.django_db
def test_a_complaint_sent_twice_is_filed_once_with_one_sms(client, khordha, capital_ps):
    url = form_url("missing", khordha)
    token = shown_token(client, url)
    data = missing_complaint_data(capital_ps, submission_token=token)

    first = post_committed(client, url, data)
    again = post_committed(client, url, data)

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert CitizenReport.objects.count() == 1
    assert len(outbox) == 1


@pytest.mark.django_db
def test_a_sighting_and_its_code_sent_twice_file_one_report(client, khordha, capital_ps):
    url = form_url("sighting", khordha)
    token = shown_token(client, url)

    sent = post_committed(client, url, sighting_data(capital_ps, submission_token=token))
    post_committed(client, url, sighting_data(capital_ps, submission_token=token))
    verify_url = sent["Location"]
    code = last_code()
    confirmed = post_committed(client, verify_url, {"code": code})
    again = post_committed(client, verify_url, {"code": code})

    assert confirmed["Location"] == again["Location"]
    assert again["Location"].startswith("/khoya-paya/case/")
    assert CitizenReport.objects.count() == Report.objects.count() == 1
    assert len(outbox) == 1


@pytest.mark.django_db
def test_send_the_code_again_tapped_twice_sends_one_new_code(client, khordha, capital_ps):
    url = form_url("missing", khordha)
    verify_url = post_committed(client, url, missing_complaint_data(capital_ps))["Location"]
    token = shown_token(client, verify_url)

    for _tap in range(2):
        resent = post_committed(client, verify_url, {"resend": "1", "submission_token": token})
        assert resent["Location"] == verify_url

    assert len(outbox) == 2  # the first code, and one new one
    post_committed(
        client, verify_url, {"resend": "1", "submission_token": shown_token(client, verify_url)}
    )
    assert len(outbox) == 3  # asked again from the page shown since: a new code


@pytest.mark.django_db
def test_two_reports_filled_in_one_after_the_other_are_two(client, khordha, capital_ps):
    url = form_url("missing", khordha)
    for child in ("Raju Sethi", "Rinku Sethi"):
        data = missing_complaint_data(
            capital_ps, child_name=child, submission_token=shown_token(client, url)
        )
        assert post_committed(client, url, data).status_code == 302

    assert CitizenReport.objects.count() == 2


@pytest.mark.django_db
def test_a_form_refused_for_a_mistake_keeps_its_token_and_is_filed_once_corrected(
    client, khordha, capital_ps
):
    url = form_url("missing", khordha)
    token = shown_token(client, url)

    refused = client.post(url, missing_complaint_data(capital_ps, age="", submission_token=token))
    assert refused.context["submission_token"] == token
    corrected = post_committed(
        client, url, missing_complaint_data(capital_ps, submission_token=token)
    )

    assert corrected.status_code == 302
    assert CitizenReport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_taps_at_the_same_moment_file_one_complaint(client, khordha, capital_ps, monkeypatch):
    url = form_url("missing", khordha)
    token = shown_token(client, url)
    filing = services.submit

    def slow_submit(**kwargs):
        """The first tap is still being saved when the second arrives."""
        citizen_report = filing(**kwargs)
        time.sleep(0.5)
        return citizen_report

    monkeypatch.setattr(services, "submit", slow_submit)
    answers = []

    def tap():
        browser = Client()
        browser.cookies = client.cookies  # the same phone, the same session
        try:
            answers.append(
                browser.post(url, missing_complaint_data(capital_ps, submission_token=token))
            )
        finally:
            connection.close()  # each tap had its own database connection

    taps = [threading.Thread(target=tap) for _tap in range(2)]
    for started in taps:
        started.start()
    for finished in taps:
        finished.join(20)

    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert CitizenReport.objects.count() == 1
    assert len(outbox) == 1
