"""Every photo of a child the portal serves is written in the access log: the full photo and each
thumbnail of a result list, to the officials who open them (marked when the child's report is
owned outside their jurisdiction) and to the public for a published child. A photo refused is
not served, and not logged either: nothing was read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AccessAction, AccessLog
from apps.core.images import clean_photo
from apps.reports.tests.fixtures import photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_priya(officer, file_missing):
    def make(*, consent: bool):
        return file_missing(
            officer,
            photos=[("p.jpg", clean_photo(photo_upload().read()))],
            publication_consent="on" if consent else None,
        )

    return make


def photo_url(report) -> str:
    return f"/reports/photos/{report.cover_photo.public_id}/"


def fetches():
    return AccessLog.objects.filter(action=AccessAction.VIEW_PHOTO)


def test_an_officer_in_another_state_opens_the_photo_and_it_is_marked_outside(
    client, patna_officer, make_priya
):
    priya = make_priya(consent=False)
    client.force_login(patna_officer)

    response = client.get(photo_url(priya), REMOTE_ADDR="10.9.8.7")

    assert response.status_code == 200
    entry = fetches().get()
    assert (entry.user, entry.record_type, entry.record_id, entry.owner_unit) == (
        patna_officer,
        "reports.report",
        priya.pk,
        priya.owning_unit,
    )
    assert entry.outside_jurisdiction is True
    assert entry.detail == f"photo {priya.cover_photo.public_id}"
    assert entry.ip_address == "10.9.8.7"


def test_the_owning_officer_fetches_a_thumbnail_inside_their_jurisdiction(
    client, officer, make_priya
):
    priya = make_priya(consent=False)
    client.force_login(officer)

    assert client.get(photo_url(priya) + "thumbnail/").status_code == 200

    entry = fetches().get()
    assert (entry.user, entry.record_id, entry.outside_jurisdiction) == (officer, priya.pk, False)
    assert entry.detail == f"thumbnail {priya.cover_photo.public_id}"


def test_the_public_fetches_a_published_photo_without_an_account(client, make_priya):
    priya = make_priya(consent=True)

    assert client.get(photo_url(priya)).status_code == 200

    entry = fetches().get()
    assert (entry.user, entry.username, entry.record_id) == (None, "", priya.pk)
    assert entry.outside_jurisdiction is False


def test_a_photo_refused_to_the_public_is_not_logged(client, make_priya):
    priya = make_priya(consent=False)

    assert client.get(photo_url(priya)).status_code == 404
    assert client.get("/reports/photos/00000000-0000-0000-0000-000000000000/").status_code == 404

    assert not fetches().exists()


def test_each_thumbnail_of_a_result_list_costs_its_log_entry_and_the_readers_unit(
    client, patna_officer, make_priya
):
    """A result list shows up to 25 thumbnails, each fetched on its own. Logging one adds its
    insert and the reader's unit (to mark a read outside their jurisdiction); the report and its
    owning unit come with the photo, in the one query that finds it."""
    priya = make_priya(consent=False)
    client.force_login(patna_officer)
    client.get(photo_url(priya) + "thumbnail/")  # the session is now warm

    with CaptureQueriesContext(connection) as queries:
        client.get(photo_url(priya) + "thumbnail/")

    statements = [query["sql"] for query in queries.captured_queries]
    inserts = [sql for sql in statements if sql.startswith('INSERT INTO "audit_accesslog"')]
    photo_reads = [sql for sql in statements if 'FROM "reports_reportphoto"' in sql]
    unit_reads = [sql for sql in statements if sql.startswith('SELECT "directory_unit"')]
    assert len(inserts) == len(photo_reads) == len(unit_reads) == 1
    assert 'JOIN "directory_unit"' in photo_reads[0]
