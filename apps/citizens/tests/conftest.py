"""A citizen's phone: what it types into Khoya-Paya, and the SMS it receives."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.test import TestCase
from django.utils import timezone

from apps.citizens.models import CitizenReport
from apps.messaging.backends import locmem
from apps.messaging.models import Message
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input, photo_upload

MOBILE = "9437012345"
# What a person types into the CAPTCHA (test settings accept "passed").
CAPTCHA = {"captcha_0": "test", "captcha_1": "PASSED"}


@pytest.fixture(autouse=True)
def fresh_phone_and_counters():
    locmem.outbox.clear()
    cache.clear()
    yield
    locmem.outbox.clear()


def last_code() -> str:
    return re.search(r"\b(\d{6})\b", locmem.outbox[-1].text).group(1)


def place(district) -> str:
    return f"?state={district.state_id}&district={district.pk}"


def sighting_data(station=None, **overrides) -> dict:
    data = {
        "event_at": local_input(timezone.now() - timedelta(minutes=30)),
        "event_locality": "Bhubaneswar railway station, platform 3",
        "sex": "F",
        "age": "11",
        "description": "Thin girl in a blue school uniform, crying, alone",
        "identification_marks": "mole on left cheek",
        "child_name": "Priya",
        "police_station": station.pk if station else "",
        "reporter_name": "Anil Das",
        "reporter_mobile": "+91 94370 12345",
        **CAPTCHA,
        "photo_upload": photo_upload("platform.jpg"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def missing_complaint_data(station, **overrides) -> dict:
    data = {
        "child_name": "Raju Sethi",
        "sex": "M",
        "age": "9",
        "description": "Red T-shirt, black shorts, slippers",
        "identification_marks": "scar on chin",
        "father_name": "Bapi Sethi",
        "mother_name": "",
        "event_at": local_input(timezone.now() - timedelta(hours=20)),
        "event_locality": "Unit 4 market",
        "police_station": station.pk,
        "reporter_name": "Bapi Sethi",
        "reporter_mobile": MOBILE,
        **CAPTCHA,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def inquiry_data(**overrides) -> dict:
    """Kamala looks for her son Munna, 9, missing from Bhubaneswar for three days."""
    data = {
        "child_name": "Munna",
        "sex": "M",
        "age": "9",
        "description": "Thin, short hair",
        "identification_marks": "scar on forehead",
        "father_name": "Suresh",
        "mother_name": "Kamala",
        "event_at": local_input(timezone.now() - timedelta(days=3)),
        "event_locality": "Bhubaneswar bus stand",
        "reporter_name": "Kamala Devi",
        "reporter_mobile": "9861012345",
        **CAPTCHA,
    }
    return data | overrides


def post_committed(client, url, data=None):
    """A request whose after-commit work (the SMS, matching) runs, as outside a test."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


def send_report(client, kind, district, data) -> str:
    """The citizen sends the form and an SMS arrives; returns the reference."""
    response = post_committed(client, f"/khoya-paya/report/{kind}/{place(district)}", data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def send_and_confirm(client, kind, district, data) -> str:
    """What a citizen does: send the form, read the SMS, type the code."""
    reference = send_report(client, kind, district, data)
    confirmed = post_committed(client, f"/khoya-paya/verify/{reference}/", {"code": last_code()})
    assert confirmed["Location"] == f"/khoya-paya/case/{reference}/"
    return reference


KAMALA = inquiry_data()["reporter_mobile"]


def kamalas_inquiry(client, khordha, *, days_ago: int, **overrides) -> CitizenReport:
    """Kamala's inquiry, answered "no match yet", as if she had sent it `days_ago` days ago;
    `overrides` of inquiry_data."""
    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data(**overrides))
    earlier = timedelta(days=days_ago)
    CitizenReport.objects.filter(reference=reference).update(
        created_at=F("created_at") - earlier,
        mobile_verified_at=F("mobile_verified_at") - earlier,
        searching_until=F("searching_until") - earlier,
        event_at=F("event_at") - earlier,
    )
    inquiry = CitizenReport.objects.get(reference=reference)
    assert (inquiry.status, inquiry.possible_matches) == ("answered", [])
    return inquiry


def committed(file, *args, **kwargs):
    """Filing a report as outside a test: its background work runs once it commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return file(*args, **kwargs)


def texts_to_kamala() -> list[Message]:
    return list(Message.objects.filter(template="inquiry_later_match", recipient=KAMALA))


@pytest.fixture
def kotwali_officer(patna_officer):
    station = patna_officer.unit
    station.phone = "0612-2219090"
    station.save()
    return patna_officer


@pytest.fixture
def found_in_patna(file_found, bihar, patna):
    """Munna, found by the police at Patna Junction, unplaced: "Papa: Suresh"."""

    def file(official, **overrides):
        return committed(
            file_found,
            official,
            event_state=bihar.pk,
            event_district=patna.pk,
            event_locality="Patna Junction",
            event_landmark="",
            placement="not_placed",
            placed_at=None,
            cwc_order_reference=None,
            **overrides,
        )

    return file


def fir_data(complaint_page_form, **overrides) -> dict:
    """What the officer adds to the prefilled form: the FIR."""
    data = {
        name: field.value()
        for name, field in ((n, complaint_page_form[n]) for n in complaint_page_form.fields)
        if field.value() not in (None, "") and name not in ("photos", "languages")
    }
    data |= {
        "registration_kind": "fir",
        "fir_number": "301/2026",
        "circumstances": "left_home",
        "fir_registered_at": local_input(timezone.now()),
        "event_at": local_input(complaint_page_form.initial["event_at"]),
        "marks-TOTAL_FORMS": "0",
        "marks-INITIAL_FORMS": "0",
        "marks-MIN_NUM_FORMS": "0",
        "marks-MAX_NUM_FORMS": "10",
    }
    return data | overrides


def family_sms(mobile=MOBILE) -> list[Message]:
    """The SMS written to the message log for a missing child's family, oldest first."""
    return list(
        Message.objects.filter(recipient=mobile, template__startswith="family_").order_by("pk")
    )


def complaint_registered_as_fir(client, khordha, capital_ps, officer, *, language="bn") -> Report:
    """The mother files on Khoya-Paya in `language`; the station registers the FIR from it."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    reference = send_and_confirm(client, "missing", khordha, missing_complaint_data(capital_ps))
    assert CitizenReport.objects.get(reference=reference).language == language
    client.force_login(officer)
    form = client.get(f"/citizen-reports/{reference}/convert/").context["form"]
    response = post_committed(client, f"/citizen-reports/{reference}/convert/", fir_data(form))
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return Report.objects.get(kind="missing")
