"""While Redis or the database is down, a client is still answered in JSON: its calls are counted
in the process when Redis is down, and it is told to come back (503, Retry-After) when the
database is. Addresses that do not exist, a Host header the portal does not serve and unexpected
failures answer JSON too."""

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from apps.api import selectors, services
from apps.api.tests.conftest import fir, push

pytestmark = pytest.mark.django_db

# The production cache (trackchild/settings.py) with nothing listening where Redis should be.
REDIS_DOWN = {
    "default": {
        "BACKEND": "apps.core.cache.RedisCacheWithLocalFallback",
        "LOCATION": "redis://127.0.0.1:1",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
}


def test_with_redis_down_calls_are_answered_and_limited_in_the_process(
    client, make_client, odisha, bhubaneswar_station
):
    _client, headers = make_client("CCTNS Odisha", state=odisha, calls_per_minute=2)

    with override_settings(CACHES=REDIS_DOWN):
        answers = [push(client, headers, fir()).status_code for _ in range(3)]

    assert answers == [201, 200, 429]


def test_with_the_database_down_the_client_is_told_to_come_back(
    client, odisha_cctns, bhubaneswar_station, monkeypatch
):
    _client, headers = odisha_cctns
    report_id = push(client, headers, fir()).json()["report_id"]

    def database_down(*args, **kwargs):
        raise OperationalError("connection to server was lost")

    monkeypatch.setattr(selectors, "report_for", database_down)
    answer = client.get(f"/api/v1/reports/{report_id}/", **headers)

    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert answer.json()["code"] == "unavailable"


def test_a_failure_outside_the_view_answers_json(odisha_cctns, bhubaneswar_station, monkeypatch):
    _client, headers = odisha_cctns

    def call_log_down(**kwargs):
        raise OperationalError("connection to server was lost")

    monkeypatch.setattr(services, "log_call", call_log_down)
    answer = Client(raise_request_exception=False).get("/api/v1/cctns/changes/", **headers)

    assert answer.status_code == 503
    assert answer.json()["code"] == "unavailable"
    assert answer["Retry-After"] == "30"


def test_an_unexpected_error_answers_json_500(client, odisha_cctns, monkeypatch):
    _client, headers = odisha_cctns

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "changes_since", broken)
    answer = client.get("/api/v1/cctns/changes/", {"since": "2026-11-24T00:00:00Z"}, **headers)

    assert answer.status_code == 500
    assert answer.json()["code"] == "server_error"


def test_an_unknown_address_answers_json_404(client):
    answer = client.get("/api/v1/nope/")

    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"


def test_a_host_the_portal_does_not_serve_answers_json_400(client):
    answer = client.get("/api/v1/pfif/", HTTP_HOST="kind of document")

    assert answer.status_code == 400
    assert answer.json()["code"] == "bad_request"
    assert client.get("/khoya-paya/", HTTP_HOST="kind of document")["Content-Type"].startswith(
        "text/html"
    )
