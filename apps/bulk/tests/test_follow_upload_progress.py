"""A police station follows its upload being processed: a progress bar that a small script moves
by asking the upload's progress as JSON, and a "Check progress" link without scripts; the page
never refreshes itself (WCAG F41). Officials elsewhere get neither the page nor its JSON."""

import re

import pytest
from django.utils import translation

from apps.bulk.models import Upload, UploadStatus
from apps.bulk.tests.conftest import missing_row, sheet_csv
from conftest import OUTSIDER_KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def halfway(upload, officer, khordha):
    """An upload the worker is in the middle of: 2 of 5 rows checked."""
    upload(officer, "missing", sheet_csv(officer, "missing", [missing_row(n) for n in range(5)]))
    Upload.objects.update(status=UploadStatus.PROCESSING, rows_done=2, rows_total=5)
    return Upload.objects.get()


def test_the_page_shows_a_progress_bar_and_never_refreshes_itself(client, halfway):
    page = client.get(f"/bulk/{halfway.pk}/").content.decode()

    assert "http-equiv" not in page
    assert re.search(r'<progress id="work-progress"[^>]* max="5" value="2">', page)
    assert '<label class="visually-hidden" for="work-progress">Progress</label>' in page
    assert "2 of 5 rows checked" in page
    assert f'data-progress-url="/bulk/{halfway.pk}/progress.json"' in page
    # Without scripts, the user reloads by hand.
    assert f'<a class="btn btn-outline-secondary btn-sm" href="/bulk/{halfway.pk}/"' in page
    assert "Check progress" in page


def test_the_script_is_a_static_file_as_the_content_security_policy_requires(client, halfway):
    response = client.get(f"/bulk/{halfway.pk}/")
    scripts = re.findall(r"<script[^>]*>", response.content.decode())

    assert '<script src="/static/js/progress.js" defer>' in scripts
    assert all(" src=" in script for script in scripts)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_owner_reads_the_progress_as_json(client, halfway):
    response = client.get(f"/bulk/{halfway.pk}/progress.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "Being processed",
        "done": 2,
        "total": 5,
        "finished": False,
        "summary": "2 of 5 rows checked",
    }


def test_once_processed_the_json_says_finished_and_the_page_shows_the_results(client, halfway):
    Upload.objects.update(status=UploadStatus.DONE, rows_done=5, rows_imported=5)

    progress = client.get(f"/bulk/{halfway.pk}/progress.json").json()
    page = client.get(f"/bulk/{halfway.pk}/").content.decode()

    assert (progress["status"], progress["finished"], progress["summary"]) == (
        "Processed",
        True,
        "",
    )
    assert "<progress" not in page
    assert "/static/js/progress.js" not in page
    assert "Imported" in page


def test_the_json_follows_the_language_of_the_official(client, halfway):
    client.post("/i18n/setlang/", {"language": "hi", "next": "/"})

    progress = client.get(f"/bulk/{halfway.pk}/progress.json").json()

    with translation.override("hi"):
        assert progress["status"] == translation.gettext("Being processed") != "Being processed"
        assert progress["summary"] == translation.gettext("%(done)s of %(total)s rows checked") % {
            "done": 2,
            "total": 5,
        }


def test_a_visitor_who_is_not_signed_in_gets_no_progress(client, halfway):
    client.logout()

    response = client.get(f"/bulk/{halfway.pk}/progress.json")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.refused_side("bulk:progress", "another_unit", "another_district", "another_state")
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_uploading_unit_get_no_progress(
    client, halfway, officer, sign_in_outsider, kind
):
    sign_in_outsider(kind, officer.unit)

    response = client.get(f"/bulk/{halfway.pk}/progress.json")

    assert response.status_code == 404
    assert "rows checked" not in response.content.decode()
