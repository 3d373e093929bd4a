"""A national administrator issues Odisha's CCTNS a key in admin (shown once), rotates it when
it leaks and revokes it when the contract ends; every call is logged; a client that calls too
fast is slowed down. A police officer cannot reach any of it."""

import re

import pytest

from apps.api.models import ApiCall, ApiClient
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

REPORT_URL = "/api/v1/reports/1/"


def shown_keys(page) -> list[str]:
    return re.findall(r"<code>(tc_[^<]+)</code>", page.content.decode())


def read(http, key):
    return http.get(REPORT_URL, HTTP_AUTHORIZATION=f"Api-Key {key}")


def test_the_administrator_issues_rotates_and_revokes_a_key(client, national_admin, odisha):
    sign_in_verified(client, national_admin)

    page = client.post(
        "/admin/api/apiclient/add/",
        {"name": "CCTNS Odisha", "state": odisha.pk, "scopes": ["read"], "calls_per_minute": 60},
    )

    (key,) = shown_keys(page)
    cctns = ApiClient.objects.get()
    assert (cctns.state, cctns.scopes, cctns.key_prefix) == (odisha, ["read"], key[3:11])
    assert key not in cctns.key_hash
    assert "no-store" in page["Cache-Control"]
    assert read(client, key).status_code == 404  # authenticated: no such report

    rotated = client.post(
        "/admin/api/apiclient/",
        {"action": "rotate_keys", "_selected_action": [cctns.pk]},
    )
    (new_key,) = shown_keys(rotated)
    assert read(client, key).status_code == 401
    assert read(client, new_key).status_code == 404

    client.post("/admin/api/apiclient/", {"action": "revoke_keys", "_selected_action": [cctns.pk]})
    refused = read(client, new_key)
    assert refused.status_code == 401
    assert refused.json() == {
        "code": "authentication_failed",
        "detail": "This API key has been revoked.",
    }


def test_every_call_is_logged_with_its_client(client, make_client, odisha):
    cctns, headers = make_client("CCTNS Odisha", state=odisha)

    client.get(REPORT_URL, **headers)
    client.get(REPORT_URL)

    calls = list(ApiCall.objects.order_by("pk").values_list("client", "method", "path", "status"))
    assert calls == [(cctns.pk, "GET", REPORT_URL, 404), (None, "GET", REPORT_URL, 401)]


def test_a_client_calling_too_fast_is_told_when_to_come_back(client, make_client, odisha):
    _cctns, headers = make_client("CCTNS Odisha", state=odisha, calls_per_minute=2)
    _other, other_headers = make_client("Childline Odisha", state=odisha, calls_per_minute=2)

    answers = [client.get(REPORT_URL, **headers) for _call in range(3)]

    assert [answer.status_code for answer in answers] == [404, 404, 429]
    assert answers[-1].json()["code"] == "throttled"
    assert int(answers[-1]["Retry-After"]) > 0
    assert client.get(REPORT_URL, **other_headers).status_code == 404


def test_a_police_officer_cannot_manage_keys(client, officer):
    client.force_login(officer)

    assert client.get("/admin/api/apiclient/").status_code == 302
    assert client.get("/admin/api/apicall/").status_code == 302


def test_a_key_that_sends_pfif_files_needs_a_reviewing_unit_of_its_state(
    client, national_admin, odisha, bihar, scps_odisha, make_unit
):
    sign_in_verified(client, national_admin)
    scps_bihar = make_unit(UnitType.SCPS, state=bihar, name="SCPS Bihar")
    nepal = {
        "name": "Nepal Police portal",
        "state": odisha.pk,
        "scopes": ["read", "read_full", "write_pfif"],
        "calls_per_minute": 60,
    }

    form = client.get("/admin/api/apiclient/add/").content.decode()
    without_unit = client.post("/admin/api/apiclient/add/", nepal)
    other_state = client.post("/admin/api/apiclient/add/", {**nepal, "unit": scps_bihar.pk})
    issued = client.post("/admin/api/apiclient/add/", {**nepal, "unit": scps_odisha.pk})

    assert "Read every particular, beyond publication consent" in form
    assert "Send PFIF files from a partner" in form
    assert "needs a unit to review them" in without_unit.content.decode()
    assert "outside the client&#x27;s jurisdiction" in other_state.content.decode()
    assert len(shown_keys(issued)) == 1
    assert ApiClient.objects.get().unit == scps_odisha
