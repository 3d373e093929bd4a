"""Kamala, whose son Munna is missing, lodges a grievance on Khoya-Paya (the CAPTCHA, then the
code sent to her mobile); it gets a reference and goes to the unit that answers for it. An
official lodges one signed in."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client

from apps.citizens.tests.conftest import last_code
from apps.directory.models import NodalOfficer
from apps.grievances.models import AnswerLevel, Grievance
from apps.grievances.services import CODES_PER_GRIEVANCE, GRIEVANCES_PER_MOBILE_PER_DAY
from apps.grievances.tests.conftest import MOBILE, grievance_data, lodge, lodge_and_confirm, post
from apps.messaging.backends import locmem
from conftest import OUTSIDER_KINDS


def test_a_mother_lodges_a_grievance_about_her_sons_case_with_the_station_that_owns_it(
    client, munnas_case, capital_ps, officer, settings
):
    settings.GRIEVANCE_ANSWER_DAYS = 20
    response = lodge(client, case=munnas_case.case_number.lower())

    assert response.status_code == 302
    assert locmem.outbox[-1].to == MOBILE  # the code goes to her mobile
    kept = Grievance.objects.get()
    assert kept.lodged_at is None  # nobody sees it before the code is typed
    client.force_login(officer)
    assert kept.reference not in client.get("/grievances/").text
    client.logout()

    grievance = lodge_and_confirm(case=munnas_case.case_number)

    assert grievance.reference.startswith("GR")
    assert grievance.report == munnas_case
    assert grievance.unit == grievance.answering_unit == capital_ps
    assert grievance.level == AnswerLevel.UNIT
    assert (grievance.district, grievance.state) == (capital_ps.district, capital_ps.state)
    assert grievance.answer_due_at == grievance.lodged_at + timedelta(days=20)
    client.force_login(officer)
    assert grievance.reference in client.get("/grievances/").text


def test_a_grievance_about_a_unit_goes_to_its_states_nodal_officer_else_the_scps(
    odisha, scps_odisha, make_unit, ministry
):
    first = lodge_and_confirm(subject="unit", state=odisha.pk, unit_name="Capital PS")
    women_cell = make_unit("state_police", state=odisha, name="Odisha Police HQ")
    NodalOfficer.objects.create(
        unit=women_cell, scope="state", name="S. Rao", designation="IGP", phone="0674-2304001"
    )
    second = lodge_and_confirm(
        subject="unit", state=odisha.pk, unit_name="Capital PS", mobile="9437012346"
    )

    assert first.unit == scps_odisha
    assert first.about_unit_name == "Capital PS"
    assert first.state == odisha
    assert second.unit == women_cell


def test_a_grievance_about_the_portal_or_a_state_without_a_nodal_unit_goes_to_the_ministry(
    bihar, ministry
):
    about_portal = lodge_and_confirm(subject="portal", text="The page does not open on my phone")
    about_unit = lodge_and_confirm(
        subject="unit", state=bihar.pk, unit_name="Kotwali PS", mobile="9437012346"
    )

    assert about_portal.unit == about_unit.unit == ministry
    assert about_portal.level == about_unit.level == AnswerLevel.NATION
    assert about_portal.state is None


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"case": "M-9999999"}, "case", "No case has this number"),
        ({"case": ""}, "case", "No case has this number"),
        ({"subject": "unit"}, "state", "Choose the State/UT of the unit"),
        ({"subject": "unit", "state": ""}, "unit_name", "Name the police station"),
        ({"mobile": "12345"}, "mobile", "10-digit Indian mobile number"),
        ({"captcha_1": "WRONG"}, "captcha", "not the ones in the picture"),
        ({"text": ""}, "text", "This field is required"),
    ],
)
def test_a_grievance_with_a_mistake_is_refused_with_what_to_correct(
    client, munnas_case, overrides, field, error
):
    response = lodge(client, **overrides)

    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert 'value="Kamala Sethi"' in response.text  # what she typed stays
    assert not Grievance.objects.exists()
    assert not locmem.outbox


def test_a_wrong_code_lodges_nothing(client, munnas_case):
    response = lodge(client, case=munnas_case.case_number)

    page = post(client, response["Location"], {"code": "000000"})

    assert "This code is not right" in page.text
    assert Grievance.objects.get().lodged_at is None


def test_the_same_form_sent_twice_lodges_one_grievance_and_sends_one_code(client, munnas_case):
    client.get("/khoya-paya/grievance/")
    data = grievance_data(case=munnas_case.case_number, submission_token=str(uuid.uuid4()))

    first = post(client, "/khoya-paya/grievance/", data)
    second = post(client, "/khoya-paya/grievance/", data)

    assert first["Location"] == second["Location"]
    assert Grievance.objects.count() == 1
    assert len(locmem.outbox) == 1


def test_a_mobile_lodging_too_many_grievances_in_a_day_is_refused(client, munnas_case):
    for number in range(GRIEVANCES_PER_MOBILE_PER_DAY):
        Grievance.objects.create(
            subject="case",
            report=munnas_case,
            text=f"{number}",
            mobile=MOBILE,
            unit=munnas_case.owning_unit,
            answering_unit=munnas_case.owning_unit,
        )

    response = lodge(client, case=munnas_case.case_number)

    assert response.status_code == 429
    assert "too many grievances today" in response.text
    assert Grievance.objects.count() == GRIEVANCES_PER_MOBILE_PER_DAY


def test_an_official_lodges_a_grievance_about_the_portal_without_a_code(client, officer, ministry):
    client.force_login(officer)

    form = client.get("/khoya-paya/grievance/")
    response = post(
        client,
        "/khoya-paya/grievance/",
        {"subject": "portal", "text": "Bulk upload rejects our station's file"},
        follow=True,
    )

    assert "captcha" not in form.context["form"].fields
    grievance = Grievance.objects.get()
    assert grievance.lodged_by == officer
    assert grievance.lodged_at is not None
    assert grievance.unit == ministry
    assert f"Your grievance {grievance.reference} is lodged" in response.text
    assert not locmem.outbox


@pytest.mark.refused_side("grievances:confirm", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_only_the_browser_that_wrote_the_grievance_confirms_it(
    client, munnas_case, capital_ps, sign_in_outsider, kind
):
    response = lodge(Client(), case=munnas_case.case_number)
    sign_in_outsider(kind, capital_ps)

    opened = client.get(response["Location"])
    tried = post(client, response["Location"], {"code": "123456"})

    assert opened["Location"] == tried["Location"] == "/khoya-paya/grievance/track/"
    assert Grievance.objects.get().lodged_at is None


def test_she_asks_for_the_code_again_a_few_times_at_most(client, munnas_case):
    response = lodge(client, case=munnas_case.case_number)
    confirm_url = response["Location"]
    first_code = last_code()

    again = [post(client, confirm_url, {"resend": "1"}, follow=True) for _ in range(3)]
    new_code = last_code()
    old_refused = post(client, confirm_url, {"code": first_code})
    lodged = post(client, confirm_url, {"code": new_code})

    assert len(locmem.outbox) == CODES_PER_GRIEVANCE
    assert "A new code is on its way" in again[0].text
    assert "Too many codes have been sent" in again[-1].text
    assert "This code is not right" in old_refused.text
    assert "Your grievance is lodged" in lodged.text
