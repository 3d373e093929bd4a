"""A children's home in Khordha with its staff, the district's CWC and DCPU, and Munna, found on
a railway platform and admitted there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.care import services
from apps.care.models import (
    CareDocument,
    CareOrder,
    CarePlan,
    ChildInCare,
    FollowUpVisit,
    HomeInvestigation,
    ProgressReport,
    Transfer,
)
from apps.directory.models import UnitType
from apps.reports.models import CaseNote, Report
from apps.reports.tests.fixtures import local_input
from conftest import OUTSIDER_KINDS

REFUSED = (403, 404)


@pytest.fixture
def home_staff(make_official, childrens_home):
    return make_official("warden_bbsr", Role.CCI_STAFF, unit=childrens_home)


@pytest.fixture
def khordha_cwc(cwc_member):
    return cwc_member.unit


@pytest.fixture
def dcpu_officer(make_official, make_unit, khordha):
    dcpu = make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")
    return make_official("dcpu_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu)


@pytest.fixture
def other_home_staff(make_official, make_unit, khordha):
    shelter = make_unit(UnitType.SHELTER_HOME, district=khordha, name="Open Shelter Cuttack Road")
    return make_official("warden_shelter", Role.CCI_STAFF, unit=shelter)


@pytest.fixture
def patna_home_staff(make_official, make_unit, patna):
    home = make_unit(UnitType.CHILDRENS_HOME, district=patna, name="Apna Ghar Patna")
    return make_official("warden_patna", Role.CCI_STAFF, unit=home)


@pytest.fixture
def cuttack_home_staff(make_official, make_unit, cuttack):
    home = make_unit(UnitType.CHILDRENS_HOME, district=cuttack, name="Children's Home Cuttack")
    return make_official("warden_cuttack", Role.CCI_STAFF, unit=home)


@pytest.fixture
def outsiders(other_home_staff, cuttack_home_staff, patna_home_staff):
    """Institutions that do not hold Munna: in his district, elsewhere in Odisha, in Bihar."""
    officials = (other_home_staff, cuttack_home_staff, patna_home_staff)
    return dict(zip(OUTSIDER_KINDS, officials, strict=True))


def care_records() -> tuple:
    """Everything a care action can change, to show that a refused one changed nothing."""
    entries = (CareOrder, CarePlan, ProgressReport, HomeInvestigation, FollowUpVisit, CareDocument)
    return (
        list(ChildInCare.objects.order_by("pk").values_list("pk", "institution", "status")),
        list(Report.objects.order_by("pk").values_list("pk", "status", "placed_at")),
        [model.objects.count() for model in entries],
        list(Transfer.objects.order_by("pk").values_list("pk", "to_institution", "status")),
        CaseNote.objects.count(),
    )


def refused_everything(client, url: str, data: dict | None = None) -> bool:
    """Whether both opening `url` and posting `data` to it (when given) are refused."""
    responses = [client.get(url)] + ([] if data is None else [client.post(url, data)])
    return all(response.status_code in REFUSED for response in responses)


@pytest.fixture
def munna_found(file_found, cwc_member):
    """Munna's found report, filed by the CWC, placing him in the children's home."""
    return file_found(cwc_member)


def admission_data(khordha_cwc, **overrides) -> dict:
    now = timezone.now()
    data = {
        "arrived_at": local_input(now - timedelta(hours=3)),
        "category": "cncp",
        "route": "produced",
        "deciding_body": khordha_cwc.pk,
        "produced_at": local_input(now - timedelta(hours=4)),
        "order_number": "CWC/KHD/2026/311",
        "order_date": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def munna_in_care(munna_found, home_staff, khordha_cwc):
    """Munna, admitted to the children's home this morning."""
    child = ChildInCare(
        report=munna_found,
        category="cncp",
        route="produced",
        arrived_at=timezone.now() - timedelta(hours=3),
        deciding_body=khordha_cwc,
        produced_at=timezone.now() - timedelta(hours=4),
        order_number="CWC/KHD/2026/311",
    )
    return services.admit_child(child=child, admitted_by=home_staff)


CARE_PLAN = {
    "option_0": "family",
    "option_1": "foster",
    "health_nutrition": "Deworming; weight check monthly",
    "education_training": "Admit to class 4 at the government school",
    "emotional_support": "Weekly counselling",
    "recreation": "Football",
    "protection": "No unsupervised visits",
    "family_contact": "Trace the family near the temple town he names",
    "goals": "Find the family within 3 months",
    "follow_up_after_restoration": "",
}


def care_plan_data(**overrides) -> dict:
    """A plan as sent from a form that started from no earlier plan (`loaded_version` 0)."""
    review = timezone.localdate() + timedelta(days=90)
    return {**CARE_PLAN, "next_review_on": review.isoformat(), "loaded_version": 0, **overrides}
