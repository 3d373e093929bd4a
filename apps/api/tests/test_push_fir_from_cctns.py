"""Odisha's CCTNS pushes FIR 112/2026 of Capital PS: the portal files one missing report, matches
it at once, and answers with its ID and candidates; resending changes nothing. Other states'
FIRs, bad records and photos that are not photos are refused with a machine-readable reason."""

import base64

import pytest

from apps.api.models import ApiCall
from apps.api.tests.conftest import fir, push
from apps.reports.models import Report
from apps.reports.tests.fixtures import photo_upload

pytestmark = pytest.mark.django_db(transaction=True)


def as_base64(upload) -> str:
    upload.seek(0)
    return base64.b64encode(upload.read()).decode()


def test_cctns_pushes_an_fir_twice_and_one_matched_report_results(
    client, odisha_cctns, bhubaneswar_station, cwc_member, file_found
):
    found = file_found(
        cwc_member,
        full_name="Priya Sahu",
        sex="F",
        age_min="11",
        age_max="11",
        identification_marks="Mole on left cheek",
        told_language="or",
    )
    _client, headers = odisha_cctns

    record = fir(photos=[as_base64(photo_upload())])

    first = push(client, headers, record)
    again = push(client, headers, record)

    assert first.status_code == 201, first.json()
    created = first.json()
    report = Report.objects.get(kind="missing")
    assert (created["report_id"], created["case_number"]) == (report.pk, report.case_number)
    assert created["outcome"] == "created"
    assert created["fir"]["fir_number"] == "112/2026"
    assert (report.owning_unit, report.full_name, report.photo_count) == (
        bhubaneswar_station,
        "Priya Sahu",
        1,
    )
    assert [c["other"]["case_number"] for c in created["candidates"]] == [found.case_number]
    assert again.status_code == 200
    assert again.json()["outcome"] == "unchanged"
    assert again.json()["candidates"] == created["candidates"]
    assert Report.objects.filter(kind="missing").count() == 1
    assert report.history.count() == 1


def test_a_changed_fir_updates_the_report_and_keeps_what_was_not_sent(
    client, odisha_cctns, bhubaneswar_station
):
    _client, headers = odisha_cctns
    record = fir()
    push(client, headers, record)

    without_father = {key: value for key, value in record.items() if key != "father_name"}

    changed = push(client, headers, {**without_father, "clothing": "Red frock"}, method="post")

    assert changed.status_code == 200
    assert changed.json()["outcome"] == "updated"
    report = Report.objects.get()
    assert (report.clothing, report.father_name) == ("Red frock", "Ramesh Sahu")
    assert report.history.first().history_change_reason == "Updated from CCTNS"
    assert list(report.marks.values_list("kind", flat=True)) == ["scar"]


def test_the_police_system_reads_its_fir_back(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns
    report_id = push(client, headers, fir()).json()["report_id"]
    key = fir()
    query = {name: key[name] for name in ("state", "police_station_code", "fir_number", "fir_year")}

    answer = client.get("/api/v1/cctns/firs/", query, **headers)
    unknown = client.get("/api/v1/cctns/firs/", {**query, "fir_number": "999/2026"}, **headers)

    assert (answer.status_code, answer.json()["report_id"]) == (200, report_id)
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


def test_bad_fields_are_named_one_by_one(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns

    answer = push(client, headers, fir(age=None, date_of_birth="2001-01-01"))
    missing = push(client, headers, fir(full_name="", event_at="yesterday"))
    unknown_station = push(client, headers, fir(police_station_code="99999"))

    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "invalid"
    assert body["fields"]["date_of_birth"][0]["message"].startswith(
        "By this date of birth the child was"
    )
    assert set(missing.json()["fields"]) == {"full_name", "event_at"}
    assert list(unknown_station.json()["fields"]) == ["police_station_code"]
    wrong_year = push(client, headers, fir(fir_year=2019))
    assert wrong_year.json()["fields"]["fir_year"][0]["message"].startswith(
        "The FIR was registered in"
    )
    assert not Report.objects.exists()


def test_a_photo_that_is_not_a_photo_is_refused_as_on_the_web_form(
    client, odisha_cctns, bhubaneswar_station
):
    _client, headers = odisha_cctns
    pdf = base64.b64encode(b"%PDF-1.4 not a picture").decode()

    answer = push(client, headers, fir(photos=[pdf, "***"]))

    assert answer.status_code == 400
    photos = answer.json()["fields"]["photos"]
    assert photos["0"][0]["message"] == (
        "This photo is not a photo. Choose a JPEG, PNG or WebP picture."
    )
    assert photos["1"][0]["code"] == "not_base64"


def test_odishas_key_cannot_push_a_bihar_fir(client, odisha_cctns, bihar, kotwali_ps):
    kotwali_ps.cctns_code = "10201001"
    kotwali_ps.save()
    _client, headers = odisha_cctns

    answer = push(
        client,
        headers,
        fir(state=10, police_station_code="10201001", event_state=10, event_district=212),
    )

    assert answer.status_code == 403
    assert answer.json()["code"] == "permission_denied"
    assert not Report.objects.exists()


def test_a_key_without_the_write_scope_cannot_push(
    client, make_client, odisha, bhubaneswar_station
):
    _client, headers = make_client("Dashboard Odisha", state=odisha, scopes=["read"])

    answer = push(client, headers, fir())

    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_an_oversized_body_is_refused_before_it_is_read(
    client, settings, odisha_cctns, bhubaneswar_station
):
    settings.API_MAX_REQUEST_BYTES = 50_000
    _client, headers = odisha_cctns

    answer = push(client, headers, fir(circumstances_detail="x" * 60_000))

    assert answer.status_code == 413
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["code"] == "payload_too_large"
    assert not Report.objects.exists()
    assert ApiCall.objects.get().status == 413


def test_no_key_or_a_made_up_key_is_told_to_authenticate(client, bhubaneswar_station):
    anonymous = push(client, {}, fir())
    made_up = push(client, {"HTTP_AUTHORIZATION": "Api-Key tc_deadbeef_guess"}, fir())

    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert anonymous["WWW-Authenticate"] == "Api-Key"
    assert (made_up.status_code, made_up.json()["code"]) == (401, "authentication_failed")
