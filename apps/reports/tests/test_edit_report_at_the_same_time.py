"""Two officials edit one report at once: the second save never erases the first one's change.

The one who saves second is shown what the first changed, keeps what they typed, and saves it
over the first's change only by sending the refreshed form again."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from apps.accounts.models import Role
from apps.core.tests.loaded_forms import admin_change_data, conflict_rows, loaded_state
from apps.core.versions import EditConflictError, expect_version
from apps.reports import services
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data, photo_upload
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

REASON = {"reason": "Mother gave a better description"}
TYPED_AT = timezone.now()  # every form of these stories is typed at one moment


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer, now=TYPED_AT)


@pytest.fixture
def second_officer(make_official, capital_ps):
    return make_official("asi_capital", Role.POLICE_OFFICER, unit=capital_ps)


def _signed_in(official) -> Client:
    client = Client()
    client.force_login(official)
    return client


def test_the_second_save_is_refused_with_what_changed_and_keeps_what_was_typed(
    officer, second_officer, priya, odisha, khordha
):
    first, second = _signed_in(officer), _signed_in(second_officer)
    edit_url = f"/reports/{priya.pk}/edit/"
    first_form = loaded_state(first.get(edit_url))
    second_form = loaded_state(second.get(edit_url))

    saved = first.post(
        edit_url,
        missing_report_data(
            odisha, khordha, now=TYPED_AT, clothing="Red frock", **REASON, **first_form
        ),
    )
    refused = second.post(
        edit_url,
        missing_report_data(
            odisha,
            khordha,
            now=TYPED_AT,
            hair="Short, plaited",
            photos=[photo_upload()],
            **REASON,
            **second_form,
        ),
    )

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "someone else saved this record after you opened the form" in refused.text
    assert conflict_rows(refused) == [
        ("Clothing when last seen", "Red frock", "Blue school uniform")
    ]
    assert 'value="Short, plaited"' in refused.text  # what the second official typed
    assert "Choose the photos again." in refused.text  # a browser never resends a chosen file
    priya.refresh_from_db()
    assert (priya.clothing, priya.hair, priya.photo_count) == ("Red frock", "", 0)
    assert priya.history.count() == 2  # filed, and the first edit only

    again = second.post(
        edit_url,
        missing_report_data(
            odisha,
            khordha,
            now=TYPED_AT,
            clothing="Red frock",
            hair="Short, plaited",
            **REASON,
            **loaded_state(refused),
        ),
    )

    assert again.status_code == 302
    priya.refresh_from_db()
    assert (priya.clothing, priya.hair) == ("Red frock", "Short, plaited")


def test_languages_saved_in_another_order_are_not_listed_as_a_change(
    officer, second_officer, priya, odisha, khordha
):
    first, second = _signed_in(officer), _signed_in(second_officer)
    edit_url = f"/reports/{priya.pk}/edit/"
    second_form = loaded_state(second.get(edit_url))
    first.post(
        edit_url,
        missing_report_data(
            odisha,
            khordha,
            now=TYPED_AT,
            clothing="Red frock",
            languages=["hi", "or"],
            **REASON,
            **loaded_state(first.get(edit_url)),
        ),
    )

    refused = second.post(
        edit_url, missing_report_data(odisha, khordha, now=TYPED_AT, **REASON, **second_form)
    )

    assert refused.status_code == 409
    assert conflict_rows(refused) == [
        ("Clothing when last seen", "Red frock", "Blue school uniform")
    ]


def test_a_form_sent_without_its_version_is_refused(client, officer, priya, odisha, khordha):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/edit/",
        missing_report_data(odisha, khordha, now=TYPED_AT, hair="Short", **REASON),
    )

    assert response.status_code == 409
    assert Report.objects.get().hair == ""


def test_a_status_change_in_between_also_refuses_the_stale_form(
    client, officer, priya, odisha, khordha
):
    client.force_login(officer)
    loaded = loaded_state(client.get(f"/reports/{priya.pk}/edit/"))
    services.change_status(
        report=Report.objects.get(),
        changed_by=officer,
        status="traced",
        closure_reason="",
        note="Seen at the bus stand",
    )

    response = client.post(
        f"/reports/{priya.pk}/edit/",
        missing_report_data(odisha, khordha, now=TYPED_AT, hair="Short", **REASON, **loaded),
    )

    assert response.status_code == 409
    assert Report.objects.get().hair == ""


@pytest.mark.django_db(transaction=True)
def test_of_two_saves_at_the_same_moment_exactly_one_wins(
    officer, second_officer, priya, odisha, khordha
):
    loaded_version = priya.version
    barrier = threading.Barrier(2)
    outcomes = []

    def edit(official, hair):
        try:
            report = Report.objects.get(pk=priya.pk)
            report.hair = hair
            expect_version(report, loaded_version)
            barrier.wait(timeout=10)
            services.update_report(
                report=report,
                edited_by=official,
                reason="Both at once",
                marks=[],
                new_photos=[],
                removed_photos=[],
            )
            outcomes.append(("saved", hair))
        except EditConflictError:
            outcomes.append(("refused", hair))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(officer, "Short")),
        threading.Thread(target=edit, args=(second_officer, "Long")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome for outcome, _hair in outcomes) == ["refused", "saved"]
    winner = next(hair for outcome, hair in outcomes if outcome == "saved")
    priya.refresh_from_db()
    assert (priya.hair, priya.version) == (winner, loaded_version + 1)


def test_an_admin_correction_from_a_page_loaded_before_an_officers_edit_is_refused(
    client, national_admin, officer, priya, odisha, khordha
):
    sign_in_verified(client, national_admin)
    change_url = f"/admin/reports/report/{priya.pk}/change/"
    data = admin_change_data(client.get(change_url))
    officer_client = _signed_in(officer)
    officer_client.post(
        f"/reports/{priya.pk}/edit/",
        missing_report_data(
            odisha,
            khordha,
            now=TYPED_AT,
            clothing="Red frock",
            **REASON,
            **loaded_state(officer_client.get(f"/reports/{priya.pk}/edit/")),
        ),
    )

    refused = client.post(change_url, {**data, "hair": "Short"})

    assert "someone else saved this record after you opened the form" in refused.text
    assert "now “Red frock”, when you opened the form “Blue school uniform”" in refused.text
    priya.refresh_from_db()
    assert (priya.clothing, priya.hair) == ("Red frock", "")
