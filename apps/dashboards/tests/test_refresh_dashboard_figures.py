"""The job every few minutes (and an operator's command) recounts the dashboards' figures; pages
say how old their figures are."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.dashboards.models import ReportTally
from apps.dashboards.services import recount_dashboard_figures
from apps.dashboards.tasks import refresh_dashboard_figures
from apps.dashboards.tests.conftest import file_report, headline
from apps.reports.models import Report
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_a_second_refresh_at_once_writes_nothing(hand_counted):
    rows = list(ReportTally.objects.order_by("pk").values())

    again = recount_dashboard_figures()

    assert again.written == 0
    assert again.deleted == 0
    assert list(ReportTally.objects.order_by("pk").values()) == rows


def test_a_report_restored_since_the_last_refresh_is_counted_at_the_next(
    client, dcpu_official, hand_counted
):
    sign_in_verified(client, dcpu_official)
    Report.objects.filter(pk=hand_counted["M1"].pk).update(status="restored")

    before = headline(client.get("/dashboards/districts/362/"))
    refresh_dashboard_figures.delay()
    after = headline(client.get("/dashboards/districts/362/"))

    assert before["Restored to family"] == 1
    assert after["Restored to family"] == 2
    assert after["Still open: Under 30 days"] == before["Still open: Under 30 days"] - 1


def test_figures_of_a_month_that_no_longer_has_reports_are_removed(hand_counted):
    Report.objects.filter(pk=hand_counted["M3"].pk).delete()

    result = recount_dashboard_figures()

    month = timezone.localtime(hand_counted["M3"].created_at).date().replace(day=1)
    assert result.deleted > 0
    assert not ReportTally.objects.filter(month=month, sex="F", age_band=3).exists()


def test_a_report_of_a_new_unit_appears_in_its_district(
    client, dcpu_official, hand_counted, make_unit, khordha, officer
):
    sign_in_verified(client, dcpu_official)
    station = make_unit(district=khordha, name="Airfield PS")
    file_report(station, officer, kind="missing", sex="M", ages=[9], days_ago=1)

    call_command("refresh_dashboards", stdout=io.StringIO())
    response = client.get("/dashboards/districts/362/")

    assert headline(response)["Missing children reported"] == 4
    assert response.context["dashboard"].table("by_area").rows[0].label == "Airfield PS"


def test_the_page_says_how_old_its_figures_are(client, dcpu_official, hand_counted):
    sign_in_verified(client, dcpu_official)
    refreshed_at = timezone.now() - timedelta(minutes=7)
    recount_dashboard_figures(now=refreshed_at)

    html = client.get("/dashboards/districts/362/").content.decode()

    when = timezone.localtime(refreshed_at).strftime("%d/%m/%Y %H:%M")
    assert f"Figures as of {when}, 7\xa0minutes ago" in html


def test_before_the_first_refresh_the_page_says_so(client, dcpu_official):
    sign_in_verified(client, dcpu_official)

    response = client.get("/dashboards/districts/362/")

    assert b"The figures have not been counted yet." in response.content
    assert headline(response)["Missing children reported"] == 0


def test_the_refresh_runs_every_five_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-dashboard-figures"]

    assert entry["task"] == "apps.dashboards.tasks.refresh_dashboard_figures"
    assert entry["schedule"] == timedelta(minutes=5)
