"""The Capital police station repatriates Rina to Nepal: the verification of her home through
the embassy, the CWC's order and the handover at the border are recorded in order, with their
dates and documents. The children's home does the same for a child it holds. Officials of
another unit, another district or another State/UT neither open the page nor its documents."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.accounts.models import Role
from apps.audit.models import AccessLog
from apps.care.models import ChildInCare
from apps.care.tests.test_upload_document import PDF
from apps.directory.models import UnitType
from apps.repatriation.models import RepatriationDocument, RepatriationStep
from apps.reports.tests.fixtures import photo_upload
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def step(client, url, name, *, days_ago=0, upload=None, **extra):
    data = {
        "step": name,
        "done_on": (TODAY() - timedelta(days=days_ago)).isoformat(),
        "reference": f"{name} ref",
        "note": "",
        "document_title": "",
    } | extra
    if upload is not None:
        data["upload"] = upload
    return client.post(url, data)


def test_the_police_station_records_every_step_with_its_documents(client, officer, rina_found):
    client.force_login(officer)
    url = f"/repatriation/found/{rina_found.pk}/"
    due = TODAY() + timedelta(days=90)

    page = client.get(url)
    assert page.status_code == 200
    assert "Nepal" in page.content.decode()
    assert page.context["steps"][0].due_on == due
    assert "Due by" in page.content.decode()

    letter = SimpleUploadedFile("embassy.pdf", PDF)
    response = step(
        client,
        url,
        "verification",
        days_ago=20,
        upload=letter,
        reference="EoN/ND/2026/88",
        document_title="Embassy of Nepal's letter",
    )
    assert response.status_code == 302
    assert (
        step(client, url, "cwc_order", days_ago=10, reference="CWC/KHD/2026/412").status_code == 302
    )
    assert (
        step(client, url, "handover", days_ago=2, reference="Raxaul border post").status_code == 302
    )

    steps = RepatriationStep.objects.filter(report=rina_found).order_by("done_on")
    assert [(row.step, row.reference, row.recorded_by) for row in steps] == [
        ("verification", "EoN/ND/2026/88", officer),
        ("cwc_order", "CWC/KHD/2026/412", officer),
        ("handover", "Raxaul border post", officer),
    ]
    document = RepatriationDocument.objects.get()
    assert document.title == "Embassy of Nepal's letter"
    download = client.get(f"/repatriation/documents/{document.public_id}/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in download["Content-Security-Policy"].split(";")
    assert b"".join(download.streaming_content) == PDF
    assert AccessLog.objects.filter(detail__startswith="repatriation document:").exists()
    states = client.get(url).context["steps"]
    assert all(state.done and state.due_on is None for state in states)


def test_a_scanned_order_loses_its_camera_metadata(client, officer, rina_found):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    client.force_login(officer)

    step(
        client,
        f"/repatriation/found/{rina_found.pk}/",
        "verification",
        upload=photo_upload("letter.jpg", exif=exif),
    )

    stored = RepatriationDocument.objects.get()
    with Image.open(stored.file.open("rb")) as picture:
        assert not picture.getexif()
    assert (
        stored.title
        == "Home-country verification (through the embassy or the Ministry of External Affairs)"
    )


def test_steps_are_recorded_in_order_and_bad_input_is_explained(client, officer, rina_found):
    client.force_login(officer)
    url = f"/repatriation/found/{rina_found.pk}/"

    early = step(client, url, "handover")
    assert early.status_code == 400
    assert "Record “CWC order for repatriation” first." in early.content.decode()

    step(client, url, "verification", days_ago=5)
    before = step(client, url, "cwc_order", days_ago=6)
    assert "This step cannot be done before" in before.content.decode()
    future = step(client, url, "cwc_order", days_ago=-1)
    assert "This date is in the future." in future.content.decode()
    not_a_document = step(
        client, url, "cwc_order", upload=SimpleUploadedFile("order.pdf", b"just some text")
    )
    assert "Choose a PDF file or a JPEG, PNG or WebP picture" in not_a_document.content.decode()
    assert list(RepatriationStep.objects.values_list("step", flat=True)) == ["verification"]
    assert not RepatriationDocument.objects.exists()


def test_a_step_recorded_again_is_corrected(client, officer, rina_found):
    client.force_login(officer)
    url = f"/repatriation/found/{rina_found.pk}/"
    step(client, url, "verification", days_ago=5, reference="MEA/typo")

    step(client, url, "verification", days_ago=4, reference="MEA/2026/77")

    row = RepatriationStep.objects.get()
    assert (row.reference, row.done_on) == ("MEA/2026/77", TODAY() - timedelta(days=4))


def test_the_district_over_the_station_may_record_steps(
    client, make_official, make_unit, khordha, rina_found
):
    district_office = make_unit(UnitType.DCPU, district=khordha)
    official = make_official("dpo_khordha", Role.DISTRICT_OFFICIAL, unit=district_office)
    sign_in_verified(client, official)

    response = step(client, f"/repatriation/found/{rina_found.pk}/", "verification")

    assert response.status_code == 302
    assert RepatriationStep.objects.get().recorded_by == official


@pytest.mark.refused_side(
    "repatriation:report", "another_unit", "another_district", "another_state"
)
@pytest.mark.refused_side(
    "repatriation:document", "another_unit", "another_district", "another_state"
)
def test_officials_outside_the_station_see_neither_the_page_nor_its_documents(
    client, officer, rina_found, sign_in_outsider
):
    client.force_login(officer)
    url = f"/repatriation/found/{rina_found.pk}/"
    step(client, url, "verification", upload=SimpleUploadedFile("embassy.pdf", PDF))
    document = RepatriationDocument.objects.get()

    for kind in OUTSIDER_KINDS:
        client.logout()
        sign_in_outsider(kind, officer.unit)

        assert client.get(url).status_code == 403, kind
        assert step(client, url, "cwc_order").status_code == 403, kind
        assert client.get(f"/repatriation/documents/{document.public_id}/").status_code == 403, kind
    assert RepatriationStep.objects.count() == 1


@pytest.mark.refused_side("repatriation:child", "another_unit", "another_district", "another_state")
def test_the_home_holding_the_child_repatriates_her_and_no_one_outside(
    client, home_staff, officer, rina_found, khordha_cwc, sign_in_outsider
):
    child = ChildInCare.objects.create(
        report=rina_found,
        institution=home_staff.unit,
        category="cncp",
        route="produced",
        arrived_at=timezone.now(),
        nationality="NP",
        admitted_by=home_staff,
    )
    url = f"/repatriation/care/{child.pk}/"
    client.force_login(home_staff)

    assert step(client, url, "verification").status_code == 302
    assert RepatriationStep.objects.get().child == child

    # The police station that found her answers for its report, not for her stay in care.
    client.force_login(officer)
    assert client.get(url).status_code == 403
    for kind in OUTSIDER_KINDS:
        client.logout()
        sign_in_outsider(kind, home_staff.unit)
        assert client.get(url).status_code == 403, kind
        assert step(client, url, "cwc_order").status_code == 403, kind
    assert RepatriationStep.objects.count() == 1
