"""The owning unit records who consented, when, how and for what, and records a withdrawal,
which takes effect at once: the child leaves Khoya-Paya's search, the public notice and photo,
and the national feed's photo. Officials of other units, districts and States do neither."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.core.images import clean_photo
from apps.core.tests.loaded_forms import admin_change_data
from apps.reports import services
from apps.reports.choices import ConsentGiver, ConsentMethod, ConsentPurpose
from apps.reports.models import Consent, Report
from apps.reports.selectors import has_consent
from apps.reports.tests.fixtures import photo_upload
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    photo = ("p.jpg", clean_photo(photo_upload().read()))
    return file_missing(officer, photos=[photo])  # the filing form's consent box is ticked


def khoya_paya_finds(client, name: str) -> bool:
    return name in client.get("/khoya-paya/search/", {"name": name.split()[0]}).text


def withdraw(client, report, purpose, note="Father asked on the phone, 4 Dec"):
    return client.post(
        f"/reports/{report.pk}/consent/withdraw/", {"purpose": purpose, "note": note}
    )


def test_the_filing_forms_consent_becomes_records_for_publication_and_partners(priya, officer):
    records = {c.purpose: c for c in Consent.objects.filter(report=priya)}

    assert set(records) == {ConsentPurpose.PUBLICATION, ConsentPurpose.PARTNER_SHARING}
    publication = records[ConsentPurpose.PUBLICATION]
    assert (publication.given_by_kind, publication.method) == (
        ConsentGiver.NOT_STATED,
        ConsentMethod.FORM,
    )
    assert publication.recorded_by == officer
    assert publication.in_force
    assert not has_consent(priya, ConsentPurpose.FACE_MATCHING)


def test_the_station_records_a_mothers_written_consent_to_face_matching(client, officer, priya):
    client.force_login(officer)

    response = client.post(
        f"/reports/{priya.pk}/consent/",
        {
            "purpose": ConsentPurpose.FACE_MATCHING,
            "given_by_kind": ConsentGiver.PARENT,
            "given_by_name": "Sabitri Sahu (mother)",
            "method": ConsentMethod.WRITTEN,
            "given_at": "2026-12-01T10:30",
        },
    )

    assert response.status_code == 302
    consent = Consent.objects.get(report=priya, purpose=ConsentPurpose.FACE_MATCHING)
    assert (consent.given_by_kind, consent.given_by_name, consent.method) == (
        ConsentGiver.PARENT,
        "Sabitri Sahu (mother)",
        ConsentMethod.WRITTEN,
    )
    assert timezone.localtime(consent.given_at).strftime("%Y-%m-%d %H:%M") == "2026-12-01 10:30"
    assert consent.recorded_by == officer
    page = client.get(f"/reports/{priya.pk}/").text
    assert "Sabitri Sahu (mother)" in page
    assert "Face matching of the child&#x27;s photos" in page


def test_a_consent_given_in_the_future_is_refused(client, officer, priya):
    client.force_login(officer)
    tomorrow = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    client.post(
        f"/reports/{priya.pk}/consent/",
        {
            "purpose": ConsentPurpose.FACE_MATCHING,
            "given_by_kind": ConsentGiver.PARENT,
            "method": ConsentMethod.SMS,
            "given_at": tomorrow,
        },
    )

    assert not has_consent(priya, ConsentPurpose.FACE_MATCHING)


def test_withdrawal_takes_the_child_off_khoya_paya_and_public_notices_at_once(
    client, officer, priya
):
    photo = f"/reports/photos/{priya.cover_photo.public_id}/"
    assert khoya_paya_finds(client, "Priya Sahu")
    assert client.get(f"/reports/{priya.pk}/notice/").status_code == 200
    assert client.get(photo).status_code == 200

    client.force_login(officer)
    assert withdraw(client, priya, ConsentPurpose.PUBLICATION).status_code == 302
    client.logout()

    assert not khoya_paya_finds(client, "Priya Sahu")
    assert client.get(f"/reports/{priya.pk}/notice/").status_code == 404
    assert client.get(photo).status_code == 404
    withdrawn = Consent.objects.get(report=priya, purpose=ConsentPurpose.PUBLICATION)
    assert withdrawn.withdrawn_by == officer
    assert withdrawn.withdrawal_note == "Father asked on the phone, 4 Dec"
    # Partner sharing is its own consent, still in force.
    assert has_consent(priya, ConsentPurpose.PARTNER_SHARING)


def test_the_withdrawal_stays_in_the_history_and_a_new_consent_publishes_again(
    client, officer, priya
):
    client.force_login(officer)
    withdraw(client, priya, ConsentPurpose.PUBLICATION)
    services.record_consent(
        report=priya,
        purpose=ConsentPurpose.PUBLICATION,
        given_by_kind=ConsentGiver.GUARDIAN,
        given_by_name="Uncle",
        method=ConsentMethod.WRITTEN,
        given_at=timezone.now(),
        recorded_by=officer,
    )

    history = list(Consent.objects.filter(report=priya, purpose=ConsentPurpose.PUBLICATION))
    assert [c.in_force for c in history] == [True, False]
    assert khoya_paya_finds(client, "Priya Sahu")
    page = client.get(f"/reports/{priya.pk}/").text
    assert "Father asked on the phone, 4 Dec" in page
    assert "Uncle" in page


def test_an_edit_saved_from_a_form_loaded_before_the_withdrawal_does_not_publish_again(
    officer, priya
):
    loaded = Report.objects.get(pk=priya.pk)
    services.withdraw_consent(
        report=priya, purpose=ConsentPurpose.PUBLICATION, withdrawn_by=officer, note="Mother"
    )

    services.record_change(report=loaded, changed_by=officer, reason="Height corrected")

    assert not Report.objects.get(pk=priya.pk).is_publishable


def test_the_edit_form_does_not_change_consent(client, officer, priya):
    from apps.reports.forms import MissingReportForm

    form = MissingReportForm(instance=priya, official=officer)

    assert form.fields["publication_consent"].disabled


def test_withdrawing_what_is_not_in_force_is_refused(client, officer, priya):
    client.force_login(officer)

    withdraw(client, priya, ConsentPurpose.FACE_MATCHING)

    assert not Consent.objects.filter(withdrawn_at__isnull=False).exists()


@pytest.mark.refused_side(
    "reports:record_consent", "another_unit", "another_district", "another_state"
)
@pytest.mark.refused_side(
    "reports:withdraw_consent", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_owning_jurisdiction_neither_record_nor_withdraw(
    client, sign_in_outsider, priya, kind
):
    sign_in_outsider(kind, priya.owning_unit)

    recorded = client.post(
        f"/reports/{priya.pk}/consent/",
        {
            "purpose": ConsentPurpose.FACE_MATCHING,
            "given_by_kind": ConsentGiver.PARENT,
            "method": ConsentMethod.WRITTEN,
            "given_at": "2026-12-01T10:30",
        },
    )
    withdrawn = withdraw(client, priya, ConsentPurpose.PUBLICATION)

    assert (recorded.status_code, withdrawn.status_code) == (403, 403)
    assert not has_consent(priya, ConsentPurpose.FACE_MATCHING)
    assert has_consent(priya, ConsentPurpose.PUBLICATION)
    assert "Withdraw" not in client.get(f"/reports/{priya.pk}/").text


@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_the_services_refuse_outsiders_even_without_the_page(make_outsider, priya, kind):
    outsider = make_outsider(kind, priya.owning_unit)

    with pytest.raises(PermissionDenied):
        services.withdraw_consent(
            report=priya, purpose=ConsentPurpose.PUBLICATION, withdrawn_by=outsider, note="x"
        )
    with pytest.raises(PermissionDenied):
        services.record_consent(
            report=priya,
            purpose=ConsentPurpose.FACE_MATCHING,
            given_by_kind=ConsentGiver.PARENT,
            given_by_name="",
            method=ConsentMethod.FORM,
            given_at=timezone.now(),
            recorded_by=outsider,
        )
    assert has_consent(priya, ConsentPurpose.PUBLICATION)


def test_an_administrator_sees_the_records_but_cannot_publish_a_child_from_admin(
    client, national_admin, officer, priya
):
    services.withdraw_consent(
        report=priya, purpose=ConsentPurpose.PUBLICATION, withdrawn_by=officer, note="Mother"
    )
    sign_in_verified(client, national_admin)
    change_url = f"/admin/reports/report/{priya.pk}/change/"
    page = client.get(change_url)
    data = admin_change_data(page)

    client.post(change_url, {**data, "publication_consent": "on", "hair": "Short"})

    priya.refresh_from_db()
    assert priya.hair == "Short"
    assert not priya.publication_consent
    assert "Mother" in page.text  # the withdrawal, in the read-only consent records
