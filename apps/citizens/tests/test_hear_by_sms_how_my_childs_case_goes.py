"""A mother whose son is missing hears by SMS, in the language she chose, how his case goes: the
FIR registered (its number, the station and its phone), a match the police confirmed (whom to
call and the case number to quote, never where her son is), and the case closed with its reason.
A family whose report the station filed hears the same, once the officer notes their mobile."""

import pytest
from django.utils import translation

from apps.citizens import services
from apps.citizens.tests.conftest import (
    MOBILE,
    committed,
    complaint_registered_as_fir,
    family_sms,
    post_committed,
)
from apps.matching.models import CandidateKind, MatchCandidate
from apps.messaging.backends import locmem
from apps.messaging.catalogue import FAMILY_CASE_CLOSED, FAMILY_FIR_REGISTERED
from apps.messaging.models import Message, MessageStatus
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def found_in_the_home(file_found, cwc_member, childrens_home):
    """Raju, found and sheltered in the children's home of Bhubaneswar, proposed as a match."""

    def find(missing: Report) -> MatchCandidate:
        found = file_found(cwc_member, full_name="Raju", told_parent_names="Papa: Bapi")
        return MatchCandidate.objects.create(
            kind=CandidateKind.MATCH, missing=missing, other=found, score=88, fingerprint="x"
        )

    return find


def test_the_mother_hears_of_the_fir_then_the_match_then_nothing_after_stop(
    client, settings, khordha, capital_ps, officer, childrens_home, found_in_the_home
):
    settings.SMS_INBOUND_TOKEN = "inbound-secret"
    report = complaint_registered_as_fir(client, khordha, capital_ps, officer, language="bn")

    (fir,) = family_sms()
    assert (fir.template, fir.language, fir.status) == ("family_fir_registered", "bn", "sent")
    for said in ("FIR 301/2026", "Capital PS", "0674-2390100", f"/kp/s/{report.case_number}/"):
        assert said in fir.text
    assert fir.parts <= 3
    assert fir.text in [sms.text for sms in locmem.outbox]
    assert (report.complainant_mobile, report.complainant_language) == (MOBILE, "bn")

    pair = found_in_the_home(report)
    client.force_login(officer)
    post_committed(client, f"/matches/{pair.pk}/confirm/")

    fir_again, match = family_sms()
    assert fir_again == fir  # the report's change of status to "Matched" repeats nothing
    assert (match.template, match.language) == ("family_match_confirmed", "bn")
    for said in ("Capital PS", "0674-2390100", report.case_number):
        assert said in match.text
    found = pair.other
    for where in (childrens_home.name, "Bhubaneswar", "railway", found.case_number, "Children"):
        assert where not in match.text

    reply = {"token": "inbound-secret", "id": "gw-778", "from": "+91 94370 12345", "text": "Stop"}
    assert client.post("/messaging/incoming/", reply).status_code == 200
    sent_before = len(locmem.outbox)
    post_committed(client, f"/reports/{report.pk}/status/", {"status": "restored", "note": "Home"})

    report.refresh_from_db()
    assert report.status == "restored"
    *_, closed = family_sms()
    assert (closed.template, closed.status) == ("family_case_closed", MessageStatus.OPTED_OUT)
    assert len(locmem.outbox) == sent_before
    assert Message.objects.filter(direction="in", recipient=MOBILE, text="Stop").count() == 1


def test_each_sms_is_in_the_language_she_chose(client, khordha, capital_ps, officer):
    report = complaint_registered_as_fir(client, khordha, capital_ps, officer, language="hi")

    (fir,) = family_sms()
    context = {
        "fir": "FIR 301/2026",
        "unit": "Capital PS",
        "phone": "0674-2390100",
        "stop_link": fir.text.rsplit(" ", 1)[-1],
    }
    with translation.override("hi"):
        assert fir.text == str(FAMILY_FIR_REGISTERED.text) % context
    assert (fir.language, report.complainant_language) == ("hi", "hi")


def test_running_the_work_again_sends_nothing_twice(
    client, khordha, capital_ps, officer, found_in_the_home
):
    report = complaint_registered_as_fir(client, khordha, capital_ps, officer)
    pair = found_in_the_home(report)
    client.force_login(officer)
    post_committed(client, f"/matches/{pair.pk}/confirm/")
    post_committed(
        client, f"/reports/{report.pk}/status/", {"status": "restored", "note": "With mother"}
    )
    first = family_sms()
    sent = len(locmem.outbox)

    for _rerun in range(2):  # the outbox hands a task over again after a worker died
        assert len(committed(services.tell_family_about_report, report.pk)) == 2
        assert committed(services.tell_family_of_match, pair.pk) == first[1]

    assert [sms.template for sms in first] == [
        "family_fir_registered",
        "family_match_confirmed",
        "family_case_closed",
    ]
    assert family_sms() == first
    assert len(locmem.outbox) == sent


