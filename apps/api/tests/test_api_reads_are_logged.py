"""Every read through the API is written in the access log under the client's account: a report
read by its id or its FIR (with the report and its owning unit), the changes pulled (with the
query and how many came back), the PFIF feed (an export, with its rows). A key reads only its
own jurisdiction, so its reads are never marked outside it; a read refused leaves no entry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api.tests.conftest import pfif_call
from apps.audit.models import AccessAction, AccessLog
from apps.reports import services as report_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def reads():
    return AccessLog.objects.filter(action=AccessAction.API_READ)


def test_the_states_cctns_reads_a_report_by_its_id(client, odisha_cctns, priya):
    cctns, headers = odisha_cctns

    answer = client.get(f"/api/v1/reports/{priya.pk}/", REMOTE_ADDR="10.21.0.5", **headers)

    assert answer.status_code == 200
    entry = reads().get()
    assert (entry.user, entry.username, entry.user_unit) == (
        cctns.account,
        cctns.account.username,
        None,
    )
    assert (entry.record_type, entry.record_id, entry.owner_unit) == (
        "reports.report",
        priya.pk,
        priya.owning_unit,
    )
    assert (entry.outside_jurisdiction, entry.ip_address) == (False, "10.21.0.5")


def test_a_national_key_reads_any_report_inside_its_jurisdiction(client, make_client, priya):
    _national, headers = make_client("NCRB", scopes=["read"])

    client.get(f"/api/v1/reports/{priya.pk}/", **headers)

    assert reads().get().outside_jurisdiction is False


def test_a_key_of_another_state_is_refused_and_nothing_is_logged(client, make_client, bihar, priya):
    _bihar, headers = make_client("CCTNS Bihar", state=bihar, scopes=["read"])

    assert client.get(f"/api/v1/reports/{priya.pk}/", **headers).status_code == 404
    assert client.get(f"/api/v1/reports/{priya.pk}/").status_code == 401

    assert not AccessLog.objects.exists()


def test_the_cctns_reads_a_report_by_its_fir(client, odisha_cctns, bhubaneswar_station, priya):
    _cctns, headers = odisha_cctns
    query = {
        "state": 21,
        "police_station_code": bhubaneswar_station.cctns_code,
        "fir_number": priya.fir_number,
        "fir_year": priya.fir_year,
    }

    assert client.get("/api/v1/cctns/firs/", query, **headers).status_code == 200
    unknown = client.get("/api/v1/cctns/firs/", {**query, "fir_number": "999/2026"}, **headers)

    assert unknown.status_code == 404
    entry = reads().get()
    assert (entry.record_id, entry.owner_unit) == (priya.pk, priya.owning_unit)


def test_the_cctns_pulls_changes_and_the_entry_counts_them(client, odisha_cctns, officer, priya):
    _cctns, headers = odisha_cctns
    since = (timezone.now() - timedelta(hours=1)).isoformat()
    report_services.change_status(
        report=priya, changed_by=officer, status="traced", closure_reason="", note="Found"
    )

    answer = client.get("/api/v1/cctns/changes/", {"since": since}, **headers)

    changes = answer.json()["changes"]
    assert changes
    entry = reads().get()
    assert entry.rows == len(changes)
    assert entry.detail.startswith("FIR changes: since=")
    assert entry.record_id is None


def test_a_partner_pulls_the_pfif_feed_and_the_export_counts_its_persons(
    client, make_client, odisha, officer, file_missing
):
    file_missing(officer)
    file_missing(officer, fir_number="113/2026", full_name="Anita Das")
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read"])

    assert pfif_call(client, headers, kind="missing").status_code == 200

    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.rows == 2
    assert entry.detail == "PFIF API: kind=missing"
