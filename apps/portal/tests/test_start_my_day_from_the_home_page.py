"""An official signs in and the home page starts with the main actions of their unit, with how
much waits for them: the police file reports and answer families' complaints, a children's home
admits children and keeps care plans up to date, a CWC makes its orders, district officials
chase overdue work. Each count is their own: never another unit's, district's or State's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.care import services as care_services
from apps.care.models import CareOrder, CarePlan, ChildInCare
from apps.citizens.models import CitizenReport, CitizenReportKind, CitizenReportStatus
from apps.compliance.choices import Event
from apps.compliance.models import OverdueItem
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def actions(response) -> dict[str, int | None]:
    """The main actions at the top of the home page, with their counts."""
    return {str(action.label): action.count for action in response.context["main_actions"]}


def action_url(response, label: str) -> str:
    (url,) = [a.url for a in response.context["main_actions"] if str(a.label) == label]
    return url


# --- Police -----------------------------------------------------------------------------------


def complaint(
    station, status=CitizenReportStatus.RECEIVED, kind=CitizenReportKind.MISSING, **fields
):
    """A family's complaint sent through Khoya-Paya, routed to `station`, mobile confirmed."""
    return CitizenReport.objects.create(
        **fields,
        kind=kind,
        status=status,
        reporter_name="Bapi Sethi",
        reporter_mobile="9437012345",
        mobile_verified_at=timezone.now(),
        child_name="Raju Sethi",
        sex="M",
        age=9,
        description="Red T-shirt, black shorts",
        event_at=timezone.now() - timedelta(hours=20),
        event_state=station.state,
        event_district=station.district,
        event_locality="Unit 4 market",
        police_station=station,
    )


def test_a_police_officer_starts_with_filing_reports_and_the_complaints_waiting(
    client, officer, capital_ps, make_unit, make_official, khordha, file_found
):
    waiting = [complaint(capital_ps), complaint(capital_ps)]
    complaint(capital_ps, status=CitizenReportStatus.CONVERTED)  # registered: done
    complaint(capital_ps, status=CitizenReportStatus.DECLINED)
    complaint(capital_ps, CitizenReportStatus.FORWARDED, CitizenReportKind.SIGHTING)
    # A parent's inquiry about a child the station found, still being checked: no complaint.
    found_here = file_found(officer)
    inquiry = complaint(
        capital_ps, kind=CitizenReportKind.INQUIRY, possible_matches=[found_here.pk]
    )
    CitizenReport.objects.filter(pk=inquiry.pk).update(police_station=None)
    complaint(capital_ps, status=CitizenReportStatus.UNVERIFIED)  # mobile not confirmed yet
    neighbour = make_unit(UnitType.POLICE_STATION, district=khordha, name="Khandagiri PS")
    complaint(neighbour)
    client.force_login(officer)

    response = client.get("/")

    assert actions(response) == {
        "File a missing child report": None,
        "File a found child report": None,
        "Citizens' complaints waiting": 2,
    }
    listed = client.get(action_url(response, "Citizens' complaints waiting")).context["page"]
    assert {item.reference for item in listed} == {item.reference for item in waiting}
    page = response.content.decode()
    for others in ("Admit a child", "Care plans due", "Orders due", "Overdue work</span>"):
        assert others not in page
    assert client.get(action_url(response, "File a missing child report")).status_code == 200

    client.force_login(make_official("si_khandagiri", Role.POLICE_OFFICER, unit=neighbour))
    assert actions(client.get("/"))["Citizens' complaints waiting"] == 1


def test_the_sps_office_counts_the_districts_complaints_but_files_no_report(
    client, make_unit, make_official, capital_ps, khordha, cuttack
):
    complaint(capital_ps)
    complaint(make_unit(UnitType.POLICE_STATION, district=khordha))
    complaint(make_unit(UnitType.POLICE_STATION, district=cuttack))
    sp_office = make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha")
    client.force_login(make_official("sp_khordha", Role.POLICE_OFFICER, unit=sp_office))

    assert actions(client.get("/")) == {"Citizens' complaints waiting": 2}


# --- Children in care -------------------------------------------------------------------------


def admit(file_found, cwc_member, staff, name, **stay):
    """A found child placed with `staff`'s institution and admitted there three days ago."""
    found = file_found(cwc_member, full_name=name, placed_at=staff.unit.pk)
    child = ChildInCare(
        report=found,
        category=stay.pop("category", "cncp"),
        route="produced",
        arrived_at=timezone.now() - timedelta(days=3),
        **stay,
    )
    return care_services.admit_child(child=child, admitted_by=staff)


def write_plan(child, staff, *, review_in_days: int):
    plan = CarePlan(
        care_options=["family"],
        health_nutrition="Weight check monthly",
        education_training="Class 4 at the government school",
        emotional_support="Weekly counselling",
        protection="No unsupervised visits",
        family_contact="Trace the family",
        goals="Find the family",
        next_review_on=timezone.localdate() + timedelta(days=review_in_days),
    )
    return care_services.write_care_plan(plan=plan, child=child, written_by=staff)