@pytest.mark.parametrize(
    ("closure_reason", "told"),
    [("returned_home", "Returned home"), ("traced_by_police", "Traced by police")],
)
def test_a_closed_case_is_told_with_its_reason_in_words(
    client, khordha, capital_ps, officer, closure_reason, told
):
    report = complaint_registered_as_fir(client, khordha, capital_ps, officer, language="en")
    client.force_login(officer)

    post_committed(
        client,
        f"/reports/{report.pk}/status/",
        {"status": "closed", "closure_reason": closure_reason, "note": "Closed"},
    )

    *_, closed = family_sms()
    assert closed.template == FAMILY_CASE_CLOSED.key
    assert f"{report.case_number} is closed: {told}." in closed.text
    assert "Capital PS 0674-2390100" in closed.text


def test_a_death_is_never_told_by_sms(client, khordha, capital_ps, officer):
    report = complaint_registered_as_fir(client, khordha, capital_ps, officer)
    client.force_login(officer)

    post_committed(
        client,
        f"/reports/{report.pk}/status/",
        {"status": "closed", "closure_reason": "deceased", "note": "Told in person"},
    )

    assert [sms.template for sms in family_sms()] == ["family_fir_registered"]


def test_a_station_without_a_phone_gives_the_dcpu_of_its_district(
    client, khordha, capital_ps, officer, make_unit
):
    capital_ps.phone = ""
    capital_ps.save()
    make_unit("dcpu", district=khordha, name="DCPU Khordha", phone="0674-2555555")

    complaint_registered_as_fir(client, khordha, capital_ps, officer)

    (fir,) = family_sms()
    assert fir.language == "bn"  # the language she wrote her complaint in
    assert "Capital PS" in fir.text
    assert "0674-2555555" in fir.text  # the DCPU's, with no SP office's phone to give


def test_the_station_notes_the_mobile_of_a_family_who_came_in_person(
    client, odisha, khordha, capital_ps, officer
):
    """No Khoya-Paya complaint: the officer types the mother's mobile and her language."""
    client.force_login(officer)
    data = missing_report_data(
        odisha, khordha, complainant_mobile="+91 98610 55555", complainant_language="hi"
    )

    response = post_committed(client, "/reports/missing/new/", data)

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.complainant_mobile, report.complainant_language) == ("9861055555", "hi")
    (fir,) = family_sms("9861055555")
    assert (fir.template, fir.language) == ("family_fir_registered", "hi")
    assert "FIR 112/2026" in fir.text
    assert "9861055555" in client.get(f"/reports/{report.pk}/").text


@pytest.mark.parametrize(
    ("typed", "field", "error"),
    [
        ({"complainant_mobile": "0674-2390100"}, "complainant_mobile", "10-digit Indian mobile"),
        ({"complainant_mobile": "12345"}, "complainant_mobile", "10-digit Indian mobile"),
        ({"complainant_mobile": "9861055555"}, "complainant_language", "language of the family"),
        ({"complainant_language": "bn"}, "complainant_mobile", "mobile number the SMS go to"),
    ],
)
def test_a_mobile_no_sms_can_reach_or_without_a_language_is_refused(
    client, odisha, khordha, officer, typed, field, error
):
    client.force_login(officer)

    response = post_committed(
        client, "/reports/missing/new/", missing_report_data(odisha, khordha, **typed)
    )

    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert not Report.objects.exists()
    assert family_sms("9861055555") == []


def test_no_mobile_no_sms(client, odisha, khordha, officer):
    client.force_login(officer)

    post_committed(client, "/reports/missing/new/", missing_report_data(odisha, khordha))

    assert Report.objects.get().fir_number == "112/2026"
    assert not Message.objects.filter(template__startswith="family_").exists()


@pytest.mark.refused_side(
    "reports:detail", "another_unit", "another_district", "another_state", summary=True
)
@pytest.mark.parametrize("kind", ["another_unit", "another_district", "another_state"])
def test_only_the_station_and_its_supervisors_see_the_familys_mobile(
    client, odisha, khordha, capital_ps, officer, sign_in_outsider, kind
):
    client.force_login(officer)
    post_committed(
        client,
        "/reports/missing/new/",
        missing_report_data(
            odisha, khordha, complainant_mobile="9861055555", complainant_language="hi"
        ),
    )
    report = Report.objects.get()
    sign_in_outsider(kind, capital_ps)

    page = client.get(f"/reports/{report.pk}/").text

    assert "Priya Sahu" in page  # the tracing summary
    assert "9861055555" not in page
    assert client.get(f"/reports/{report.pk}/edit/").status_code in (403, 404)
