"""The mother stops the SMS about her son's case: with the link in an SMS (asked on a page in
her language, done with a button), or by replying STOP, which the SMS gateway forwards to the
portal with its shared secret. After that no SMS about the case is sent; each one that would
have been is in the message log as not sent. A link that is forged, for another case or expired,
a webhook call without the secret and a STOP from a number no family uses stop nothing."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.citizens import stop_links
from apps.citizens.models import CitizenReport, FamilyOptOut
from apps.citizens.tests.conftest import MOBILE, committed
from apps.citizens.tests.test_hear_by_sms_how_my_childs_case_goes import (
    complaint_registered_as_fir,
    family_sms,
)
from apps.messaging.backends import locmem
from apps.messaging.models import Message, MessageStatus
from apps.reports import services as report_services
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db

SECRET = "inbound-secret"


@pytest.fixture(autouse=True)
def gateway_secret(settings):
    settings.SMS_INBOUND_TOKEN = SECRET


@pytest.fixture
def registered(client, khordha, capital_ps, officer):
    """Raju's case, registered from his mother's complaint in Bengali; she got the FIR's SMS."""
    return complaint_registered_as_fir(client, khordha, capital_ps, officer, language="bn")


def stop_path_in(text: str) -> str:
    link = re.search(r"https?://\S+", text).group(0)
    return link.removeprefix(settings.PORTAL_URL.rstrip("/"))


def restore(report, officer):
    committed(
        report_services.change_status,
        report=report,
        changed_by=officer,
        status="restored",
        closure_reason="",
        note="Back home",
    )


def test_the_link_asks_first_then_stops_in_her_language(client, registered, officer):
    (fir,) = family_sms()
    stop = stop_path_in(fir.text)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)

    page = client.get(stop)  # an SMS app or link scanner opening the link stops nothing
    assert page.status_code == 200
    assert 'lang="bn"' in page.text
    assert registered.case_number in page.text
    with translation.override("bn"):
        assert gettext("Stop these SMS") in page.text
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert not FamilyOptOut.objects.exists()

    assert client.post(stop)["Location"] == stop
    with translation.override("bn"):
        stopped = gettext(
            "You will get no more SMS about this case. The police station still works on it: "
            "call them if you have news."
        )
    assert stopped in client.get(stop).text
    client.post(stop)  # pressed twice
    assert FamilyOptOut.objects.get().via == "link"

    sent = len(locmem.outbox)
    restore(registered, officer)

    *_, closed = family_sms()
    assert (closed.template, closed.status) == ("family_case_closed", MessageStatus.OPTED_OUT)
    assert len(locmem.outbox) == sent


def test_the_stop_page_refuses_a_post_without_its_csrf_token(registered):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    (fir,) = family_sms()

    assert strict.post(stop_path_in(fir.text)).status_code == 403
    assert not FamilyOptOut.objects.exists()


def test_her_case_page_has_the_same_link(client, registered):
    client.post("/khoya-paya/track/", {"reference": reference_of(registered), "mobile": MOBILE})
    page = client.get(f"/khoya-paya/case/{reference_of(registered)}/").text
    assert registered.case_number in page
    stop = re.search(r'href="(/kp/s/[^"]+)"', page).group(1)

    client.post(stop)

    assert FamilyOptOut.objects.get().report == registered


def reference_of(report) -> str:
    return CitizenReport.objects.get(report=report).reference


@pytest.mark.parametrize(
    "token",
    [
        "fu7sAAAAAAAAAAA",
        "a-much-longer-guess-than-any-token-the-portal-makes",
        "x",
        stop_links.family_token("M-0000999"),  # another case's
    ],
)
def test_a_forged_link_is_refused_clearly_and_stops_nothing(client, registered, officer, token):
    for method in (client.get, client.post):
        refused = method(f"/kp/s/{registered.case_number}/{token}/")
        assert refused.status_code == 404
        assert "This link is not right" in refused.text

    restore(registered, officer)
    assert family_sms()[-1].status == MessageStatus.SENT


