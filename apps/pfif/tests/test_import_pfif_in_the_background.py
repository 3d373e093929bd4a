"""A district official imports a large partner file: the page answers at once and shows the
import's progress until the worker is done; an import broken off resumes where it stopped.
Officials of other units, districts and States cannot open the import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.pfif import services
from apps.pfif.models import ImportedPerson, ReceivedFile
from apps.pfif.tests.conftest import partner_file

pytestmark = pytest.mark.django_db


def test_the_official_follows_the_import_until_it_is_done(exchanging_client):
    sent = SimpleUploadedFile("nepal.xml", partner_file(3))

    response = exchanging_client.post("/pfif/import/", {"source_name": "Nepal", "file": sent})
    received = ReceivedFile.objects.get()
    waiting = exchanging_client.get(response.url)
    waiting_progress = exchanging_client.get(f"{response.url}progress.json").json()
    services.import_received(received.pk)  # the worker
    done = exchanging_client.get(response.url)
    done_progress = exchanging_client.get(f"{response.url}progress.json").json()

    assert response.url == f"/pfif/import/{received.pk}/"
    assert "Waiting to be imported" in waiting.content.decode()
    # A bar moved by a script, and a link to reload by hand; the page never refreshes itself.
    assert 'http-equiv="refresh"' not in waiting.content.decode()
    assert '<progress id="work-progress"' in waiting.content.decode()
    assert f'href="{response.url}" data-progress-link' in waiting.content.decode()
    assert waiting_progress == {
        "status": "Waiting to be imported",
        "done": 0,
        "total": 3,
        "finished": False,
        "summary": "0 of 3 persons imported",
    }
    assert "Imported" in done.content.decode()
    assert "<progress" not in done.content.decode()
    assert (done_progress["status"], done_progress["done"]) == ("Imported", 3)
    assert done_progress["finished"] is True
    assert ImportedPerson.objects.count() == 3


def test_an_import_broken_off_resumes_after_its_last_batch(district_official, monkeypatch):
    monkeypatch.setattr(services, "PERSONS_PER_TRANSACTION", 1)
    sent = partner_file(3)
    file_id = services.receive_pfif(sent, received_by=district_official, source_name="PF").pk
    import_batch = services._import_batch

    def killed_after_the_first_batch(received_id, first, persons):
        if first > 0:
            raise SystemExit("worker killed")
        import_batch(received_id, first, persons)

    monkeypatch.setattr(services, "_import_batch", killed_after_the_first_batch)
    with pytest.raises(SystemExit):
        services.import_received(file_id)
    broken_off = ReceivedFile.objects.get()
    monkeypatch.setattr(services, "_import_batch", import_batch)
    received = services.import_received(file_id)

    assert (broken_off.state, broken_off.persons_done) == ("importing", 1)
    assert received.state == "done"
    assert received.persons_new == received.persons_total == ImportedPerson.objects.count() == 3
    assert len(received.entry_ids) == 3


def test_a_file_lost_from_storage_is_marked_failed_not_retried_for_ever(district_official):
    received = services.receive_pfif(
        partner_file(2), received_by=district_official, source_name="PF"
    )
    received.file.delete(save=False)

    services.import_received(received.pk)

    received.refresh_from_db()
    assert (received.state, received.is_finished, received.persons_done) == ("failed", True, 0)
    assert not ImportedPerson.objects.exists()


@pytest.mark.refused_side("pfif:import_status", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side(
    "pfif:import_progress", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", ["another_unit", "another_district", "another_state"])
def test_officials_elsewhere_cannot_open_the_import(
    client, district_official, dcpu_khordha, sign_in_outsider, kind
):
    received = services.receive_pfif(
        partner_file(1), received_by=district_official, source_name="Nepal"
    )
    sign_in_outsider(kind, dcpu_khordha)

    response = client.get(f"/pfif/import/{received.pk}/")

    assert response.status_code in (403, 404)
    assert "Nepal" not in response.content.decode()
    assert client.get(f"/pfif/import/{received.pk}/progress.json").status_code in (403, 404)