def test_childrens_home_staff_start_with_admitting_and_the_care_plans_due(
    client, home_staff, other_home_staff, munna_in_care, file_found, cwc_member
):
    reviewed_soon = admit(file_found, cwc_member, home_staff, "Raju")
    write_plan(reviewed_soon, home_staff, review_in_days=3)
    planned = admit(file_found, cwc_member, home_staff, "Bablu")
    write_plan(planned, home_staff, review_in_days=90)
    admit(file_found, cwc_member, other_home_staff, "Sonu")  # another home's child, no plan
    chotu = file_found(cwc_member, full_name="Chotu")  # placed here by the CWC, not yet admitted
    client.force_login(home_staff)

    response = client.get("/")

    # Munna has no plan yet; Raju's is reviewed within a week; Bablu's in three months.
    assert actions(response) == {"Admit a child": 1, "Care plans due": 2}
    listed = client.get(action_url(response, "Care plans due")).context["page"]
    assert {child.pk for child in listed} == {munna_in_care.pk, reviewed_soon.pk}
    waiting = client.get(action_url(response, "Admit a child")).context["page"]
    assert [report.pk for report in waiting] == [chotu.pk]
    page = response.content.decode()
    assert "File a missing child report" not in page
    assert "Citizens&#x27; complaints waiting" not in page
    assert client.get(action_url(response, "Admit a child")).status_code == 200


def test_a_cwc_member_starts_with_the_orders_due(
    client, cwc_member, home_staff, cuttack_home_staff, munna_in_care, file_found, make_unit
):
    khordha_cwc = cwc_member.unit
    named = admit(file_found, cwc_member, home_staff, "Raju", deciding_body=khordha_cwc)
    unnamed = admit(file_found, cwc_member, home_staff, "Bablu")
    admit(file_found, cwc_member, home_staff, "Sonu", category="ccl")  # the JJB's to decide
    decided = admit(file_found, cwc_member, home_staff, "Tinku")
    CareOrder.objects.create(
        child=decided,
        institution=decided.institution,
        written_by=cwc_member,
        kind="interim",
        number="CWC/KHD/2026/400",
        order_date=timezone.localdate(),
        deciding_body=khordha_cwc,
    )
    admit(file_found, cwc_member, cuttack_home_staff, "Gudu")  # Cuttack's CWC decides
    client.force_login(cwc_member)

    response = client.get("/")

    # Munna came with an admission order; Tinku's order is recorded.
    assert actions(response) == {"Orders due": 2}
    listed = client.get(action_url(response, "Orders due")).context["page"]
    assert {child.pk for child in listed} == {named.pk, unnamed.pk}
    page = response.content.decode()
    assert "File a missing child report" not in page
    assert "Admit a child" not in page


# --- District, State and national officials -----------------------------------------------------


def overdue(unit, *, resolved=False):
    now = timezone.now()
    return OverdueItem.objects.create(
        event=Event.CARE_PLAN,
        responsible_unit=unit,
        district=unit.district,
        state=unit.state,
        child=ChildInCare.objects.first(),
        label=f"C-{OverdueItem.objects.count()}",
        due_at=now - timedelta(days=2),
        detected_at=now - timedelta(days=1),
        resolved_at=now if resolved else None,
    )


def test_a_district_official_starts_with_the_districts_overdue_work_and_the_dashboard(
    client, dcpu_officer, munna_in_care, home_staff, cuttack_home_staff, make_unit, patna
):
    overdue(home_staff.unit)
    overdue(home_staff.unit)
    overdue(home_staff.unit, resolved=True)
    overdue(cuttack_home_staff.unit)
    overdue(make_unit(UnitType.CHILDRENS_HOME, district=patna))
    sign_in_verified(client, dcpu_officer)

    response = client.get("/")

    assert actions(response) == {"Overdue work": 2, "Dashboard": None}
    assert action_url(response, "Dashboard") == "/dashboards/"
    assert client.get(action_url(response, "Overdue work")).context["page"].paginator.count == 2
    page = response.content.decode()
    assert "File a missing child report" not in page
    assert "Admit a child" not in page


def test_a_state_official_counts_the_states_overdue_work(
    client, make_unit, make_official, odisha, munna_in_care, home_staff, cuttack_home_staff, patna
):
    overdue(home_staff.unit)
    overdue(cuttack_home_staff.unit)
    overdue(make_unit(UnitType.CHILDRENS_HOME, district=patna))
    scps = make_unit(UnitType.SCPS, state=odisha)
    sign_in_verified(client, make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps))

    assert actions(client.get("/")) == {"Overdue work": 2, "Dashboard": None}


def test_a_count_beyond_999_says_so_without_counting_everything(
    client, dcpu_officer, munna_in_care, home_staff, monkeypatch
):
    monkeypatch.setattr("apps.portal.home.COUNT_CAP", 2)
    for _ in range(3):
        overdue(home_staff.unit)
    sign_in_verified(client, dcpu_officer)

    response = client.get("/")

    (overdue_work,) = [a for a in response.context["main_actions"] if a.label == "Overdue work"]
    assert (overdue_work.count, overdue_work.more) == (2, True)
    assert "2+" in response.content.decode()
