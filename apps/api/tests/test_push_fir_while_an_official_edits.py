"""CCTNS updates an FIR while an officer of the station has the report's edit form open: the
push is saved (machines send the record, they do not edit a loaded page), and the officer's
save from the older page is refused with CCTNS's change instead of erasing it."""

import pytest

from apps.api.tests.conftest import fir, push
from apps.core.tests.loaded_forms import conflict_rows, loaded_state
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_push_wins_and_the_officers_older_page_is_refused(
    client, odisha_cctns, bhubaneswar_station, officer, odisha, khordha
):
    _client, headers = odisha_cctns
    push(client, headers, fir(clothing="Blue school uniform"))
    report = Report.objects.get()
    client.force_login(officer)
    loaded = loaded_state(client.get(f"/reports/{report.pk}/edit/"))

    pushed = push(client, headers, fir(clothing="Red frock"), method="post")
    refused = client.post(
        f"/reports/{report.pk}/edit/",
        missing_report_data(odisha, khordha, hair="Short", reason="Seen again", **loaded),
    )

    assert pushed.status_code == 200, pushed.json()
    assert pushed.json()["outcome"] == "updated"
    assert refused.status_code == 409
    assert ("Clothing when last seen", "Red frock", "Blue school uniform") in conflict_rows(refused)
    report.refresh_from_db()
    assert (report.clothing, report.hair) == ("Red frock", "")
