"""Bursts from one connection or one number are refused with a clear message; district officials
mark false reports abusive, which stops that number."""

import pytest
from django.test import Client

from apps.citizens import limits
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import (
    CAPTCHA,
    MOBILE,
    place,
    post_committed,
    send_and_confirm,
    sighting_data,
)
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


def test_too_many_reports_from_one_connection_are_refused_and_the_form_kept(
    client, khordha, capital_ps
):
    url = f"/khoya-paya/report/sighting/{place(khordha)}"
    for number in range(limits.REPORTS_PER_ADDRESS_PER_HOUR):
        mobile = f"98610{number:05d}"
        assert (
            client.post(url, sighting_data(capital_ps, reporter_mobile=mobile)).status_code == 302
        )

    refused = client.post(url, sighting_data(capital_ps, reporter_mobile="9861099999"))

    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many reports have come from your connection" in page
    assert "Thin girl in a blue school uniform" in page
    assert CitizenReport.objects.count() == limits.REPORTS_PER_ADDRESS_PER_HOUR


def test_codes_to_one_number_are_limited(client, khordha, capital_ps):
    response = post_committed(
        client, f"/khoya-paya/report/sighting/{place(khordha)}", sighting_data(capital_ps)
    )
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    for _again in range(limits.CODES_PER_MOBILE_PER_HOUR - 1):
        post_committed(client, f"/khoya-paya/verify/{reference}/", {"resend": "1"})

    refused = client.post(f"/khoya-paya/verify/{reference}/", {"resend": "1"}, follow=True)

    assert "Too many codes have been sent to this mobile number" in refused.content.decode()


def test_a_number_marked_abusive_is_refused_afterwards(
    client, khordha, capital_ps, dcpu_officer, officer
):
    reference = send_and_confirm(client, "sighting", khordha, sighting_data(capital_ps))
    client.force_login(officer)
    assert (
        client.post(f"/citizen-reports/{reference}/moderate/", {"verdict": "abusive"}).status_code
        == 403
    )

    sign_in_verified(client, dcpu_officer)
    client.post(f"/citizen-reports/{reference}/moderate/", {"verdict": "abusive"})
    assert CitizenReport.objects.get().moderation == "abusive"
    client.logout()

    refused = client.post(
        f"/khoya-paya/report/sighting/{place(khordha)}", sighting_data(capital_ps)
    )

    assert refused.status_code == 429
    assert "earlier reports were found to be false" in refused.content.decode()
    assert CitizenReport.objects.filter(reporter_mobile=MOBILE).count() == 1


def test_tracking_needs_the_right_mobile_and_guessing_is_limited(client, khordha, capital_ps):
    reference = send_and_confirm(client, "sighting", khordha, sighting_data(capital_ps))
    client.session.flush()
    client.cookies.clear()

    wrong = client.post("/khoya-paya/track/", {"reference": reference, "mobile": "9000000000"})
    assert "No report has this reference number and mobile number." in wrong.content.decode()
    assert client.get(f"/khoya-paya/case/{reference}/")["Location"] == "/khoya-paya/track/"
    for _guess in range(limits.TRACKING_TRIES_PER_ADDRESS_PER_HOUR):
        client.post("/khoya-paya/track/", {"reference": "KP00000000", "mobile": MOBILE, **CAPTCHA})
    right = client.post("/khoya-paya/track/", {"reference": reference, "mobile": MOBILE, **CAPTCHA})

    assert right.status_code == 429
    assert "Too many attempts from your connection" in right.content.decode()


def test_the_moderation_queue_lists_what_is_not_yet_judged(
    client, khordha, capital_ps, dcpu_officer
):
    judged = send_and_confirm(client, "sighting", khordha, sighting_data(capital_ps))
    waiting = send_and_confirm(
        client, "sighting", khordha, sighting_data(capital_ps, reporter_mobile="9861055555")
    )
    sign_in_verified(client, dcpu_officer)
    client.post(f"/citizen-reports/{judged}/moderate/", {"verdict": "genuine"})

    page = client.get("/citizen-reports/", {"unmoderated": "1"}).content.decode()

    assert waiting in page
    assert judged not in page


@pytest.mark.refused_side("citizens:moderate", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_district_cannot_mark_a_report_abusive(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    reference = send_and_confirm(Client(), "sighting", khordha, sighting_data(capital_ps))
    sign_in_outsider(kind, capital_ps)

    response = client.post(f"/citizen-reports/{reference}/moderate/", {"verdict": "abusive"})

    # A police station may not moderate at all; a district official elsewhere finds nothing.
    assert response.status_code == (403 if kind == "another_unit" else 404)
    assert CitizenReport.objects.get().moderation == ""
