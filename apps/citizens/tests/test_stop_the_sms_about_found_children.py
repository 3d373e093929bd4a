"""Kamala stops the SMS about children found later, with the link in the SMS or on her
inquiry's page, or by replying STOP; after that no found child brings her an SMS. The link works
only with the signature the portal made for her inquiry: knowing her reference is not enough."""

import re

import pytest
from django.conf import settings

from apps.citizens import stop_links
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import committed, kamalas_inquiry, texts_to_kamala
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


def stop_path_in(text: str) -> str:
    link = re.search(r"https?://\S+", text).group(0)
    assert link.startswith(settings.PORTAL_URL)
    return link.removeprefix(settings.PORTAL_URL.rstrip("/"))


def test_the_link_in_the_sms_stops_every_later_sms(
    client, khordha, kotwali_officer, found_in_patna, home_staff, file_found
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)
    found_in_patna(kotwali_officer)
    (sms,) = texts_to_kamala()
    stop = stop_path_in(sms.text)

    page = client.get(stop)  # opening the link (or a link scanner opening it) stops nothing
    assert "Stop these SMS" in page.content.decode()
    assert CitizenReport.objects.get(pk=inquiry.pk).is_searching
    assert client.post(stop)["Location"] == stop
    assert "You stopped this search on" in client.get(stop).content.decode()

    committed(file_found, home_staff)  # Munna reported again, by a children's home

    assert texts_to_kamala() == [sms]
    inquiry.refresh_from_db()
    assert (inquiry.is_searching, inquiry.search_keys) == (False, [])
    page = client.get(f"/khoya-paya/case/{inquiry.reference}/").content.decode()
    assert "You stopped this search on" in page
    assert stop not in page


def test_the_inquiry_page_has_the_same_link(client, khordha, kotwali_officer, found_in_patna):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)
    page = client.get(f"/khoya-paya/case/{inquiry.reference}/").content.decode()
    assert "we compare your child with every child found or seen" in page
    stop = re.search(r'href="(/kp/[^"]+)"', page).group(1)

    client.post(stop)
    found_in_patna(kotwali_officer)

    assert texts_to_kamala() == []


@pytest.mark.parametrize(
    "signature",
    [
        "AAAAAAAAAAA",
        "a-much-longer-guess-than-any-signature",
        stop_links.signature("KP00000000"),  # another inquiry's
    ],
)
def test_a_link_without_the_right_signature_is_refused_and_changes_nothing(
    client, khordha, kotwali_officer, found_in_patna, signature
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)

    for method in (client.get, client.post):
        assert method(f"/kp/{inquiry.reference}/{signature}/").status_code == 404

    assert CitizenReport.objects.get(pk=inquiry.pk).is_searching
    found_in_patna(kotwali_officer)
    (sms,) = texts_to_kamala()
    assert inquiry.reference in sms.text


@pytest.mark.refused_side(
    "citizens:stop_search", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_who_know_the_reference_cannot_stop_the_search(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)
    sign_in_outsider(kind, capital_ps)

    for method in (client.get, client.post):
        assert method(f"/kp/{inquiry.reference}/AAAAAAAAAAA/").status_code == 404

    assert CitizenReport.objects.get(pk=inquiry.pk).is_searching


def test_replying_stop_stops_the_search_too(
    client, settings, khordha, kotwali_officer, found_in_patna, home_staff, file_found
):
    settings.SMS_INBOUND_TOKEN = "inbound-secret"
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)
    found_in_patna(kotwali_officer)
    (sms,) = texts_to_kamala()

    reply = {"token": "inbound-secret", "id": "gw-5", "from": "9861012345", "text": "STOP"}
    assert client.post("/messaging/incoming/", reply).status_code == 200
    committed(file_found, home_staff)

    assert texts_to_kamala() == [sms]
    assert not CitizenReport.objects.get(pk=inquiry.pk).is_searching
