"""A father complains that his son is missing; the station registers the FIR from the complaint
in one action, or says why not, and the father follows it with his reference."""

import pytest
from django.test import Client

from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import (
    MOBILE,
    fir_data,
    missing_complaint_data,
    send_and_confirm,
    send_report,
)
from apps.reports.models import Report
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


def test_the_station_registers_the_fir_from_the_complaint(client, khordha, capital_ps, officer):
    reference = send_and_confirm(client, "missing", khordha, missing_complaint_data(capital_ps))
    client.force_login(officer)
    assert reference in client.get("/citizen-reports/").content.decode()

    form = client.get(f"/citizen-reports/{reference}/convert/").context["form"]
    assert form.initial["full_name"] == "Raju Sethi"
    response = client.post(f"/citizen-reports/{reference}/convert/", fir_data(form))
    assert response.status_code == 302, response.context["form"].errors

    report = Report.objects.get(kind="missing")
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.full_name, report.owning_unit, report.fir_number) == (
        "Raju Sethi",
        capital_ps,
        "301/2026",
    )
    assert reference in report.circumstances_detail
    assert MOBILE in report.circumstances_detail
    complaint = CitizenReport.objects.get(reference=reference)
    assert (complaint.status, complaint.report) == ("converted", report)
    client.logout()
    client.post("/khoya-paya/track/", {"reference": reference, "mobile": MOBILE})
    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    assert "Registered by the police as a missing child report" in page


def test_the_station_may_close_it_with_a_reason_the_citizen_reads(
    client, khordha, capital_ps, officer
):
    reference = send_and_confirm(client, "missing", khordha, missing_complaint_data(capital_ps))
    client.force_login(officer)

    client.post(f"/citizen-reports/{reference}/decline/", {"note": ""})
    assert CitizenReport.objects.get().status == "received"
    client.post(f"/citizen-reports/{reference}/decline/", {"note": "The child came home at 9 pm"})

    client.logout()
    client.post("/khoya-paya/track/", {"reference": reference, "mobile": MOBILE})
    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    assert "The child came home at 9 pm" in page


def test_another_station_cannot_act_on_it(client, khordha, capital_ps, make_official, make_unit):
    other = make_unit("police_station", district=khordha, name="Saheed Nagar PS")
    reference = send_and_confirm(client, "missing", khordha, missing_complaint_data(capital_ps))
    client.force_login(make_official("si_saheed", "police_officer", unit=other))

    assert client.get(f"/citizen-reports/{reference}/").status_code == 404
    assert client.get(f"/citizen-reports/{reference}/convert/").status_code == 404
    client.post(f"/citizen-reports/{reference}/decline/", {"note": "not ours"})
    assert CitizenReport.objects.get().status == "received"


@pytest.mark.refused_side("citizens:detail", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("citizens:convert", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("citizens:decline", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_station_and_its_district_cannot_see_or_act_on_it(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    reference = send_and_confirm(Client(), "missing", khordha, missing_complaint_data(capital_ps))
    sign_in_outsider(kind, capital_ps)

    assert client.get(f"/citizen-reports/{reference}/").status_code == 404
    assert client.get(f"/citizen-reports/{reference}/convert/").status_code == 404
    declined = client.post(f"/citizen-reports/{reference}/decline/", {"note": "not ours"})
    assert declined.status_code == 404
    assert CitizenReport.objects.get().status == "received"


@pytest.mark.refused_side("citizens:case", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_knowing_the_reference_does_not_open_the_fathers_case_page(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    reference = send_and_confirm(Client(), "missing", khordha, missing_complaint_data(capital_ps))
    sign_in_outsider(kind, capital_ps)

    response = client.get(f"/khoya-paya/case/{reference}/")

    assert response["Location"] == "/khoya-paya/track/"


@pytest.mark.refused_side("citizens:verify", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_only_the_fathers_browser_confirms_his_number(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    reference = send_report(Client(), "missing", khordha, missing_complaint_data(capital_ps))
    sign_in_outsider(kind, capital_ps)

    assert client.get(f"/khoya-paya/verify/{reference}/")["Location"] == "/khoya-paya/track/"
    response = client.post(f"/khoya-paya/verify/{reference}/", {"code": "000000"})
    assert response["Location"] == "/khoya-paya/track/"
    assert CitizenReport.objects.get().status == "unverified"
