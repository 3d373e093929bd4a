"""A machine client that sends anything the schema allows, and much it does not, never meets a
server error nor an answer the schema does not describe. Schemathesis generates the requests
from the portal's own OpenAPI schema and sends them to the portal in-process (WSGI)."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.api.tests.conftest import ALL_SCOPES, fir
from apps.pfif.services import import_received
from apps.pfif.tests.conftest import SAMPLES

# Enough to find the classic faults (a 500 on a wrong type, an undocumented status) in well
# under a minute for the whole API.
EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db):
    """The portal as a plain WSGI application. Django closes the database connection after each
    request; like Django's own test client, keep it open so requests run inside the test's
    transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzzing_client(make_client, bhubaneswar_station, childrens_home, scps_odisha):
    """A national client with every scope, a unit to review its PFIF files and no practical
    rate limit, and a station whose CCTNS code and LGD codes the generated requests may hit."""
    _client, headers = make_client(
        "Fuzzer", scopes=ALL_SCOPES, calls_per_minute=1_000_000, unit=scps_odisha
    )
    return {"Authorization": headers["HTTP_AUTHORIZATION"]}


def test_the_schema_is_valid_openapi_3(client, db):
    answer = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    schema = answer.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/cctns/firs/",
        "/api/v1/cctns/changes/",
        "/api/v1/helpline/sightings/",
        "/api/v1/helpline/found-children/",
        "/api/v1/reports/{report_id}/",
        "/api/v1/pfif/",
        "/api/v1/pfif/imports/{received_id}/",
    }


def test_real_answers_match_the_schema(api_schema, fuzzing_client):
    """The fuzzer's random FIRs are refused; a real one walks through every answer's shape."""
    firs = api_schema["/api/v1/cctns/firs/"]
    record = fir()
    key = {name: record[name] for name in ("state", "police_station_code", "fir_number")}

    def send(case):
        return case.call_and_validate(headers=fuzzing_client, checks=CHECKS)

    created = send(firs["PUT"].Case(body=record, media_type="application/json"))
    again = send(firs["POST"].Case(body=record, media_type="application/json"))
    read = send(firs["GET"].Case(query={**key, "fir_year": record["fir_year"]}))
    report = send(
        api_schema["/api/v1/reports/{report_id}/"]["GET"].Case(
            path_parameters={"report_id": created.json()["report_id"]}
        )
    )
    changes = send(
        api_schema["/api/v1/cctns/changes/"]["GET"].Case(query={"since": record["event_at"]})
    )
    pfif = api_schema["/api/v1/pfif/"]
    partner_file = (SAMPLES / "test.pfif-1.4.xml").read_bytes()
    received = send(pfif["POST"].Case(body=partner_file, media_type="application/xml"))
    import_received(received.json()["received_file_id"])  # as the worker does
    imported = send(
        api_schema["/api/v1/pfif/imports/{received_id}/"]["GET"].Case(
            path_parameters={"received_id": received.json()["received_file_id"]}
        )
    )
    exported = send(pfif["GET"].Case(query={"kind": "missing"}))

    assert [created.status_code, again.status_code] == [201, 200]
    assert (received.status_code, received.json()["state"]) == (202, "queued")
    assert (imported.json()["state"], imported.json()["persons_new"]) == ("done", 1)
    assert f"report.{created.json()['report_id']}<".encode() in exported.content
    assert again.json()["outcome"] == "unchanged"
    assert read.json() == report.json()
    assert changes.status_code == 200


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_breaks_the_api_or_its_schema(api_schema, fuzzing_client, mode):
    for operation in api_schema.get_all_operations():

        @given(case=operation.ok().as_strategy(mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def send(case):
            cache.clear()  # no rate limit gets in the way
            case.call_and_validate(headers=fuzzing_client, checks=CHECKS)

        send()


def damaged(partner_file: bytes):
    """Random bytes, and a partner's file cut short or overwritten somewhere."""
    size = len(partner_file)
    return st.one_of(
        st.binary(max_size=300),
        st.integers(0, size).map(lambda end: partner_file[:end]),
        st.tuples(st.integers(0, size), st.binary(min_size=1, max_size=40)).map(
            lambda spot: partner_file[: spot[0]] + spot[1] + partner_file[spot[0] + len(spot[1]) :]
        ),
    )


def test_a_damaged_pfif_file_is_refused_or_read_never_a_server_error(api_schema, fuzzing_client):
    """The schema's object shape only ever makes well-formed XML; files really arrive broken."""
    send_file = api_schema["/api/v1/pfif/"]["POST"]
    partner_file = (SAMPLES / "test.pfif-1.4.xml").read_bytes()

    @given(body=damaged(partner_file))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION * 2,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def send(body):
        cache.clear()
        case = send_file.Case(body=body, media_type="application/xml")
        answer = case.call_and_validate(headers=fuzzing_client, checks=CHECKS)
        assert answer.status_code in (202, 400)

    send()


def test_the_docs_are_served_by_the_portal_itself(client, db):
    page = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "https://" not in page