def test_a_link_for_a_found_child_or_no_report_is_refused(client, registered):
    token = stop_links.family_token("F-0000001")
    assert client.get(f"/kp/s/F-0000001/{token}/").status_code == 404
    assert client.get(f"/kp/s/M-9999999/{stop_links.family_token('M-9999999')}/").status_code == 404


def test_an_expired_link_says_so_and_how_else_to_stop(client, settings, registered):
    settings.FAMILY_SMS_STOP_LINK_DAYS = 30
    old = stop_links.family_stop_path(
        registered.case_number, day=timezone.localdate() - timedelta(days=31)
    )

    for method in (client.get, client.post):
        refused = method(old)
        assert refused.status_code == 410
        assert "This link has expired" in refused.text
        assert "reply STOP" in refused.text
    assert not FamilyOptOut.objects.exists()


@pytest.mark.refused_side(
    "citizens:stop_family_sms", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_who_know_the_case_number_cannot_stop_the_sms(
    client, registered, capital_ps, sign_in_outsider, kind
):
    sign_in_outsider(kind, capital_ps)

    for method in (client.get, client.post):
        assert method(f"/kp/s/{registered.case_number}/fu7sAAAAAAAAAAA/").status_code == 404

    assert not FamilyOptOut.objects.exists()


def reply(client, *, text="STOP", sender="+91 94370 12345", gateway_id="gw-1", token=SECRET):
    return client.post(
        "/messaging/incoming/", {"token": token, "id": gateway_id, "from": sender, "text": text}
    )


def test_a_reply_stop_stops_every_sms_to_her_number(client, registered, officer):
    answer = reply(client, text=" stop. please")

    assert (answer.status_code, answer.text) == (200, "ok")
    received = Message.objects.get(direction="in")
    assert (received.recipient, received.status, received.text) == (
        MOBILE,
        "received",
        " stop. please",
    )
    opt_out = FamilyOptOut.objects.get()
    assert (opt_out.mobile, opt_out.report, opt_out.via, opt_out.message) == (
        MOBILE,
        None,
        "reply",
        received,
    )

    sent = len(locmem.outbox)
    restore(registered, officer)
    assert family_sms()[-1].status == MessageStatus.OPTED_OUT
    assert len(locmem.outbox) == sent


def test_the_gateway_calling_again_changes_nothing(client, registered):
    reply(client)

    again = reply(client)

    assert (again.status_code, again.text) == (200, "ok again")
    assert Message.objects.filter(direction="in").count() == 1
    assert FamilyOptOut.objects.count() == 1


@pytest.mark.parametrize("token", ["", "wrong", SECRET + "x"])
def test_a_call_without_the_shared_secret_is_refused(client, registered, officer, token):
    assert reply(client, token=token).status_code == 403

    assert not Message.objects.filter(direction="in").exists()
    restore(registered, officer)
    assert family_sms()[-1].status == MessageStatus.SENT


def test_with_no_secret_configured_every_call_is_refused(client, settings, registered):
    settings.SMS_INBOUND_TOKEN = ""

    assert reply(client, token="").status_code == 403
    assert not FamilyOptOut.objects.exists()


def test_a_call_without_id_or_sender_is_refused(client, registered):
    assert client.post("/messaging/incoming/", {"token": SECRET, "from": MOBILE}).status_code == 400
    assert client.post("/messaging/incoming/", {"token": SECRET, "id": "gw-9"}).status_code == 400
    assert not Message.objects.filter(direction="in").exists()


def test_a_stop_from_a_number_no_family_uses_is_logged_and_stops_nothing(
    client, registered, officer
):
    answer = reply(client, sender="9000000001")

    assert answer.status_code == 200
    assert Message.objects.get(direction="in").recipient == "9000000001"
    assert not FamilyOptOut.objects.exists()
    restore(registered, officer)
    assert family_sms()[-1].status == MessageStatus.SENT


def test_another_reply_is_logged_and_stops_nothing(client, registered, officer):
    reply(client, text="Thank you, when can I come?")

    assert Message.objects.get(direction="in").text == "Thank you, when can I come?"
    assert not FamilyOptOut.objects.exists()
