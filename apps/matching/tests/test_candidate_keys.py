"""The database finds candidates from posting lists that follow every change to a report, and
hands the engine the most promising ones first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.matching import selectors, services
from apps.matching.engine import blocking_keys
from apps.matching.models import CandidateKey
from apps.matching.records import child_record
from apps.reports import services as report_services
from apps.reports.choices import ReportKind
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


def postings(report) -> dict[str, tuple]:
    rows = CandidateKey.objects.filter(report_id=report.pk)
    return {
        row.key: (row.status, row.kind, row.sex, row.age_min, row.age_max, row.district_id)
        for row in rows
    }


def candidates_of(report) -> list[int]:
    report = Report.objects.select_related("event_state", "event_district").get(pk=report.pk)
    return selectors.candidate_ids(report, blocking_keys(child_record(report)))


def homes(report) -> list[str]:
    return [f"h:{district}" for district in report.home_district_ids]


def test_a_filed_report_has_a_posting_for_each_name_key_its_district_and_home(
    officer, file_missing
):
    report = file_missing(officer)

    district = f"d:{report.event_district_id}"
    expected = ("open", "missing", "F", 11, 11, report.event_district_id)
    assert report.event_district_id in report.home_district_ids
    assert postings(report) == dict.fromkeys(
        [*report.name_keys, district, *homes(report)], expected
    )


def test_the_postings_follow_a_change_of_name_and_of_status(officer, file_missing):
    report = file_missing(officer)

    Report.objects.filter(pk=report.pk).update(name_keys=["snl"])
    assert set(postings(report)) == {"snl", f"d:{report.event_district_id}", *homes(report)}

    report.refresh_from_db()
    report.status = "closed"
    report.closure_reason = "returned_home"
    report.save()
    # A closed report is no candidate; it stays findable as an earlier case of the same child.
    assert postings(report) == {"snl": ("closed", "missing", "F", 11, 11, report.event_district_id)}


def test_a_deleted_report_leaves_no_postings(officer, file_missing):
    report = file_missing(officer)

    report.delete()

    assert not CandidateKey.objects.filter(report_id=report.pk).exists()


@pytest.fixture
def found_child(file_found, cwc_member):
    """Priya, found yesterday in Khordha."""
    return file_found(
        cwc_member,
        full_name="Priya Sahu",
        other_names="",
        sex="F",
        age_min="11",
        age_max="12",
        event_at=local_input(timezone.now() - timedelta(days=1)),
    )


def missing_child(file_missing, officer, number, days_ago, **fields):
    return file_missing(
        officer,
        fir_number=f"{number}/2026",
        event_at=local_input(timezone.now() - timedelta(days=days_ago)),
        **fields,
    )


def test_reports_sharing_more_name_keys_come_first(officer, file_missing, found_child):
    one_key = missing_child(
        file_missing, officer, 1, 3, full_name="Priya Das", other_names="", name_local=""
    )
    both_keys = missing_child(file_missing, officer, 2, 400, other_names="")

    assert candidates_of(found_child)[:2] == [both_keys.pk, one_key.pk]


def test_a_boy_or_a_child_who_went_missing_after_being_found_is_no_candidate(
    officer, file_missing, file_found, cwc_member
):
    found = file_found(
        cwc_member,
        full_name="Priya Sahu",
        sex="F",
        age_min="11",
        age_max="12",
        event_at=local_input(timezone.now() - timedelta(days=60)),
    )
    boy = missing_child(file_missing, officer, 1, 90, sex="M")
    later = missing_child(file_missing, officer, 2, 3)
    girl = missing_child(file_missing, officer, 3, 90)

    assert candidates_of(found) == [girl.pk]
    assert {boy.pk, later.pk}.isdisjoint(candidates_of(found))


def test_of_a_very_common_key_only_the_closest_in_time_are_read(
    officer, file_missing, found_child, monkeypatch
):
    monkeypatch.setattr(selectors, "KEY_POSTINGS_READ", 2)
    monkeypatch.setattr(selectors, "DISTRICT_CANDIDATE_LIMIT", 0)
    reports = [
        missing_child(file_missing, officer, number, days, full_name="Priya", other_names="")
        for number, days in ((1, 2), (2, 30), (3, 300))
    ]

    assert candidates_of(found_child) == [reports[0].pk, reports[1].pk]


def test_of_the_district_the_closest_in_time_are_read_of_found_children_and_sightings_alike(
    officer, file_missing, file_found, cwc_member, capital_ps, odisha, khordha, monkeypatch
):
    # Found children and sightings are read each in time order and merged: the two closest of
    # the district, whichever kind each is, and not the found child seen months later.
    monkeypatch.setattr(selectors, "DISTRICT_POSTINGS_READ", 2)
    missing = missing_child(file_missing, officer, 1, 30, full_name="Rina", other_names="")

    def found_days_ago(days):
        at = local_input(timezone.now() - timedelta(days=days))
        return file_found(
            cwc_member, full_name="", sex="F", age_min="11", age_max="12", event_at=at
        )

    soon, later = found_days_ago(28), found_days_ago(1)
    sighting = report_services.file_for_station_of_place(
        report=Report(
            kind=ReportKind.SIGHTING,
            sex="F",
            age_min=10,
            age_max=12,
            event_at=timezone.now() - timedelta(days=25),
            event_state=odisha,
            event_district=khordha,
            event_locality="Bhubaneswar railway station",
        ),
        filed_by=officer,
        police_station=capital_ps,
        photos=[],
    )
    report = Report.objects.select_related("event_state", "event_district").get(pk=missing.pk)

    chosen = selectors.candidate_ids(report, [])

    assert set(chosen) == {soon.pk, sighting.pk}
    assert later.pk not in chosen


def test_a_child_without_a_name_is_compared_with_the_district(
    officer, file_missing, file_found, cwc_member
):
    missing = missing_child(file_missing, officer, 1, 3)
    found = file_found(cwc_member, full_name="", sex="F", age_min="11", age_max="12")

    assert candidates_of(found) == [missing.pk]


def test_of_the_district_the_reports_whose_age_agrees_come_first(
    officer, file_missing, file_found, cwc_member
):
    fourteen = missing_child(file_missing, officer, 1, 2, age="14", full_name="Rina")
    eleven = missing_child(file_missing, officer, 2, 60, full_name="Mina")
    found = file_found(cwc_member, full_name="", sex="F", age_min="11", age_max="12")

    assert candidates_of(found) == [eleven.pk, fourteen.pk]


def test_an_earlier_case_of_the_same_name_is_found_whatever_its_side(
    officer, file_missing, found_child
):
    found_child.status = "restored"
    found_child.save()
    again = missing_child(file_missing, officer, 1, 0.1)
    report = Report.objects.select_related("event_state", "event_district").get(pk=again.pk)

    earlier = selectors.earlier_case_ids(report, blocking_keys(child_record(report)))

    assert earlier == [found_child.pk]


def test_matching_stores_the_pair_with_exactly_the_engines_score(
    officer, file_missing, found_child
):
    from apps.matching.engine import score_pair

    missing = missing_child(file_missing, officer, 1, 3)

    (pair,) = services.match_report(found_child.pk)

    expected = score_pair(child_record(missing), child_record(found_child))
    assert pair.missing_id == missing.pk
    assert pair.score == expected.score
    assert pair.evidence == expected.as_dict()["evidence"]


def test_the_sql_age_test_keeps_every_pair_the_engine_keeps_and_little_else():
    from apps.matching.engine.evidence import ages_apart, ages_irreconcilable

    gap_sql, keep_sql = selectors._age_sql(
        ("%(m_min)s", "%(m_max)s"), ("%(f_min)s", "%(f_max)s"), "%(years)s"
    )
    ranges = [(age, age) for age in (2, 6, 9, 12, 15, 17)] + [(8, 10), (12, 16), (5, 12)]
    checked = 0
    with connection.cursor() as cursor:
        for missing in ranges:
            for found in ranges:
                for days in (0, 40, 400, 2000):
                    params = {
                        "m_min": missing[0],
                        "m_max": missing[1],
                        "f_min": found[0],
                        "f_max": found[1],
                        "years": days / 365.25,
                    }
                    cursor.execute(f"SELECT {gap_sql}, {keep_sql}", params)
                    gap, kept = cursor.fetchone()
                    expected_gap, tolerance = ages_apart(missing, found, days)
                    assert float(gap) == pytest.approx(expected_gap)
                    if not ages_irreconcilable(expected_gap, tolerance):
                        assert kept, params
                    elif kept:  # only within the slack for dates read as timestamps
                        slack = selectors._SQL_AGE_SLACK_YEARS
                        assert not ages_irreconcilable(expected_gap - slack, tolerance), params
                    checked += 1
    assert checked == 9 * 9 * 4
