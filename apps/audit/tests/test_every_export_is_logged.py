"""Every file of children's data the portal hands out is written in the access log as an export
with its number of rows. A view that sends a download (`Content-Disposition: attachment`) must
go through `record_export`, or be listed below with the reason it holds no list of children.
The API's PFIF feed, which is no download, is shown in apps/api/tests/test_api_reads_are_logged.py.
"""

import pytest

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.directory.models import UnitType
from conftest import sign_in_verified

from .reached import reached_by, url_views

pytestmark = pytest.mark.django_db

NOT_EXPORTS = {
    # Aggregate figures (counts by month, age, circumstance, stage): no child in them.
    "dashboards:nation",
    "dashboards:state",
    "dashboards:district",
    "dashboards:drive",
    # The blank template of a bulk upload.
    "bulk:template",
    # One child's document, opened by an official of the care team or of the repatriation:
    # logged as a record view.
    "care:document",
    "repatriation:document",
}
REASON = "Weekly tracing review"


def test_every_download_is_logged_as_an_export():
    downloads = {name for name, view in url_views().items() if reached_by(view).holds("attachment")}

    unlogged = sorted(
        name
        for name in downloads - NOT_EXPORTS
        if not reached_by(url_views()[name]).calls("record_export")
    )

    assert {"reports:export", "pfif:export", "bulk:errors"} <= downloads
    assert not unlogged, f"these send files without logging an export: {unlogged}"
    assert downloads >= NOT_EXPORTS, "take off NOT_EXPORTS what no longer sends a file"


def test_the_search_export_counts_its_rows(client, officer, patna_officer, file_missing):
    file_missing(officer)
    file_missing(officer, fir_number="113/2026", full_name="Anita Das")
    client.force_login(patna_officer)

    response = client.post("/reports/export.csv?sex=F", {"reason": REASON})

    assert response.status_code == 200
    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert (entry.user, entry.rows) == (patna_officer, 2)
    assert entry.detail == f"2 rows; reason: {REASON}; sex=F"


def test_the_pfif_export_for_partners_counts_its_persons(
    client, make_official, make_unit, khordha, officer, file_missing
):
    file_missing(officer)
    file_missing(officer, fir_number="113/2026", full_name="Anita Das", publication_consent=None)
    dcpu = make_unit(UnitType.DCPU, district=khordha)
    sign_in_verified(client, make_official("do_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu))

    assert client.post("/pfif/export/", {"reason": REASON, "kind": "missing"}).status_code == 200

    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.rows == 1  # only the child whose family consented to publication


def test_an_export_refused_for_want_of_a_reason_is_not_logged(
    client, patna_officer, officer, file_missing
):
    file_missing(officer)
    client.force_login(patna_officer)

    assert client.post("/reports/export.csv", {"reason": ""}).status_code == 400

    assert not AccessLog.objects.exists()
