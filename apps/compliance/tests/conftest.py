"""Khordha and Cuttack (Odisha) with a police station, two children's homes, a CWC and a DCPU,
and a Patna police station in Bihar; the officials of each; and helpers that admit a child and
write care entries through the care services, as the institution would.

Time is passed explicitly: records are written now, and `compute(at=...)` computes the overdue
items as of a later moment, as if the daily job ran then.
"""

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.care import services as care
from apps.care.models import ChildInCare
from apps.citizens.models import CitizenReport, CitizenReportKind, CitizenReportStatus
from apps.compliance.services import recompute_compliance
from apps.compliance.tests.helpers import DAY, HOUR, NOT_PRODUCED
from apps.directory.models import UnitType


@pytest.fixture
def start():
    """The moment the records of a test are written."""
    return timezone.now()


@pytest.fixture
def compute():
    def run(*, at):
        return recompute_compliance(now=at)

    return run


@pytest.fixture
def cwc_khordha(cwc_member):
    return cwc_member.unit


DCPU_HEAD, SP_HEAD = "9437000003", "9437000004"


@pytest.fixture
def dcpu_khordha(make_unit, khordha):
    return make_unit(
        UnitType.DCPU,
        district=khordha,
        name="DCPU Khordha",
        head_mobile=DCPU_HEAD,
        head_alert_channels="sms",
    )


@pytest.fixture
def sp_khordha(make_unit, khordha):
    """The district police office (the SP's), where the district's stations answer."""
    return make_unit(
        UnitType.DISTRICT_POLICE,
        district=khordha,
        name="SP Khordha",
        head_mobile=SP_HEAD,
        head_alert_channels="sms",
    )


@pytest.fixture
def cuttack_home(make_unit, cuttack):
    return make_unit(UnitType.CHILDRENS_HOME, district=cuttack, name="Children's Home Cuttack")


@pytest.fixture
def girls_home(make_unit, khordha):
    return make_unit(UnitType.CHILDRENS_HOME, district=khordha, name="Girls' Home Khordha")


@pytest.fixture
def home_staff(make_official, childrens_home):
    return make_official("home_bbsr", Role.CCI_STAFF, unit=childrens_home)


@pytest.fixture
def girls_home_staff(make_official, girls_home):
    return make_official("home_girls", Role.CCI_STAFF, unit=girls_home)


@pytest.fixture
def cuttack_staff(make_official, cuttack_home):
    return make_official("home_cuttack", Role.CCI_STAFF, unit=cuttack_home)


@pytest.fixture
def dcpu_official(make_official, dcpu_khordha):
    return make_official("dcpu_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu_khordha)


@pytest.fixture
def dcpu_staff(make_official, dcpu_khordha):
    """A protection officer of the DCPU without a district role: the DCPU still sees it all."""
    return make_official("po_khordha", Role.CCI_STAFF, unit=dcpu_khordha)


@pytest.fixture
def cuttack_official(make_official, make_unit, cuttack):
    dcpu = make_unit(UnitType.DCPU, district=cuttack, name="DCPU Cuttack")
    return make_official("dcpu_cuttack", Role.DISTRICT_OFFICIAL, unit=dcpu)


@pytest.fixture
def district_police_official(make_official, sp_khordha):
    return make_official("sp_khordha", Role.DISTRICT_OFFICIAL, unit=sp_khordha)


@pytest.fixture
def state_official(make_official, make_unit, odisha):
    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")
    return make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps)


@pytest.fixture
def national_admin(make_official, ministry):
    return make_official("mwcd", Role.NATIONAL_ADMIN, unit=ministry)


@pytest.fixture
def admit():
    """Admit the child of a found report to the staff member's institution."""

    def admit_child(report, staff, *, arrived_at, produced=True, order_number="", **extra):
        child = ChildInCare(
            report=report,
            category=extra.pop("category", "cncp"),
            route="produced" if produced else "found_report",
            arrived_at=arrived_at,
            produced_at=arrived_at if produced else None,
            order_number=order_number,
            order_date=arrived_at.date() if order_number else None,
            **extra,
        )
        return care.admit_child(child=child, admitted_by=staff)

    return admit_child


@pytest.fixture
def child_in_care(officer, file_found, admit, home_staff, start):
    """Munna, found by Capital PS this morning and admitted to the Children's Home Bhubaneswar
    at once, produced before the CWC with an admission order: nothing is owed yet."""
    report = file_found(officer)
    return admit(report, home_staff, arrived_at=start, order_number="CWC/KHD/2026/311")


@pytest.fixture
def overdue_everywhere(
    child_in_care, officer, file_found, admit, girls_home_staff, cuttack_staff, start, compute
):
    """Thirty-one days on: Munna (Children's Home Bhubaneswar) has no care plan; a child at the
    Girls' Home Khordha and one at the Children's Home Cuttack have none either; a child found
    by Capital PS was never produced before the CWC."""
    not_produced = file_found(officer, **NOT_PRODUCED, full_name="Raju")
    girl = admit(
        file_found(officer, sex="F", full_name="Rani"),
        girls_home_staff,
        arrived_at=start,
        order_number="CWC/KHD/9",
    )
    cuttack_child = admit(
        # Placed by the CWC with the Cuttack home: a home admits only a child sent to it.
        file_found(officer, full_name="Bapi", placed_at=cuttack_staff.unit.pk),
        cuttack_staff,
        arrived_at=start,
        order_number="CWC/CTC/1",
    )
    compute(at=start + 31 * DAY)
    return {
        "munna": f"C-{child_in_care.pk:07d}",
        "girl": f"C-{girl.pk:07d}",
        "cuttack": f"C-{cuttack_child.pk:07d}",
        "not_produced": f"F-{not_produced.pk:07d}",
    }


@pytest.fixture
def complaint_to(db):
    """A parent's missing-child complaint through Khoya-Paya, confirmed by the parent's mobile
    at `received_at` and so waiting at `station` (as citizens.services.confirm_mobile leaves it)."""

    def complain(station, *, received_at):
        return CitizenReport.objects.create(
            kind=CitizenReportKind.MISSING,
            status=CitizenReportStatus.RECEIVED,
            reporter_name="Kamala Das",
            reporter_mobile="9876543210",
            mobile_verified_at=received_at,
            child_name="Rinku Das",
            sex="M",
            age=9,
            description="Red shirt, thin, short hair",
            event_at=received_at - 6 * HOUR,
            event_state=station.state,
            event_district=station.district,
            event_locality="Bhubaneswar bus stand",
            police_station=station,
        )

    return complain


@pytest.fixture
def now_minus():
    """A moment that long before now, for what the station does now, in real time."""
    return lambda delta: timezone.now() - delta
