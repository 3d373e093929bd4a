"""A family asks Khoya-Paya to see, correct or erase what a report holds about them, from the
mobile number given with the report; the station owning the report answers by the deadline."""

from datetime import timedelta

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from apps.citizens.models import DataRightsRequest
from apps.citizens.tests.conftest import (
    MOBILE,
    last_code,
    send_and_confirm,
    sighting_data,
)
from apps.messaging.backends import locmem
from apps.reports.models import Report
from conftest import OUTSIDER_KINDS

MOTHER = "9861055555"


@pytest.fixture
def munnas_report(file_missing, officer):
    """Munna's mother gave her mobile when the police registered his missing report."""
    return file_missing(officer, complainant_mobile=MOTHER, complainant_language="hi")


def post(client, url, data, follow=False):
    """A request whose after-commit work (the SMS) runs, as outside a test."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, follow=follow)


def ask(client, report, kind="see", mobile=MOTHER, **extra):
    data = {"case": report.case_number, "mobile": mobile, "kind": kind, **extra}
    return post(client, "/khoya-paya/my-data/", data)


def ask_and_confirm(report, kind="see", **extra) -> DataRightsRequest:
    client = Client()
    response = ask(client, report, kind, **extra)
    assert response.status_code == 302, response.content
    confirmed = post(client, response["Location"], {"code": last_code()})
    assert "Your request is received" in confirmed.text
    return DataRightsRequest.objects.get()


def test_a_mother_asks_to_see_her_data_and_gets_a_reference_and_a_deadline(
    client, munnas_report, settings
):
    settings.DATA_RIGHTS_DAYS = 10
    response = ask(client, munnas_report, "see")
    assert response.status_code == 302
    assert locmem.outbox[-1].to == MOTHER  # the code goes to her mobile
    assert DataRightsRequest.objects.get().mobile_verified_at is None

    page = post(client, response["Location"], {"code": last_code()}, follow=True)

    rights_request = DataRightsRequest.objects.get()
    assert rights_request.reference in page.text
    assert rights_request.report == munnas_report
    assert rights_request.kind == "see"
    assert rights_request.due_at - rights_request.mobile_verified_at == timedelta(days=10)


def test_a_wrong_code_does_not_lodge_the_request(client, munnas_report):
    response = ask(client, munnas_report, "see")
    code = last_code()
    page = post(client, response["Location"], {"code": "000000" if code != "000000" else "111111"})
    assert "This code is not right" in page.text
    assert DataRightsRequest.objects.get().mobile_verified_at is None


def test_a_wrong_mobile_is_refused_without_saying_whether_the_case_exists(client, munnas_report):
    wrong_mobile = ask(client, munnas_report, mobile="9437099999")
    no_such_case = post(
        client,
        "/khoya-paya/my-data/",
        {"case": "M-9999999", "mobile": MOTHER, "kind": "see"},
    )

    assert wrong_mobile.status_code == no_such_case.status_code == 200
    message = "No report has this case number or reference with this mobile number"
    assert message in wrong_mobile.text
    assert message in no_such_case.text
    assert not DataRightsRequest.objects.exists()
    assert locmem.outbox == []


def test_after_three_wrong_pairs_a_person_must_solve_the_captcha(client, munnas_report):
    for _attempt in range(3):
        ask(client, munnas_report, mobile="9437099999")

    page = ask(client, munnas_report)

    assert 'name="captcha_0"' in page.text
    assert "captcha" in page.context["form"].errors
    assert not DataRightsRequest.objects.exists()


def test_a_citizen_asks_by_the_khoya_paya_reference_from_the_mobile_that_sent_it(
    client, khordha, capital_ps, officer
):
    reference = send_and_confirm(Client(), "sighting", khordha, sighting_data(capital_ps))
    sighting = Report.objects.get()

    response = post(
        client, "/khoya-paya/my-data/", {"case": reference.lower(), "mobile": MOBILE, "kind": "see"}
    )
    post(client, response["Location"], {"code": last_code()})

    assert DataRightsRequest.objects.get().report == sighting
    client.force_login(officer)
    assert DataRightsRequest.objects.get().reference in client.get("/data-requests/").text


def test_a_correction_says_what_to_correct(client, munnas_report):
    page = ask(client, munnas_report, "correct", details="")
    assert "Say what is wrong" in page.text
    rights_request = ask_and_confirm(munnas_report, "correct", details="His age is 8, not 9")
    assert rights_request.details == "His age is 8, not 9"


def test_the_station_sees_the_request_and_answers_and_the_mother_is_told(
    client, munnas_report, officer
):
    rights_request = ask_and_confirm(munnas_report, "see")
    client.force_login(officer)

    queue = client.get("/data-requests/")
    assert rights_request.reference in queue.text
    post(client, f"/data-requests/{rights_request.reference}/answer/", {"outcome": "done"})

    rights_request.refresh_from_db()
    assert (rights_request.outcome, rights_request.handled_by) == ("done", officer)
    assert rights_request.reference not in client.get("/data-requests/").text
    told = locmem.outbox[-1]
    assert told.to == MOTHER
    assert rights_request.reference in told.text
    assert "0674-2390100" in told.text


def test_erasure_of_an_open_case_is_refused_with_its_reason(client, munnas_report, officer):
    rights_request = ask_and_confirm(munnas_report, "erase")
    client.force_login(officer)
    answer = f"/data-requests/{rights_request.reference}/answer/"

    page = post(client, answer, {"outcome": "done", "reason": "asked"}, follow=True)

    assert "The case is not closed" in page.text
    rights_request.refresh_from_db()
    assert rights_request.outcome == ""
    assert Report.objects.get().complainant_mobile == MOTHER

    post(client, answer, {"outcome": "refused", "reason": "JJ Act: the child is still traced"})
    rights_request.refresh_from_db()
    assert rights_request.outcome == "refused"
    assert rights_request.reason == "JJ Act: the child is still traced"


def test_erasure_of_a_case_closed_past_its_period_minimises_it(
    client, munnas_report, officer, settings
):
    rights_request = ask_and_confirm(munnas_report, "erase")
    long_ago = timezone.now() - timedelta(days=365 * settings.RETENTION_CLOSED_CASE_YEARS + 1)
    Report.objects.filter(pk=munnas_report.pk).update(status="restored", updated_at=long_ago)
    client.force_login(officer)

    post(
        client,
        f"/data-requests/{rights_request.reference}/answer/",
        {"outcome": "done", "reason": "Closed in 2019; no legal duty left"},
    )

    rights_request.refresh_from_db()
    assert rights_request.outcome == "done"
    assert rights_request.reason == "Closed in 2019; no legal duty left"
    assert Report.objects.get().complainant_mobile == ""


@pytest.mark.refused_side(
    "citizens:answer_data_request", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_other_units_neither_see_nor_answer_the_request(
    client, munnas_report, capital_ps, sign_in_outsider, kind
):
    rights_request = ask_and_confirm(munnas_report, "see")
    sign_in_outsider(kind, capital_ps)

    listed = client.get("/data-requests/")
    answered = post(
        client, f"/data-requests/{rights_request.reference}/answer/", {"outcome": "done"}
    )

    assert rights_request.reference not in listed.text
    assert answered.status_code in (403, 404)
    rights_request.refresh_from_db()
    assert rights_request.outcome == ""


@pytest.mark.refused_side(
    "citizens:my_data_verify", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_only_the_familys_browser_confirms_the_request(
    client, munnas_report, capital_ps, sign_in_outsider, kind
):
    response = ask(Client(), munnas_report, "erase")
    sign_in_outsider(kind, capital_ps)

    opened = client.get(response["Location"])
    tried = post(client, response["Location"], {"code": last_code()})

    assert opened["Location"] == tried["Location"] == "/khoya-paya/my-data/"
    assert DataRightsRequest.objects.get().mobile_verified_at is None
