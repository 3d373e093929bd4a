"""A newcomer seeds the demo and signs in with the printed credentials for each role."""

import csv
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.directory.models import Unit
from apps.names.keys import name_keys
from apps.portal.demo.units import DEMO_PASSWORD
from apps.reports.choices import ReportKind
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_demo_has_one_login_per_role_and_prints_it(settings, client):
    settings.DEBUG = True
    output = seed()

    held = {role for user in User.objects.all() for role in user.roles}
    assert held == set(Role.values)
    for user in User.objects.all():
        assert user.username in output
        user.full_clean()
    assert DEMO_PASSWORD in output
    response = client.post(
        "/accounts/login/", {"username": "police_capital", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_seeding_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    seed()
    users, units = User.objects.count(), Unit.objects.count()
    seed()

    assert (User.objects.count(), Unit.objects.count()) == (users, units)


def test_demo_logins_are_refused_on_a_production_portal():
    with pytest.raises(CommandError, match="Refusing"):
        seed()
    assert not User.objects.exists()


# --- Demo child reports --------------------------------------------------------------------


@pytest.fixture(autouse=True)
def pairs_csv(tmp_path, monkeypatch):
    """The true pairs go to a file of the test's own, not to the project's var/ folder."""
    path = tmp_path / "demo_true_pairs.csv"
    monkeypatch.setattr("apps.portal.demo.reports.TRUE_PAIRS_CSV", path)
    return path


SCRIPT_PATTERNS = {
    "latin": re.compile("[A-Za-z]"),
    "devanagari": re.compile("[\u0900-\u097f]"),
    "bengali": re.compile("[\u0980-\u09ff]"),
}


def _scripts(report) -> set[str]:
    text = report.full_name + report.name_local
    return {script for script, pattern in SCRIPT_PATTERNS.items() if pattern.search(text)}


def test_demo_reports_are_valid_varied_and_include_true_pairs(settings, pairs_csv):
    settings.DEBUG = True
    output = seed(reports=200)

    reports = list(Report.objects.order_by("pk"))
    assert len(reports) == 200
    assert "200 reports in all" in output
    for report in reports[::10]:
        report.full_clean()
    kinds = Counter(report.kind for report in reports)
    assert 100 < kinds[ReportKind.MISSING] < 140
    assert kinds[ReportKind.FOUND] == 200 - kinds[ReportKind.MISSING]
    assert {"latin", "devanagari", "bengali"} <= set().union(*map(_scripts, reports))
    for report in reports:
        assert report.name_keys == name_keys(
            report.full_name, report.other_names, report.name_local
        )
        assert report.marks_search is not None
        consents = {c.purpose for c in report.consents.all() if c.in_force}
        assert consents == ({"publication", "partners"} if report.publication_consent else set())
        if report.kind == ReportKind.MISSING:
            assert report.fir_year == timezone.localtime(report.fir_registered_at).year
            assert report.event_at <= report.fir_registered_at <= timezone.now()

    with pairs_csv.open(encoding="utf-8") as handle:
        pairs = [(int(row["missing_id"]), int(row["found_id"])) for row in csv.DictReader(handle)]
    assert pairs
    assert f"{len(pairs)} true missing/found pairs" in output
    by_pk = {report.pk: report for report in reports}
    for missing_pk, found_pk in pairs:
        missing, found = by_pk[missing_pk], by_pk[found_pk]
        assert (missing.kind, found.kind) == (ReportKind.MISSING, ReportKind.FOUND)
        assert missing.sex == found.sex
        assert found.age_min - 1 <= missing.age_max
        assert missing.age_min - 1 <= found.age_max
        assert missing.event_at < found.event_at
        assert missing.event_state_id == found.event_state_id


def test_seeding_twice_with_the_same_number_of_reports_adds_none(settings):
    settings.DEBUG = True
    seed(reports=120)
    output = seed(reports=120)

    assert Report.objects.count() == 120
    assert "0 missing and 0 found created" in output


def test_scale_adds_exactly_that_many_reports(settings):
    settings.DEBUG = True
    seed(reports=40)
    output = seed(scale=50)

    assert Report.objects.count() == 90
    assert "Created 50 reports in" in output
    numbers = Report.objects.filter(kind=ReportKind.MISSING).values_list(
        "owning_unit", "registration_kind", "fir_year", "fir_number"
    )
    assert len(set(numbers)) == len(numbers)


def test_the_demo_home_holds_children_in_care_some_with_plans_and_some_waiting(settings):
    from apps.care.models import CarePlan, ChildInCare

    settings.DEBUG = True
    output = seed(reports=300)
    again = seed(reports=300)

    children = ChildInCare.objects.filter(institution__name__contains="Bhubaneswar")
    assert 0 < children.count() <= 24
    assert f"Demo children in care: {children.count()} admitted" in output
    assert "Demo children in care: 0 admitted" in again
    planned = CarePlan.objects.values("child").distinct().count()
    assert 0 < planned < children.count()
    for child in children:
        assert child.report.placed_at == child.institution
        assert child.arrived_at >= child.report.event_at


def test_benchmark_data_spreads_over_every_district_and_fills_its_institutions(settings):
    from apps.care.models import CarePlan, ChildInCare
    from apps.directory.models import CCI_UNIT_TYPES, District, UnitType

    settings.DEBUG = True
    output = seed(reports=0, scale=1000, in_every_district=True, children_in_care=60)

    districts = District.objects.current()
    for unit_type in (UnitType.POLICE_STATION, UnitType.CHILDRENS_HOME):
        served = Unit.objects.filter(unit_type=unit_type).values("district").distinct()
        assert served.count() == districts.count()
    assert Report.objects.values("owning_unit__district").distinct().count() > 300
    children = ChildInCare.objects.select_related("report", "institution")
    assert "Admitted 60 more children to care in" in output
    assert children.count() == 60
    for child in children:
        assert child.institution.unit_type in CCI_UNIT_TYPES
        assert child.report.kind == ReportKind.FOUND
        assert child.report.placed_at == child.institution
    planned = CarePlan.objects.count()
    assert planned == sum(1 for pk in children.values_list("pk", flat=True) if pk % 3)
    assert "Demo units in every district: 0 created." in seed(reports=0, in_every_district=True)


def test_the_demo_shows_a_drive_grievances_and_a_child_going_home(settings, client):
    """A newcomer signed in as the ministry sees Operation Muskaan running and a grievance it
    answered; the CWC of Khordha sees the girl from Nepal waiting for her CWC order."""
    from apps.drives.models import Drive
    from apps.grievances.models import Grievance
    from apps.repatriation.models import RepatriationStep
    from conftest import sign_in_verified

    settings.DEBUG = True
    output = seed(reports=300)
    again = seed(reports=300)

    drive = Drive.objects.get()
    assert drive.all_india
    assert drive.is_running(timezone.localdate())
    waiting, answered = (
        Grievance.objects.filter(answered_at__isnull=True).get(),
        Grievance.objects.filter(answered_at__isnull=False).get(),
    )
    assert waiting.report is not None
    assert waiting.report.owning_unit.district.lgd_code == 362
    girl = RepatriationStep.objects.get().report
    assert (girl.nationality, girl.is_foreign_national) == ("NP", True)
    shown = f"/repatriation/found/{girl.pk}/"
    assert f"special drive {drive.code}" in output
    assert "2 grievances" in output
    assert shown in output
    assert shown in again
    assert (Drive.objects.count(), Grievance.objects.count()) == (1, 2)

    sign_in_verified(client, User.objects.get(username="national"))
    assert drive.name in client.get("/drives/").content.decode()
    assert answered.reference in client.get("/grievances/?answered=1").content.decode()
    assert waiting.reference in client.get("/grievances/").content.decode()
    client.force_login(User.objects.get(username="cwc_khordha"))
    page = client.get(shown)
    assert page.status_code == 200
    assert "MEA/NP/2026/118" in page.content.decode()
