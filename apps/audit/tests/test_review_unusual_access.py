"""State and national officials review unusual use of the portal: an official opening many
records outside their jurisdiction in a day, searching at night, exporting large lists. A State
official sees the officials of their own State/UT, a national official all of India (or one
State/UT); district and unit officials are refused."""

import re
from datetime import date

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.audit.flags import FlagKind
from apps.audit.models import AccessAction
from apps.audit.selectors import unusual_use_for
from apps.audit.tests.conftest import india
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

NOVEMBER = "2026-11"


def flags_of_november(reviewer, **kwargs):
    return [
        (flag.username, flag.kind, flag.day.day, flag.count)
        for flag in unusual_use_for(reviewer, month=date(2026, 11, 1), **kwargs)
    ]


@pytest.fixture
def both_states_flagged(log, odisha_officer, bihar_officer):
    for official in (odisha_officer, bihar_officer):
        log(official, AccessAction.VIEW_SUMMARY, at=india(2026, 11, 5), times=51, outside=True)


def test_state_official_sees_the_flags_of_officials_of_their_own_state_only(
    client, odisha_reviewer, both_states_flagged, bihar
):
    sign_in_verified(client, odisha_reviewer)

    page = client.get("/audit/review/", {"month": NOVEMBER}).text
    # A State official cannot look into another State/UT by naming it.
    asked_for_bihar = client.get("/audit/review/", {"month": NOVEMBER, "state": bihar.lgd_code})

    assert "Ramesh Nayak (si_odisha)" in page
    assert "Capital PS" in page
    assert "Khordha" in page
    assert "Odisha" in page
    assert "51 records opened outside their jurisdiction" in page
    assert "si_bihar" not in page
    assert "si_bihar" not in asked_for_bihar.text
    assert "si_odisha" in asked_for_bihar.text


def test_national_official_sees_every_state_and_may_pick_one(
    client, ministry_reviewer, both_states_flagged, bihar
):
    sign_in_verified(client, ministry_reviewer)

    everywhere = client.get("/audit/review/", {"month": NOVEMBER}).text
    in_bihar = client.get("/audit/review/", {"month": NOVEMBER, "state": bihar.lgd_code}).text

    assert "si_odisha" in everywhere
    assert "si_bihar" in everywhere
    assert "si_bihar" in in_bihar
    assert "si_odisha" not in in_bihar


@pytest.mark.parametrize(
    ("role", "unit_type"),
    [
        (Role.DISTRICT_OFFICIAL, UnitType.DCPU),
        (Role.POLICE_OFFICER, UnitType.POLICE_STATION),
        (Role.CCI_STAFF, UnitType.CHILDRENS_HOME),
    ],
)
def test_district_and_unit_officials_are_refused(
    client, make_official, make_unit, khordha, both_states_flagged, role, unit_type
):
    official = make_official("curious", role, unit=make_unit(unit_type, district=khordha))
    sign_in_verified(client, official)

    assert client.get("/audit/review/", {"month": NOVEMBER}).status_code == 403
    assert unusual_use_for(official, month=date(2026, 11, 1)) == []


def test_more_than_fifty_records_outside_the_jurisdiction_in_a_day_is_flagged(
    log, ministry_reviewer, odisha_officer, bihar_officer
):
    # Exactly the threshold is not flagged; one more is.
    log(odisha_officer, AccessAction.VIEW_RECORD, at=india(2026, 11, 3, 9), times=50, outside=True)
    log(bihar_officer, AccessAction.VIEW_RECORD, at=india(2026, 11, 3, 9), times=30, outside=True)
    late = india(2026, 11, 3, 23, 59)
    log(bihar_officer, AccessAction.VIEW_PHOTO, at=late, times=21, outside=True)
    # The same day ended at midnight India time: these count for the 4th.
    log(odisha_officer, AccessAction.VIEW_SUMMARY, at=india(2026, 11, 4, 0, 0), outside=True)
    # Reads inside one's jurisdiction, and searches, are not "records opened outside".
    log(odisha_officer, AccessAction.VIEW_RECORD, at=india(2026, 11, 6), times=80)
    log(odisha_officer, AccessAction.SEARCH, at=india(2026, 11, 7), times=80, outside=True)

    assert flags_of_november(ministry_reviewer) == [("si_bihar", FlagKind.OUTSIDE, 3, 51)]


