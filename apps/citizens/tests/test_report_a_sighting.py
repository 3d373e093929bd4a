"""A passer-by sees a girl alone on platform 3 and reports her from a phone; the police station
and the district's child protection unit see it, and it is matched against missing reports."""

import pytest
from django.test import Client

from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import (
    MOBILE,
    last_code,
    place,
    send_and_confirm,
    send_report,
    sighting_data,
)
from apps.matching.models import MatchCandidate
from apps.messaging.backends.locmem import outbox
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


def test_a_confirmed_sighting_reaches_the_station_and_the_dcpu_and_is_matched(
    client, khordha, capital_ps, dcpu_officer, officer, file_missing
):
    priya = file_missing(officer)  # Priya Sahu, 11, missing from Bhubaneswar since yesterday

    reference = send_and_confirm(client, "sighting", khordha, sighting_data(capital_ps))

    page = client.get(f"/khoya-paya/case/{reference}/").content.decode()
    assert reference in page
    assert "Capital PS" in page
    sighting = CitizenReport.objects.get(reference=reference)
    assert (sighting.status, sighting.reporter_mobile) == ("forwarded", MOBILE)
    record = sighting.report
    assert (record.kind, record.owning_unit, record.photos.count()) == ("sighting", capital_ps, 1)
    assert record.case_number.startswith("S-")
    pair = MatchCandidate.objects.get(kind="match")
    assert (pair.missing, pair.other) == (priya, record)

    client.force_login(officer)
    assert reference in client.get("/citizen-reports/").content.decode()
    sign_in_verified(client, dcpu_officer)
    assert reference in client.get("/citizen-reports/").content.decode()
    assert client.get(f"/citizen-reports/{reference}/photo/").status_code == 200


def test_nothing_reaches_officials_before_the_mobile_is_confirmed(
    client, khordha, capital_ps, officer
):
    send_report(client, "sighting", khordha, sighting_data(capital_ps))

    (sms,) = outbox
    assert sms.to == MOBILE
    client.force_login(officer)
    assert "Priya" not in client.get("/citizen-reports/").content.decode()
    assert CitizenReport.objects.get().report is None


def test_a_wrong_code_is_explained_and_counted(client, khordha, capital_ps):
    reference = send_report(client, "sighting", khordha, sighting_data(capital_ps))
    wrong = "000000" if last_code() != "000000" else "111111"

    for _attempt in range(5):
        page = client.post(f"/khoya-paya/verify/{reference}/", {"code": wrong})
        assert "This code is not right." in page.content.decode()
    locked = client.post(f"/khoya-paya/verify/{reference}/", {"code": last_code()})

    assert "Too many wrong codes. Ask for a new one." in locked.content.decode()
    assert CitizenReport.objects.get().status == "unverified"


def test_the_station_may_be_unknown_and_the_district_police_then_get_it(
    client, khordha, capital_ps, make_unit
):
    sp_office = make_unit("district_police", district=khordha, name="SP Khordha")

    reference = send_and_confirm(client, "sighting", khordha, sighting_data(None))

    assert CitizenReport.objects.get(reference=reference).police_station == sp_office


def test_a_photo_that_is_not_a_photo_is_refused_and_the_rest_is_kept(client, khordha, capital_ps):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/khoya-paya/report/sighting/{place(khordha)}",
        sighting_data(capital_ps, photo_upload=SimpleUploadedFile("x.jpg", b"not a picture")),
    )

    page = response.content.decode()
    assert "x.jpg is not a photo" in page
    assert "Thin girl in a blue school uniform" in page
    assert "Choose the photo again." in page
    assert not CitizenReport.objects.exists()


def test_the_place_comes_first_and_a_district_outside_the_state_is_refused(
    client, khordha, patna, capital_ps
):
    first = client.get("/khoya-paya/report/sighting/")
    wrong = client.get(f"/khoya-paya/report/sighting/?state={khordha.state_id}&district={patna.pk}")

    assert "Where did you see the child?" in first.content.decode()
    assert "This district is not in the chosen State/UT." in wrong.content.decode()
    stations = client.get(f"/khoya-paya/report/sighting/{place(khordha)}").content.decode()
    assert "Capital PS" in stations


def test_without_scripts_the_citizen_chooses_the_state_then_one_of_its_districts(
    client, khordha, cuttack, patna, capital_ps
):
    first = client.get("/khoya-paya/report/sighting/").content.decode()
    shown = client.get(
        "/khoya-paya/report/sighting/", {"state": khordha.state_id, "show_districts": "1"}
    ).content.decode()

    assert "Khordha" not in first
    assert "Patna" not in first
    assert "Show districts" in first
    assert "Cuttack" in shown
    assert f'<option value="{khordha.pk}">Khordha</option>' in shown
    assert "Patna" not in shown
    assert "This field is required." not in shown
    stations = client.get(f"/khoya-paya/report/sighting/{place(khordha)}").content.decode()
    assert "Capital PS" in stations


@pytest.mark.refused_side("citizens:photo", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_station_and_its_district_cannot_see_the_photo(
    client, khordha, capital_ps, sign_in_outsider, kind
):
    reference = send_and_confirm(Client(), "sighting", khordha, sighting_data(capital_ps))
    sign_in_outsider(kind, capital_ps)

    assert client.get(f"/citizen-reports/{reference}/photo/").status_code == 404
