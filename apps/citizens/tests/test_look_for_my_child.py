"""A mother looks for her son among found children and children citizens saw: she learns which
office to call (the police or the district's child protection unit, never the home sheltering the
child), and nothing about any child; the unit that reported the child is told."""

import pytest
from django.test import Client

from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import inquiry_data, send_and_confirm, sighting_data
from apps.messaging.backends.locmem import outbox
from apps.messaging.models import Message

pytestmark = pytest.mark.django_db


def answer_texted_to(mobile: str) -> str:
    (sms,) = [sms for sms in outbox if sms.to.endswith(mobile[-10:]) and "inquiry" in sms.text]
    return sms.text


def test_a_possible_match_names_the_office_to_contact_and_nothing_more(
    client, khordha, cwc_member, dcpu_officer, file_found
):
    cwc = cwc_member.unit
    cwc.email, cwc.phone = "cwc.khordha@example.gov.in", "9437000111"
    cwc.save()
    dcpu = dcpu_officer.unit
    dcpu.phone = "0674-2390555"
    dcpu.save()
    munna = file_found(cwc_member)  # Munna, 8-10, found on a platform, told "Papa: Suresh"

    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data())

    inquiry = CitizenReport.objects.get(reference=reference)
    assert (inquiry.status, inquiry.possible_matches) == ("answered", [munna.pk])
    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    assert "Possible match." in page
    assert "DCPU Khordha" in page
    assert "0674-2390555" in page
    for private in (munna.case_number, "Papa: Suresh", "Platform 3", "near a big temple"):
        assert private not in page
    assert "/reports/photos/" not in page
    told = Message.objects.filter(template="inquiry_match")
    assert {message.recipient for message in told} == {"cwc.khordha@example.gov.in", "9437000111"}
    client.force_login(cwc_member)
    assert reference in client.get("/citizen-reports/").content.decode()


def test_a_child_in_a_home_is_never_located_for_whoever_asks(
    client, khordha, home_staff, dcpu_officer, file_found
):
    home = home_staff.unit
    home.address, home.phone = "Plot 12, Saheed Nagar", "0674-2544000"
    home.save()
    dcpu = dcpu_officer.unit
    dcpu.phone = "0674-2390555"
    dcpu.save()
    file_found(home_staff)  # the home reports Munna, whom it shelters

    # Anyone with a phone can describe a child and confirm their own number.
    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data())

    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    sms = answer_texted_to(inquiry_data()["reporter_mobile"])
    assert "Possible match." in page
    for answer in (page, sms):
        assert "DCPU Khordha" in answer
        assert "0674-2390555" in answer
        for where in ("Children&#x27;s Home", "Children's Home", "Saheed Nagar", "0674-2544000"):
            assert where not in answer
    assert reference in sms


def test_a_child_the_police_found_sends_the_parent_to_that_station(
    client, khordha, capital_ps, officer, dcpu_officer, file_found
):
    file_found(officer)

    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data())

    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    sms = answer_texted_to(inquiry_data()["reporter_mobile"])
    for answer in (page, sms):
        assert "Capital PS" in answer
        assert "0674-2390100" in answer
        assert "DCPU Khordha" not in answer


def test_no_match_says_so_and_keeps_the_inquiry(client, khordha, cwc_member, file_found):
    file_found(cwc_member)

    reference = send_and_confirm(
        client, "inquiry", khordha, inquiry_data(child_name="Sunita", sex="F", age="15")
    )

    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    assert "No found child matches your description yet." in page
    assert not Message.objects.filter(template__startswith="inquiry_").exists()


def test_a_child_a_citizen_saw_sends_the_parent_to_the_station_of_the_place(
    client, khordha, capital_ps
):
    seen = sighting_data(
        capital_ps,
        child_name="Munna",
        sex="M",
        age="9",
        description="Thin boy with short hair, alone at the bus stand",
        identification_marks="scar on forehead",
    )
    send_and_confirm(Client(), "sighting", khordha, seen)

    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data())

    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    sms = answer_texted_to(inquiry_data()["reporter_mobile"])
    for answer in (page, sms):
        assert "Capital PS" in answer
        assert "0674-2390100" in answer
