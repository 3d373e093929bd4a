"""Nepal Police's portal sends a PFIF file: it is taken at once (202) with a status address, and
the worker imports it; the portal reads the address until the import is done. A second run of
the finished import changes nothing. Another State's or district's key finds no such import."""

import pytest

from apps.api.tests.conftest import pfif_call
from apps.pfif import services
from apps.pfif.models import ImportedPerson, ReceivedFile
from apps.pfif.tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def nepal_portal(make_client, odisha, scps_odisha):
    return make_client("Nepal Police portal", state=odisha, scopes=["write_pfif"], unit=scps_odisha)


@pytest.fixture
def received(client, nepal_portal):
    _nepal, headers = nepal_portal
    sample = (SAMPLES / "test.pfif-1.4.xml").read_bytes()
    return pfif_call(client, headers, method="post", body=sample)


def test_the_file_is_taken_at_once_and_imported_by_the_worker(client, nepal_portal, received):
    _nepal, headers = nepal_portal
    file_id = received.json()["received_file_id"]
    status_url = f"http://testserver/api/v1/pfif/imports/{file_id}/"

    waiting = client.get(status_url, **headers)
    services.import_received(file_id)
    done = client.get(status_url, **headers)

    assert received.status_code == 202
    assert received["Location"] == received.json()["status_url"] == status_url
    assert (received.json()["state"], received.json()["persons_total"]) == ("queued", 1)
    assert ReceivedFile.objects.get().file.name.startswith("pfif/")
    assert (waiting.json()["state"], waiting.json()["queue_entries"]) == ("queued", [])
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["persons_done"], done.json()["persons_new"]) == (
        "done",
        1,
        1,
    )
    assert [entry["id"] for entry in done.json()["queue_entries"]] == [
        ImportedPerson.objects.get().pk
    ]


def test_a_second_run_of_a_finished_import_does_nothing(received):
    file_id = received.json()["received_file_id"]
    services.import_received(file_id)
    before = ReceivedFile.objects.values().get(), list(ImportedPerson.objects.values())

    services.import_received(file_id)

    assert (ReceivedFile.objects.values().get(), list(ImportedPerson.objects.values())) == before


@pytest.mark.refused_side("api:pfif_import", "another_district", "another_state")
@pytest.mark.parametrize("scope", ["district", "state"])
def test_a_key_of_another_district_or_state_finds_no_such_import(
    client, make_client, cuttack, bihar, received, scope
):
    area = {"district": cuttack, "state": bihar}[scope]
    _other, headers = make_client(f"Key of {area.name_en}", scopes=["write_pfif"], **{scope: area})

    answer = client.get(received.json()["status_url"], **headers)

    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"
    assert "Nepal" not in answer.text
