"""A 1098 centre in Odisha takes a call about a girl alone on platform 3 and posts it: it
becomes a sighting of the district police office (the caller did not know the station), is
matched with Priya's missing report at once, and keeps the call reference. The centre may also
post a child its team has taken in. It may not report from Bihar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api.models import Scope
from apps.api.tests.conftest import call, post
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_helpline_sighting_reaches_the_district_police_and_is_matched(
    client, childline_odisha, sp_office, capital_ps, officer, file_missing
):
    priya = file_missing(officer)
    _client, headers = childline_odisha
    sent = call()

    answer = post(client, headers, sent)
    again = post(client, headers, sent)

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    sighting = Report.objects.get(kind="sighting")
    assert (body["report_id"], body["case_number"]) == (sighting.pk, sighting.case_number)
    assert body["case_number"].startswith("S-")
    assert (sighting.owning_unit, sighting.found_by) == (sp_office, "helpline")
    assert body["helpline_call"] == "1098/OD-2026-118812"
    assert sighting.circumstances_detail.startswith(
        "Reported to helpline 1098, call 1098/OD-2026-118812."
    )
    assert [c["other"]["case_number"] for c in body["candidates"]] == [priya.case_number]
    assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
    assert Report.objects.filter(kind="sighting").count() == 1


def test_a_known_station_owns_the_sighting(client, childline_odisha, sp_office, capital_ps):
    capital_ps.cctns_code = "21101001"
    capital_ps.save()
    _client, headers = childline_odisha

    answer = post(client, headers, call(helpline="112", police_station_code="21101001"))

    assert answer.status_code == 201
    assert Report.objects.get().owning_unit == capital_ps
    assert answer.json()["helpline_call"] == "112/OD-2026-118812"


def test_a_child_in_the_teams_care_is_reported_found(
    client, childline_odisha, sp_office, childrens_home
):
    _client, headers = childline_odisha

    answer = post(
        client,
        headers,
        call(call_id="OD-7", placement="cci", placed_at=childrens_home.pk),
        path="found-children",
    )
    unplaced = post(client, headers, call(call_id="OD-8", placement="cci"), "found-children")

    assert answer.status_code == 201, answer.json()
    found = Report.objects.get()
    assert (found.kind, found.placed_at, found.found_by) == ("found", childrens_home, "helpline")
    assert answer.json()["case_number"].startswith("F-")
    assert list(unplaced.json()["fields"]) == ["placed_at"]


def test_bad_fields_are_named(client, childline_odisha, sp_office):
    _client, headers = childline_odisha

    answer = post(client, headers, call(age_min=12, age_max=10, event_district=999999))
    future = post(client, headers, call(event_at=(timezone.now() + timedelta(days=1)).isoformat()))

    assert answer.status_code == 400
    assert list(answer.json()["fields"]) == ["event_district"]
    assert future.json()["fields"]["event_at"][0]["message"] == "This date is in the future."
    assert not Report.objects.exists()


def test_the_odisha_centre_cannot_report_from_bihar(client, childline_odisha, patna):
    _client, headers = childline_odisha

    answer = post(client, headers, call(event_state=10, event_district=212))

    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
    assert not Report.objects.exists()


def test_a_key_without_the_sightings_scope_is_refused(client, odisha_cctns, sp_office):
    _client, headers = odisha_cctns

    assert post(client, headers, call()).status_code == 403
    assert post(client, headers, call(placement="not_placed"), "found-children").status_code == 403
    assert not Report.objects.exists()


def test_a_district_centre_reports_only_from_its_district(
    client, make_client, khordha, cuttack, sp_office
):
    _client, headers = make_client(
        "Childline Khordha", district=khordha, scopes=[Scope.WRITE_SIGHTINGS]
    )

    elsewhere = post(client, headers, call(event_district=348))
    at_home = post(client, headers, call())

    assert (elsewhere.status_code, at_home.status_code) == (403, 201)
    assert Report.objects.get().event_district == khordha
