"""A police station or institution downloads the template it fills offline."""

import csv
import io

from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.core.tests.formulas import HOSTILE, xlsx_cells
from apps.directory.models import District
from conftest import sign_in_verified


def test_a_police_station_downloads_the_missing_reports_workbook(client, officer, khordha):
    client.force_login(officer)

    response = client.get("/bulk/template/missing.xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Instructions", "Data", "Lists"]
    header = [cell.value for cell in workbook["Data"][1]]
    assert header[0] == "Your reference * [reference]"
    assert "Full name * [full_name]" in header
    assert "Place: district * [event_district]" in header
    assert "Photographs [photos]" not in header
    sex_column = header.index("Sex * [sex]") + 1
    lists = workbook["Lists"]
    sex_list = next(
        v
        for v in workbook["Data"].data_validations.dataValidation
        if any(f"{chr(64 + sex_column)}2" in str(r) for r in v.sqref.ranges)
    )
    column = sex_list.formula1.split("!$")[1][0]
    assert [lists[f"{column}{n}"].value for n in range(1, 5)] == [
        "Boy",
        "Girl",
        "Transgender",
        "Not known",
    ]


def test_a_district_named_like_a_formula_is_listed_as_text(client, officer, khordha):
    District.objects.filter(pk=khordha.pk).update(name=HOSTILE[0])
    client.force_login(officer)

    values = xlsx_cells(client.get("/bulk/template/missing.xlsx").content)

    assert HOSTILE[0] in values


def test_the_csv_template_has_the_same_header(client, officer):
    client.force_login(officer)
    workbook = load_workbook(io.BytesIO(client.get("/bulk/template/found.xlsx").content))

    response = client.get("/bulk/template/found.csv")

    [header] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == [cell.value for cell in workbook["Data"][1]]


def test_the_header_speaks_the_officials_language(client, officer):
    client.force_login(officer)

    response = client.get("/bulk/template/missing.csv", HTTP_ACCEPT_LANGUAGE="hi")

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "[full_name]" in header
    assert "Full name" not in header


def test_an_institution_downloads_the_children_in_care_template(client, cci_staff):
    client.force_login(cci_staff)

    response = client.get("/bulk/template/care.csv")

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "[arrived_at]" in header
    assert "[placed_at]" not in header  # the child is placed in the uploading institution


def test_a_police_station_gets_no_children_in_care_template(client, officer):
    client.force_login(officer)

    assert client.get("/bulk/template/care.xlsx").status_code == 403


def test_an_institution_gets_no_police_template(client, cci_staff):
    client.force_login(cci_staff)

    assert client.get("/bulk/template/missing.xlsx").status_code == 403


def test_a_child_welfare_committee_has_no_bulk_upload(client, cwc_member, make_official):
    client.force_login(cwc_member)

    assert client.get("/bulk/").status_code == 403
    assert client.get("/bulk/template/found.csv").status_code == 403


def test_a_district_official_has_no_bulk_upload(client, make_official, make_unit, khordha):
    from apps.directory.models import UnitType

    dcpu = make_unit(UnitType.DCPU, district=khordha)
    sign_in_verified(client, make_official("do", Role.DISTRICT_OFFICIAL, unit=dcpu))

    assert client.get("/bulk/template/missing.csv").status_code == 403


def test_the_menu_offers_bulk_upload_to_a_police_station_only(client, officer, cwc_member):
    client.force_login(officer)
    assert b'href="/bulk/"' in client.get("/bulk/").content

    client.force_login(cwc_member)
    assert b'href="/bulk/"' not in client.get("/reports/").content
