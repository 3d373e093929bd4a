"""Kamala's inquiry for her son Munna found no child; for 90 days, every child found or seen
later is compared with it, and a child who may be Munna brings her one SMS naming the police
station or DCPU to call (never the home sheltering the child), in her language, with her
reference and a link to stop the messages."""

import pytest
from django.conf import settings
from django.test import Client

from apps.citizens import services, stop_links, tasks
from apps.citizens.models import CitizenReport, LaterMatch
from apps.citizens.tests.conftest import (
    KAMALA,
    committed,
    inquiry_data,
    kamalas_inquiry,
    last_code,
    send_and_confirm,
    send_report,
    sighting_data,
    texts_to_kamala,
)
from apps.messaging.backends.locmem import outbox
from apps.messaging.models import Message
from apps.reports import services as report_services

pytestmark = pytest.mark.django_db


def test_a_child_found_ten_days_later_in_another_state_brings_one_sms_naming_the_station(
    client, khordha, kotwali_officer, found_in_patna
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)

    munna = found_in_patna(kotwali_officer)

    (sms,) = texts_to_kamala()
    for expected in (
        inquiry.reference,
        "Kotwali PS",
        "0612-2219090",
        stop_links.stop_link(inquiry.reference),
    ):
        assert expected in sms.text
    assert [delivered.to[-10:] for delivered in outbox if delivered.text == sms.text] == [KAMALA]
    inquiry.refresh_from_db()
    assert inquiry.possible_matches == [munna.pk]
    page = client.get(f"/khoya-paya/case/{inquiry.reference}/").content.decode()
    assert "Possible match." in page
    assert "Kotwali PS" in page
    for private in (munna.case_number, "Patna Junction", "Papa: Suresh"):
        assert private not in sms.text + page


def test_the_unit_that_found_the_child_is_told_and_sees_the_inquiry(
    client, khordha, kotwali_officer, found_in_patna
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)
    kotwali_officer.unit.email = "kotwali.patna@example.gov.in"
    kotwali_officer.unit.save()

    munna = found_in_patna(kotwali_officer)

    told = Message.objects.get(template="inquiry_match")
    assert told.recipient == "kotwali.patna@example.gov.in"
    assert munna.case_number in told.text
    client.force_login(kotwali_officer)
    assert inquiry.reference in client.get("/citizen-reports/").content.decode()


def test_the_child_filed_again_or_changed_brings_no_second_sms(
    client, khordha, kotwali_officer, found_in_patna
):
    kamalas_inquiry(client, khordha, days_ago=10)
    munna = found_in_patna(kotwali_officer)

    munna.identification_marks = "Scar on forehead, mole on chin"
    committed(
        report_services.record_change, report=munna, changed_by=kotwali_officer, reason="marks"
    )
    services.check_inquiries(munna.pk)  # the task handed over twice

    assert len(texts_to_kamala()) == 1
    assert LaterMatch.objects.count() == 1


def test_a_citizens_sighting_of_the_child_brings_the_sms_naming_the_station_of_the_place(
    client, khordha, capital_ps
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10)

    seen = sighting_data(
        capital_ps,
        child_name="Munna",
        sex="M",
        age="9",
        description="Thin boy with short hair, alone at the bus stand",
        identification_marks="scar on forehead",
    )
    send_and_confirm(Client(), "sighting", khordha, seen)

    (sms,) = texts_to_kamala()
    assert inquiry.reference in sms.text
    assert "Capital PS 0674-2390100" in sms.text


def test_a_child_in_a_home_sends_the_parent_to_the_dcpu_never_to_the_home(
    client, khordha, home_staff, dcpu_officer, file_found
):
    home = home_staff.unit
    home.address, home.phone = "Plot 12, Saheed Nagar", "0674-2544000"
    home.save()
    dcpu = dcpu_officer.unit
    dcpu.phone = "0674-2390555"
    dcpu.save()
    kamalas_inquiry(client, khordha, days_ago=10)

    committed(file_found, home_staff)  # the home reports Munna, whom it shelters

    (sms,) = texts_to_kamala()
    assert "DCPU Khordha 0674-2390555" in sms.text
    for where in (home.name, "Saheed Nagar", "0674-2544000", "Platform 3"):
        assert where not in sms.text


def test_the_sms_is_in_the_language_the_parent_used(
    client, khordha, kotwali_officer, found_in_patna
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    kamalas_inquiry(client, khordha, days_ago=10)

    found_in_patna(kotwali_officer)

    (sms,) = texts_to_kamala()
    assert sms.language == "hi"


def test_a_different_child_brings_nothing(client, khordha, kotwali_officer, found_in_patna):
    kamalas_inquiry(client, khordha, days_ago=10)

    sunita = found_in_patna(
        kotwali_officer, full_name="Sunita", sex="F", age_min="14", age_max="16"
    )

    assert texts_to_kamala() == []
    assert not LaterMatch.objects.filter(report=sunita).exists()


def test_after_90_days_the_search_has_ended_by_itself(
    client, khordha, kotwali_officer, found_in_patna
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=91)

    found_in_patna(kotwali_officer)

    assert texts_to_kamala() == []
    page = client.get(f"/khoya-paya/case/{inquiry.reference}/").content.decode()
    assert "This search ended on" in page
    assert stop_links.stop_path(inquiry.reference) not in page
    # The night's tidying takes it out of the keys found children look inquiries up by.
    assert tasks.end_inquiry_searches() == 1
    inquiry.refresh_from_db()
    assert inquiry.search_keys == []


def test_the_search_lasts_as_many_days_as_the_setting_says(
    client, khordha, kotwali_officer, found_in_patna, settings
):
    settings.CITIZEN_INQUIRY_SEARCH_DAYS = 120
    kamalas_inquiry(client, khordha, days_ago=91)

    found_in_patna(kotwali_officer)

    assert len(texts_to_kamala()) == 1


def test_a_child_filed_before_the_first_search_ran_is_told_once_by_that_search(
    client, khordha, kotwali_officer, found_in_patna
):
    reference = send_report(client, "inquiry", khordha, inquiry_data())
    # Confirmed, but its first search is still queued when the police file Munna.
    client.post(f"/khoya-paya/verify/{reference}/", {"code": last_code()})
    munna = found_in_patna(kotwali_officer)
    assert texts_to_kamala() == []

    inquiry = services.search_for_inquiry(CitizenReport.objects.get(reference=reference).pk)

    assert inquiry.possible_matches == [munna.pk]
    answers = Message.objects.filter(recipient=KAMALA, template__startswith="inquiry_")
    assert [answer.template for answer in answers] == ["inquiry_answer"]


def test_an_unconfirmed_inquiry_is_never_searched(client, khordha, kotwali_officer, found_in_patna):
    send_report(client, "inquiry", khordha, inquiry_data())

    found_in_patna(kotwali_officer)

    assert texts_to_kamala() == []
    assert CitizenReport.objects.get().search_keys == []