def test_three_searches_in_one_night_are_flagged_two_are_not(
    log, ministry_reviewer, odisha_officer, bihar_officer
):
    # A night from 22:00 to 06:00: its searches after midnight count for the day it began.
    for at in (india(2026, 11, 10, 22, 0), india(2026, 11, 10, 23, 59), india(2026, 11, 11, 5, 59)):
        log(odisha_officer, AccessAction.SEARCH, at=at)
    # Two searches at night; 21:59 and 06:00 are the evening and the morning.
    for at in (
        india(2026, 11, 10, 21, 59),
        india(2026, 11, 10, 22, 30),
        india(2026, 11, 11, 1, 0),
        india(2026, 11, 11, 6, 0),
    ):
        log(bihar_officer, AccessAction.SEARCH, at=at)

    flags = unusual_use_for(ministry_reviewer, month=date(2026, 11, 1))

    assert [(flag.username, flag.kind, flag.day.day, flag.count) for flag in flags] == [
        ("si_odisha", FlagKind.NIGHT_SEARCHES, 10, 3)
    ]
    assert [at.strftime("%H:%M") for at in flags[0].times] == ["22:00", "23:59", "05:59"]


def test_an_export_of_more_than_a_thousand_rows_is_flagged(
    log, ministry_reviewer, odisha_officer, bihar_officer
):
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 11, 20, 10), rows=1000)
    log(bihar_officer, AccessAction.EXPORT, at=india(2026, 11, 20, 10), rows=1001)
    log(bihar_officer, AccessAction.EXPORT, at=india(2026, 11, 20, 16), rows=25000)
    # After midnight on the 30th, India time, it is December.
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 12, 1, 0, 10), rows=9000)

    flags = unusual_use_for(ministry_reviewer, month=date(2026, 11, 1))

    assert [(flag.username, flag.kind, flag.day.day, flag.rows) for flag in flags] == [
        ("si_bihar", FlagKind.LARGE_EXPORTS, 20, [1001, 25000])
    ]


def test_thresholds_come_from_the_settings(settings, log, ministry_reviewer, odisha_officer):
    settings.ACCESS_REVIEW_LARGE_EXPORT_ROWS = 100
    log(odisha_officer, AccessAction.EXPORT, at=india(2026, 11, 20, 10), rows=101)

    assert flags_of_november(ministry_reviewer) == [("si_odisha", FlagKind.LARGE_EXPORTS, 20, 1)]


def test_a_flag_leads_to_the_officials_entries_of_that_night_in_the_access_log(
    client, log, odisha_reviewer, odisha_officer, make_official
):
    colleague = make_official("si_colleague", Role.POLICE_OFFICER, unit=odisha_officer.unit)
    for at in (india(2026, 11, 10, 23), india(2026, 11, 11, 1), india(2026, 11, 11, 2)):
        log(odisha_officer, AccessAction.SEARCH, at=at)
    log(odisha_officer, AccessAction.SEARCH, at=india(2026, 11, 12, 23))
    log(odisha_officer, AccessAction.VIEW_RECORD, at=india(2026, 11, 11, 1))
    log(colleague, AccessAction.SEARCH, at=india(2026, 11, 11, 1))
    sign_in_verified(client, odisha_reviewer)

    review = client.get("/audit/review/", {"month": NOVEMBER}).text
    link = re.search(r'href="(/audit/\?[^"]+)"', review).group(1).replace("&amp;", "&")
    entries = client.get(link)

    assert entries.status_code == 200
    assert entries.text.count("<td>si_odisha</td>") == 3
    assert "si_colleague" not in entries.text


def test_the_current_month_is_shown_unless_another_is_chosen(
    client, log, odisha_reviewer, odisha_officer
):
    log(odisha_officer, AccessAction.EXPORT, at=timezone.now(), rows=5000)
    sign_in_verified(client, odisha_reviewer)

    assert "5,000" in client.get("/audit/review/").text
    assert "No unusual use this month." in client.get("/audit/review/", {"month": NOVEMBER}).text


def test_a_month_typed_wrong_is_explained(client, odisha_reviewer):
    sign_in_verified(client, odisha_reviewer)

    response = client.get("/audit/review/", {"month": "November"})

    assert "Enter a month as year and month, for example 2026-04." in response.text


def test_the_review_is_in_the_menu_beside_the_access_log(client, odisha_reviewer):
    sign_in_verified(client, odisha_reviewer)

    assert 'href="/audit/review/"' in client.get("/").text
