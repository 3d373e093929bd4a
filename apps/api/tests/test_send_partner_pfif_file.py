"""Nepal Police's portal sends Odisha a PFIF file of the children it is looking for. Each person
waits in the review queue of the key's reviewing unit, Odisha's SCPS, where the state official
opens it through the usual web queue; Bihar's official never sees it. Sending the same file
again doubles nothing. A key without the scope, a revoked key, a key with no reviewing unit and
files that are not PFIF (XML bombs among them) are refused in JSON, and nothing is queued."""

import pytest

from apps.accounts.models import Role
from apps.api import services
from apps.api.tests.conftest import pfif_call
from apps.directory.models import UnitType
from apps.pfif import services as pfif_services
from apps.pfif.models import ImportedPerson, ReceivedFile
from apps.pfif.tests.conftest import SAMPLES
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&b;</pfif:pfif>'
)


@pytest.fixture
def sample():
    return (SAMPLES / "test.pfif-1.4.xml").read_bytes()


@pytest.fixture
def nepal_portal(make_client, odisha, scps_odisha):
    return make_client("Nepal Police portal", state=odisha, scopes=["write_pfif"], unit=scps_odisha)


def send(http, headers, body):
    """Send a file, let the worker import it, and read its status as the partner does."""
    answer = pfif_call(http, headers, method="post", body=body)
    if answer.status_code != 202:
        return answer
    pfif_services.import_received(answer.json()["received_file_id"])
    return http.get(answer["Location"], **headers)


def test_the_partners_persons_wait_in_the_queue_of_the_keys_unit(
    client, nepal_portal, scps_odisha, make_official, sample
):
    _nepal, headers = nepal_portal

    answer = send(client, headers, sample)

    assert answer.status_code == 200
    body = answer.json()
    imported = ImportedPerson.objects.get()
    assert body == {
        "received_file_id": imported.received_file_id,
        "state": "done",
        "status_url": f"http://testserver/api/v1/pfif/imports/{imported.received_file_id}/",
        "version": "1.4",
        "persons_total": 1,
        "persons_done": 1,
        "persons_received": 1,
        "persons_new": 1,
        "persons_updated": 0,
        "notes_added": 4,
        "skipped": [],
        "queue_entries": [
            {
                "id": imported.pk,
                "person_record_id": "test.google.com/person.21009",
                "kind": "missing",
                "status": "pending",
            }
        ],
    }
    received = imported.received_file
    assert (received.unit, received.source_name) == (scps_odisha, "Nepal Police portal")

    sign_in_verified(client, make_official("so_odisha", Role.STATE_OFFICIAL, unit=scps_odisha))
    assert b"_test_full_name1" in client.get("/pfif/queue/").content
    assert client.get(f"/pfif/queue/{imported.pk}/").status_code == 200


def test_another_states_official_never_sees_the_file(
    client, nepal_portal, make_official, make_unit, bihar, sample
):
    _nepal, headers = nepal_portal
    send(client, headers, sample)
    scps_bihar = make_unit(UnitType.SCPS, state=bihar, name="SCPS Bihar")

    sign_in_verified(client, make_official("so_bihar", Role.STATE_OFFICIAL, unit=scps_bihar))

    assert b"_test_full_name1" not in client.get("/pfif/queue/").content
    assert client.get(f"/pfif/queue/{ImportedPerson.objects.get().pk}/").status_code == 404


def test_the_same_file_again_doubles_nothing(client, nepal_portal, sample):
    _nepal, headers = nepal_portal
    first = send(client, headers, sample).json()

    again = send(client, headers, sample).json()

    assert (again["persons_new"], again["persons_updated"], again["notes_added"]) == (0, 0, 0)
    assert again["queue_entries"] == first["queue_entries"]
    assert ImportedPerson.objects.count() == 1


def test_records_breaking_pfif_are_left_out_and_listed(client, nepal_portal):
    _nepal, headers = nepal_portal
    file = (
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">'
        b"<pfif:person><pfif:person_record_id>police.gov.np/p.1</pfif:person_record_id>"
        b"<pfif:full_name>Bikram Thapa</pfif:full_name></pfif:person>"
        b"<pfif:person><pfif:person_record_id>police.gov.np/p.2</pfif:person_record_id>"
        b"</pfif:person></pfif:pfif>"
    )

    body = send(client, headers, file).json()

    assert (body["persons_received"], body["persons_new"]) == (1, 1)
    assert body["skipped"] == [
        {"record_id": "police.gov.np/p.2", "field": "full_name", "code": "required"}
    ]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (BOMB, "forbidden"),
        (b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'>", "malformed"),
        (b"<html><body>Not found</body></html>", "not_pfif"),
        (b"", "malformed"),
    ],
)
def test_a_file_that_is_not_pfif_is_refused(client, nepal_portal, body, code):
    _nepal, headers = nepal_portal

    answer = send(client, headers, body)

    assert answer.status_code == 400
    assert answer.json()["code"] == code
    assert answer.json()["detail"]
    assert not ReceivedFile.objects.exists()


def test_a_file_sent_as_json_or_too_large_is_refused(client, nepal_portal, sample, settings):
    _nepal, headers = nepal_portal

    as_json = client.post(
        "/api/v1/pfif/", {"file": "x"}, content_type="application/json", **headers
    )
    settings.API_MAX_REQUEST_BYTES = len(sample) - 1
    too_large = send(client, headers, sample)

    assert (as_json.status_code, as_json.json()["code"]) == (415, "unsupported_media_type")
    assert (too_large.status_code, too_large.json()["code"]) == (413, "payload_too_large")
    assert not ReceivedFile.objects.exists()


def test_a_key_without_the_scope_or_revoked_is_refused(
    client, make_client, odisha, scps_odisha, nepal_portal, sample
):
    _reader, reader = make_client("Reader", state=odisha, scopes=["read"], unit=scps_odisha)
    nepal, headers = nepal_portal
    services.revoke(client=nepal)

    assert send(client, reader, sample).status_code == 403
    assert send(client, headers, sample).status_code == 401
    assert not ReceivedFile.objects.exists()


def test_a_key_with_no_reviewing_unit_is_told_so(client, make_client, odisha, sample):
    _orphan, headers = make_client("Nepal Police portal", state=odisha, scopes=["write_pfif"])

    answer = send(client, headers, sample)

    assert answer.status_code == 403
    assert answer.json()["code"] == "no_reviewing_unit"
    assert "no unit to review" in answer.json()["detail"]
    assert not ReceivedFile.objects.exists()
