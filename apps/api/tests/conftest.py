"""Machine clients: Odisha's CCTNS and a 1098 centre, and what they send."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from apps.api import services
from apps.api.models import Scope
from apps.directory.models import UnitType

ALL_SCOPES = [scope.value for scope in Scope]


@pytest.fixture(autouse=True)
def fresh_rate_counters():
    cache.clear()


@pytest.fixture
def make_client(db):
    """A client and the header its key goes in."""

    def make(
        name, *, state=None, district=None, scopes=ALL_SCOPES, calls_per_minute=120, unit=None
    ):
        client, key = services.create_client(
            name=name,
            state=state,
            district=district,
            scopes=list(scopes),
            calls_per_minute=calls_per_minute,
            unit=unit,
        )
        return client, {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    return make


@pytest.fixture
def odisha_cctns(make_client, odisha):
    return make_client("CCTNS Odisha", state=odisha, scopes=[Scope.READ, Scope.WRITE_MISSING])


@pytest.fixture
def bhubaneswar_station(capital_ps):
    capital_ps.cctns_code = "21101001"
    capital_ps.save()
    return capital_ps


def fir(**overrides) -> dict:
    """What Odisha's CCTNS sends for FIR 112/2026 of Capital PS: Priya Sahu, 11, missing."""
    now = timezone.now()
    data = {
        "state": 21,
        "police_station_code": "21101001",
        "fir_number": "112/2026",
        "fir_year": timezone.localtime(now - timedelta(hours=2)).year,
        "fir_registered_at": (now - timedelta(hours=2)).isoformat(),
        "investigating_officer": "SI Bikash Nayak",
        "full_name": "Priya Sahu",
        "other_names": "Pinki",
        "sex": "F",
        "age": 11,
        "identification_marks": "Mole on left cheek",
        "languages": ["or", "hi"],
        "father_name": "Ramesh Sahu",
        "mother_name": "Sabita Sahu",
        "event_at": (now - timedelta(days=1)).isoformat(),
        "event_state": 21,
        "event_district": 362,
        "event_locality": "Bhubaneswar railway station",
        "circumstances": "lost_in_crowd",
        "marks": [{"kind": "scar", "body_part": "hand", "side": "right"}],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def push(http, headers, data, method="put"):
    return getattr(http, method)(
        "/api/v1/cctns/firs/", data, content_type="application/json", **headers
    )


@pytest.fixture
def scps_odisha(make_unit, odisha):
    return make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")


def pfif_call(http, headers, method="get", body=b"", **query):
    if method == "get":
        return http.get("/api/v1/pfif/", query, **headers)
    return http.post("/api/v1/pfif/", body, content_type="application/xml", **headers)


# --- A 1098 centre in Odisha and what it posts ---


@pytest.fixture
def childline_odisha(make_client, odisha):
    return make_client(
        "Childline 1098 Odisha",
        state=odisha,
        scopes=[Scope.READ, Scope.WRITE_SIGHTINGS, Scope.WRITE_FOUND],
    )


@pytest.fixture
def sp_office(make_unit, khordha):
    return make_unit("district_police", district=khordha, name="SP Khordha")


def call(**overrides) -> dict:
    data = {
        "helpline": "1098",
        "call_id": "OD-2026-118812",
        "event_at": (timezone.now() - timedelta(minutes=40)).isoformat(),
        "event_state": 21,
        "event_district": 362,
        "event_locality": "Bhubaneswar railway station, platform 3",
        "circumstances_detail": "Caller says she has been crying alone for an hour.",
        "full_name": "Priya",
        "sex": "F",
        "age_min": 10,
        "age_max": 12,
        "identification_marks": "Mole on left cheek",
        "clothing": "Blue school uniform",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(http, headers, data, path="sightings"):
    return http.post(f"/api/v1/helpline/{path}/", data, content_type="application/json", **headers)
