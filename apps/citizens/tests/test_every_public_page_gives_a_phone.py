"""A parent or passer-by who reads a public page or notice always finds a number to call: the
police station's own, else the district Superintendent of Police's office, else the District
Child Protection Unit, else the child helpline 1098, with whose number it is."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.citizens.models import CitizenReport, CitizenReportKind, CitizenReportStatus
from apps.directory.models import Unit, UnitType
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

MOBILE = "9437012345"


@pytest.fixture
def balianta_ps(make_unit, khordha):
    """A station the directory has no phone for."""
    return make_unit(UnitType.POLICE_STATION, district=khordha, name="Balianta PS")


@pytest.fixture
def priya_published(make_official, balianta_ps, file_missing):
    officer = make_official("si_balianta", "police_officer", unit=balianta_ps)
    return file_missing(officer)


@pytest.fixture
def complaint(khordha, balianta_ps, priya_published):
    """Priya's father's complaint, registered by the station as her missing report."""
    return CitizenReport.objects.create(
        kind=CitizenReportKind.MISSING,
        status=CitizenReportStatus.CONVERTED,
        reporter_name="Ramesh Sahu",
        reporter_mobile=MOBILE,
        mobile_verified_at=timezone.now(),
        child_name="Priya Sahu",
        sex="F",
        age=11,
        description="Blue school uniform",
        event_at=timezone.now() - timedelta(days=1),
        event_state=khordha.state,
        event_district=khordha,
        event_locality="Old Town",
        police_station=balianta_ps,
        report=priya_published,
    )


def public_pages(client, report, complaint) -> dict[str, str]:
    """What the public reads about Priya: the search result, the notice, the tracking page."""
    client.logout()
    search = client.get("/khoya-paya/search/", {"name": "Priya"}).text
    notice = client.get(f"/reports/{report.pk}/notice/").text
    tracked = client.post(
        "/khoya-paya/track/", {"reference": complaint.reference, "mobile": MOBILE}, follow=True
    ).text
    return {
        "search result": search.split('class="result"')[1],
        "notice": notice.split("please contact:")[1],
        "tracking page": tracked.split("Police station")[1],
    }


def phones_shown(client, report, complaint) -> dict[str, str]:
    return {
        page: text.split('href="tel:')[1].split('"')[0] if 'href="tel:' in text else ""
        for page, text in public_pages(client, report, complaint).items()
    } | {"notice": _notice_phone(client, report)}


def _notice_phone(client, report) -> str:
    notice = client.get(f"/reports/{report.pk}/notice/").text
    return notice.split('contact-phone">')[1].split("<")[0]


def test_each_step_of_the_fallback_on_every_public_page(
    client, make_unit, khordha, balianta_ps, priya_published, complaint
):
    everywhere = dict.fromkeys(("search result", "notice", "tracking page"))

    assert phones_shown(client, priya_published, complaint) == everywhere | dict.fromkeys(
        everywhere, "1098"
    )

    dcpu = make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha", phone="0674-2555555")
    assert set(phones_shown(client, priya_published, complaint).values()) == {"0674-2555555"}
    assert "DCPU Khordha" in public_pages(client, priya_published, complaint)["search result"]

    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="0674-2391000")
    assert set(phones_shown(client, priya_published, complaint).values()) == {"0674-2391000"}

    Unit.objects.filter(pk=balianta_ps.pk).update(phone="0674-2350123")
    assert set(phones_shown(client, priya_published, complaint).values()) == {"0674-2350123"}
    assert dcpu.phone not in public_pages(client, priya_published, complaint)["notice"]


def test_no_public_page_or_notice_renders_without_a_phone(
    client, make_unit, khordha, cuttack, odisha, file_missing, file_found, make_official
):
    """Every unit that can own a published report, with and without phones around it."""
    make_unit(UnitType.DCPU, district=cuttack, name="DCPU Cuttack")  # no phone
    owners = [
        make_unit(UnitType.POLICE_STATION, district=cuttack, name="Cuttack Sadar PS"),
        make_unit(UnitType.RAILWAY_POLICE, district=khordha, name="GRP Bhubaneswar", phone="139"),
        make_unit(UnitType.SJPU, district=cuttack, name="SJPU Cuttack"),
    ]
    reports = [
        file_missing(make_official(f"officer_{unit.pk}", "police_officer", unit=unit))
        for unit in owners
    ]
    cwc = make_official("cwc_cuttack", "cwc_member", unit=make_unit("cwc", district=cuttack))
    found = file_found(cwc, publication_consent="on")
    assert all(Report.objects.get(pk=report.pk).is_publishable for report in [*reports, found])

    results = client.get("/khoya-paya/search/", {"name": "Priya"}).text.split('class="result"')[1:]
    assert len(results) == len(reports)
    for result in results:
        assert 'href="tel:' in result
    for report in [*reports, found]:
        notice = client.get(f"/reports/{report.pk}/notice/")
        assert notice.status_code == 200
        assert _notice_phone(client, report).strip(), report
        assert "Children&#x27;s Home" not in notice.text.split("please contact:")[1]
