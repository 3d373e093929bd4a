"""A police officer in Bihar searches the whole country and finds a child reported in Odisha."""

import csv
import io

import pytest

from apps.audit.models import AccessAction, AccessLog
from apps.core.images import clean_photo
from apps.core.tests.formulas import HOSTILE, csv_cells, quoted
from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data, photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(officer, file_missing):
    photo = ("p.jpg", clean_photo(photo_upload().read()))
    return file_missing(officer, photos=[photo])


@pytest.fixture
def another_child(officer, file_missing):
    return file_missing(
        officer,
        marks=(),
        fir_number="113/2026",
        full_name="Rohit Behera",
        other_names="",
        name_local="",
        sex="M",
        age="15",
        identification_marks="Tattoo on right arm",
        languages=["or"],
    )


def search(client, **params):
    response = client.get("/reports/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("spelling", ["Priya Sahu", "preeya", "प्रिया साहू", "প্রিয়া", "SAHU priya"])
def test_officer_in_another_state_finds_a_child_by_any_spelling(
    client, patna_officer, priya, another_child, spelling
):
    client.force_login(patna_officer)

    response = search(client, name=spelling)

    assert priya.case_number in response.text
    assert another_child.case_number not in response.text


@pytest.mark.parametrize(
    ("params", "finds_priya", "finds_rohit"),
    [
        ({"sex": "F"}, True, False),
        ({"age_from": "14", "age_to": "17"}, False, True),
        ({"marks": "mole cheek"}, True, False),
        ({"marks": "scar hand"}, True, False),
        ({"marks": "tattoo"}, False, True),
        ({"has_photo": "on"}, True, False),
        ({"language": "hi"}, True, False),
        ({"status": "closed"}, False, False),
        ({"unit_name": "capital"}, True, True),
        ({"kind": "found"}, False, False),
    ],
)
def test_filters_narrow_the_national_list(
    client, patna_officer, priya, another_child, params, finds_priya, finds_rohit
):
    client.force_login(patna_officer)

    response = search(client, **params)

    assert (priya.case_number in response.text) == finds_priya
    assert (another_child.case_number in response.text) == finds_rohit


def test_filters_by_place_and_date(client, patna_officer, priya, odisha, khordha, cuttack):
    client.force_login(patna_officer)
    seen_on = priya.event_at.date()

    assert priya.case_number in search(client, state=odisha.pk, district=khordha.pk).text
    assert priya.case_number not in search(client, district=cuttack.pk).text
    assert priya.case_number in search(client, date_from=seen_on, date_to=seen_on).text
    assert priya.case_number not in search(client, date_to="2020-01-01").text


def test_results_show_the_thumbnail_and_who_to_call(client, patna_officer, priya):
    client.force_login(patna_officer)

    response = search(client, name="priya")

    assert f"/reports/photos/{priya.cover_photo.public_id}/thumbnail/" in response.text
    assert "0674-2390100" in response.text


def test_a_reversed_age_range_is_explained(client, patna_officer):
    client.force_login(patna_officer)

    response = search(client, age_from="12", age_to="5")

    assert "This must not be before the first value." in response.text


def test_export_gives_the_tracing_summary_without_family_contacts(
    client, patna_officer, priya, another_child
):
    client.force_login(patna_officer)

    response = client.post("/reports/export.csv?sex=F", {"reason": "Weekly tracing review"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 3  # the stamp, the header, Priya
    assert rows[2][0] == priya.case_number
    assert "Priya Sahu" in rows[2]
    assert "98610 55555" not in response.content.decode()
    entry = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert entry.user == patna_officer
    assert entry.detail.startswith("1 rows")


@pytest.mark.parametrize("typed", HOSTILE)
def test_text_typed_as_a_formula_is_exported_as_text(client, patna_officer, priya, typed):
    # A PFIF import or the API may bring any name; a locality is free text anyway.
    Report.objects.filter(pk=priya.pk).update(full_name=typed, event_locality=typed)
    client.force_login(patna_officer)

    cells = csv_cells(client.post("/reports/export.csv", {"reason": "Review"}).content)

    assert cells.count(quoted(typed)) == 2
    assert typed not in cells


def test_an_account_without_a_role_cannot_search(client, make_official, make_unit, khordha):
    visitor = make_official("no_role", unit=make_unit("helpline_ngo", district=khordha))
    client.force_login(visitor)

    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/export.csv").status_code == 403
    assert client.post("/reports/export.csv", {"reason": "Curious"}).status_code == 403


def test_a_child_found_by_a_cwc_in_odisha_is_found_from_bihar(
    client, cwc_member, patna_officer, odisha, khordha, childrens_home
):
    client.force_login(cwc_member)
    client.post("/reports/found/new/", found_report_data(odisha, khordha, childrens_home))
    found = Report.objects.get()
    client.force_login(patna_officer)

    response = search(client, name="munnaa", kind="found", age_from="9", age_to="9")

    assert found.case_number in response.text
    summary = client.get(f"/reports/{found.pk}/").text
    assert "Suresh" in summary  # the child's own account helps tracing
    assert "Children&#x27;s Home Bhubaneswar" not in summary  # where the child stays does not
