"""Whoever lodged a grievance follows it on Khoya-Paya by its reference and mobile number; a
wrong pair shows nothing, and guessing is slowed by the CAPTCHA and the hourly limit."""

from django.core.cache import cache

from apps.citizens.limits import TRACKING_TRIES_PER_ADDRESS_PER_HOUR
from apps.citizens.tests.conftest import CAPTCHA
from apps.directory.models import UnitType
from apps.grievances.services import answer
from apps.grievances.tests.conftest import MOBILE, lodge_and_confirm
from apps.messaging.models import Message

TRACK = "/khoya-paya/grievance/track/"


def test_the_mother_sees_whom_it_waits_for_and_then_the_answer(client, munnas_case, officer):
    grievance = lodge_and_confirm(case=munnas_case.case_number)

    waiting = client.post(TRACK, {"reference": grievance.reference.lower(), "mobile": MOBILE})
    answer(grievance=grievance, official=officer, text="SI Das will call you today.")
    answered = client.post(TRACK, {"reference": grievance.reference, "mobile": MOBILE})

    assert waiting.status_code == 200
    assert "Capital PS" in waiting.text
    assert "Waiting for an answer from" in waiting.text
    assert "SI Das will call you today." in answered.text


def test_a_wrong_mobile_shows_nothing_and_soon_asks_for_the_captcha(client, munnas_case, officer):
    grievance = lodge_and_confirm(case=munnas_case.case_number)
    answer(grievance=grievance, official=officer, text="SI Das will call you today.")

    tries = [
        client.post(TRACK, {"reference": grievance.reference, "mobile": "9861000000"})
        for _ in range(3)
    ]
    without_captcha = client.post(TRACK, {"reference": grievance.reference, "mobile": MOBILE})
    with_captcha = client.post(
        TRACK, {"reference": grievance.reference, "mobile": MOBILE, **CAPTCHA}
    )

    assert all("No grievance has this reference and mobile number" in t.text for t in tries)
    assert not any("SI Das" in t.text for t in tries)
    assert "SI Das" not in without_captcha.text
    assert "captcha" in without_captcha.context["form"].errors
    assert "SI Das will call you today." in with_captcha.text


def test_too_many_lookups_from_one_connection_are_refused(client, munnas_case):
    grievance = lodge_and_confirm(case=munnas_case.case_number)
    cache.set("khoya-paya:lookups:127.0.0.1", TRACKING_TRIES_PER_ADDRESS_PER_HOUR, timeout=3600)

    response = client.post(TRACK, {"reference": grievance.reference, "mobile": MOBILE})

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert "Capital PS" not in response.text


def test_a_grievance_about_a_found_child_never_names_where_the_child_is(
    client, file_found, cwc_member, make_unit, khordha
):
    make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")
    found = file_found(cwc_member)
    grievance = lodge_and_confirm(case=found.case_number)
    answer(grievance=grievance, official=cwc_member, text="The CWC sat on 3 March.")

    page = client.post(TRACK, {"reference": grievance.reference, "mobile": MOBILE})
    sms = Message.objects.get(template="grievance_answered").text

    assert grievance.unit == found.owning_unit  # the CWC answers it
    assert "DCPU Khordha" in page.text
    assert "DCPU Khordha" in sms
    for hidden in ("CWC Khordha", "Children&#x27;s Home", "Children's Home"):
        assert hidden not in page.text
        assert hidden not in sms
