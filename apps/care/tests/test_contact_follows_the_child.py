"""The children's home at Bhubaneswar reported Munna found and took him in; the CWC then moved
him to a home in Cuttack. From then on his record, its notice and his parents' tracking page
name whoever answers for him now, with a phone: the Cuttack home on officials' pages, and for
the public the Cuttack DCPU (never a children's home)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.care import services
from apps.care.models import ChildInCare, Transfer
from apps.citizens.models import CitizenReport, CitizenReportKind, CitizenReportStatus
from apps.directory.models import UnitType

pytestmark = pytest.mark.django_db

MOBILE = "9437012345"


@pytest.fixture
def cuttack_offices(make_unit, cuttack):
    return {
        "dcpu": make_unit(
            UnitType.DCPU, district=cuttack, name="DCPU Cuttack", phone="0671-2300300"
        ),
        "sp": make_unit(UnitType.DISTRICT_POLICE, district=cuttack, name="SP Cuttack"),
    }


@pytest.fixture
def munna_moved_to_cuttack(file_found, home_staff, cuttack_home_staff, khordha_cwc):
    """Reported found by the Bhubaneswar home itself, admitted there, transferred to Cuttack."""
    found = file_found(home_staff)
    child = services.admit_child(
        child=ChildInCare(
            report=found,
            category="cncp",
            route="found_report",
            arrived_at=timezone.now() - timedelta(hours=3),
        ),
        admitted_by=home_staff,
    )
    cuttack_home = cuttack_home_staff.unit
    cuttack_home.phone = "0671-2444444"
    cuttack_home.save()
    transfer = services.request_transfer(
        transfer=Transfer(
            to_institution=cuttack_home,
            order_number="CWC/KHD/2026/360",
            order_date=timezone.localdate(),
            reason="Specialised care",
        ),
        child=child,
        requested_by=home_staff,
    )
    services.accept_transfer(transfer=transfer, accepted_by=cuttack_home_staff)
    found.refresh_from_db()
    return found


def test_the_record_names_the_home_holding_the_child_with_its_phone(
    client, officer, cuttack_offices, munna_moved_to_cuttack
):
    assert munna_moved_to_cuttack.owning_unit.name == "Children's Home Bhubaneswar"
    client.force_login(officer)  # any official reads the tracing summary

    page = client.get(f"/reports/{munna_moved_to_cuttack.pk}/").text
    contact = page.split(">Contact<")[1].split("</dd>")[0]

    assert "Children&#x27;s Home Cuttack" in contact
    assert 'href="tel:0671-2444444"' in contact
    assert "Bhubaneswar" not in contact


def test_the_notice_gives_the_dcpu_where_the_child_is_now_never_a_home(
    client, officer, cuttack_offices, munna_moved_to_cuttack
):
    client.force_login(officer)

    notice = client.get(f"/reports/{munna_moved_to_cuttack.pk}/notice/").text
    contact = notice.split("please contact:")[1].split("</div>")[0]

    assert "DCPU Cuttack" in contact
    assert "0671-2300300" in contact
    assert "Home" not in contact


def test_the_parents_tracking_page_sends_them_to_the_dcpu_where_the_child_is_now(
    client, khordha, cuttack_offices, munna_moved_to_cuttack
):
    inquiry = CitizenReport.objects.create(
        kind=CitizenReportKind.INQUIRY,
        status=CitizenReportStatus.ANSWERED,
        reporter_name="Kamala",
        reporter_mobile=MOBILE,
        mobile_verified_at=timezone.now(),
        child_name="Munna",
        sex="M",
        age=9,
        description="Thin boy",
        event_at=timezone.now() - timedelta(days=3),
        event_state=khordha.state,
        event_district=khordha,
        event_locality="Old Town",
        possible_matches=[munna_moved_to_cuttack.pk],
    )

    response = client.post(
        "/khoya-paya/track/", {"reference": inquiry.reference, "mobile": MOBILE}, follow=True
    )

    assert "DCPU Cuttack" in response.text
    assert 'href="tel:0671-2300300"' in response.text
    assert "Children&#x27;s Home" not in response.text
