"""Lingaraj PS finds that its report is Priya's, whom Capital PS reported the day before: it
closes its own report as a duplicate of Capital PS's, by case number. The case goes on there;
nothing of the closed report is lost (its photos, marks and case notes show on the report kept),
the history says which report it duplicates, and searches count Priya once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.images import clean_photo
from apps.reports import services
from apps.reports.models import Report
from apps.reports.selectors import SearchCriteria, search_reports
from apps.reports.signals import report_closed_as_duplicate
from apps.reports.tests.fixtures import photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


@pytest.fixture
def lingaraj_officer(make_unit, make_official, khordha):
    station = make_unit("police_station", district=khordha, name="Lingaraj PS")
    return make_official("si_lingaraj", "police_officer", unit=station)


@pytest.fixture
def again(client, lingaraj_officer, file_missing):
    """Lingaraj PS's report of Priya, with her pet name only, a photo, a mark and a case note."""
    client.force_login(lingaraj_officer)
    report = file_missing(
        lingaraj_officer,
        fir_number="87/2026",
        full_name="Pinki",
        other_names="",
        identification_marks="Til on left cheek",
        marks=[{"kind": "mole", "body_part": "face", "side": "left", "description": ""}],
        photos=[("photo.jpg", clean_photo(photo_upload().read()))],
    )
    services.add_case_note(report=report, written_by=lingaraj_officer, text="Mother: 98610 22222")
    return report


def close(client, report, case_number, note="Same girl as Capital PS's FIR"):
    return client.post(
        f"/reports/{report.pk}/status/",
        {
            "status": "closed",
            "closure_reason": "duplicate",
            "duplicate_of": case_number,
            "note": note,
        },
        follow=True,
    )


def test_lingaraj_ps_closes_its_report_as_a_duplicate_of_capital_ps(
    client, priya, again, lingaraj_officer
):
    announced = []

    def receiver(sender, **kwargs):
        announced.append(kwargs)

    report_closed_as_duplicate.connect(receiver)

    response = close(client, again, priya.case_number.lower().replace("-000000", " "))

    again.refresh_from_db()
    assert (again.status, again.closure_reason, again.duplicate_of) == (
        "closed",
        "duplicate",
        priya,
    )
    change = again.history.first()
    assert change.history_change_reason == (
        f"Duplicate of {priya.case_number}: Same girl as Capital PS's FIR"
    )
    assert (change.history_user, change.duplicate_of_id) == (lingaraj_officer, priya.pk)
    assert f"This report is closed as a duplicate of {priya.case_number}" in response.text
    assert announced[0]["report_id"] == again.pk
    assert announced[0]["primary_id"] == priya.pk
    report_closed_as_duplicate.disconnect(receiver)


def test_the_report_kept_shows_the_duplicates_photos_marks_and_notes(client, officer, priya, again):
    close(client, again, priya.case_number)
    client.force_login(officer)

    page = client.get(f"/reports/{priya.pk}/").text

    assert "Reports of this child closed as duplicates" in page
    assert f'href="/reports/{again.pk}/"' in page
    photo = again.photos.get()
    assert f"/reports/photos/{photo.public_id}/thumbnail/" in page
    assert "Til on left cheek; Mole Left Face" in page
    assert "Mother: 98610 22222" in page


def test_officials_who_see_only_the_summary_do_not_see_the_duplicates_notes(
    client, priya, again, patna_officer
):
    close(client, again, priya.case_number)
    client.force_login(patna_officer)

    page = client.get(f"/reports/{priya.pk}/").text

    assert "Til on left cheek" in page  # marks are part of the tracing summary
    assert "Mother: 98610 22222" not in page


def test_closing_as_a_duplicate_needs_the_case_number_of_a_report_of_the_same_side(
    client, priya, again, cwc_member, file_found
):
    munna = file_found(cwc_member)

    assert "Say which report this one duplicates." in close(client, again, "").text
    assert "Write a case number such as M-0001042." in close(client, again, "Priya").text
    assert "No report has the case number F-" in close(client, again, f"F-{priya.pk}").text
    assert "are not duplicates" in close(client, again, munna.case_number).text
    assert "Name another report" in close(client, again, again.case_number).text
    again.refresh_from_db()
    assert (again.status, again.duplicate_of) == ("open", None)


def test_a_report_is_never_closed_into_one_that_is_itself_a_duplicate(
    client, priya, again, lingaraj_officer, file_missing
):
    third = file_missing(lingaraj_officer, fir_number="88/2026")
    close(client, again, priya.case_number)

    response = close(client, third, again.case_number)

    assert (
        f"{again.case_number} is itself closed as a duplicate: the case goes on under "
        f"{priya.case_number}." in response.text
    )
    assert Report.objects.get(pk=third.pk).status == "open"


def test_duplicates_follow_when_the_report_they_point_to_is_closed_as_a_duplicate(
    client, officer, priya, again, lingaraj_officer, file_missing
):
    third = file_missing(lingaraj_officer, fir_number="88/2026")
    close(client, third, again.case_number)

    client.force_login(lingaraj_officer)
    close(client, again, priya.case_number)

    third.refresh_from_db()
    assert third.duplicate_of == priya
    assert third.history.first().history_change_reason == f"Duplicate of {priya.case_number}"


def test_nobody_closes_another_units_report_as_a_duplicate(
    client, priya, again, lingaraj_officer, patna_officer
):
    assert close(client, priya, again.case_number).status_code == 403
    with pytest.raises(PermissionDenied):
        services.close_as_duplicate(report=priya, primary=again, closed_by=lingaraj_officer)
    client.force_login(patna_officer)
    assert close(client, again, priya.case_number).status_code == 403
    assert Report.objects.filter(status="closed").count() == 0


def test_two_reports_closed_into_each_other_never_both_close(
    priya, again, officer, lingaraj_officer
):
    services.close_as_duplicate(report=again, primary=priya, closed_by=lingaraj_officer)

    # The other official's page still showed both open.
    with pytest.raises(ValidationError, match="itself closed as a duplicate"):
        services.close_as_duplicate(report=priya, primary=again, closed_by=officer)
    assert Report.objects.get(pk=priya.pk).status == "open"


def test_reopening_a_duplicate_forgets_which_report_it_duplicated(client, priya, again):
    close(client, again, priya.case_number)

    client.post(f"/reports/{again.pk}/status/", {"status": "open", "note": "Another girl"})

    again.refresh_from_db()
    assert (again.status, again.closure_reason, again.duplicate_of) == ("open", "", None)


def test_searches_count_the_child_once(client, priya, again):
    close(client, again, priya.case_number)

    everyone = search_reports(SearchCriteria())
    by_her_pet_name = search_reports(SearchCriteria(name="Pinki"))
    by_the_duplicates_name_only = search_reports(SearchCriteria(name="Pinki", kind="missing"))

    assert [report.pk for report in everyone[:10]] == [priya.pk]
    assert everyone.count() == 1
    # "Pinki" is in both reports; the duplicate stands for the report kept.
    assert [report.pk for report in by_her_pet_name[:10]] == [priya.pk]
    assert by_the_duplicates_name_only.count() == 1
