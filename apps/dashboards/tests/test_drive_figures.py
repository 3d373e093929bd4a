"""Operation Smile ran in Odisha and Operation Muskaan across India. Of the hand-counted children
(conftest), F1 (found in Khordha, in care there), F2 (found in Cuttack, restored) and F4 (found
in Cuttack and admitted there, both tagged) came during Smile; F3 (found in Patna, matched)
during Muskaan. Each dashboard lists the drives of its area with their figures inside the area
and links to each drive's page; the page counts the drive inside the viewer's jurisdiction, by
State/UT, district or unit, and downloads like every dashboard table. Officials outside the
drive's States/UTs, and those who open no dashboard, are refused."""

import pytest

from apps.care.models import ChildInCare
from apps.dashboards.tests.conftest import figures
from apps.reports.models import Report
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

SMILE = "/dashboards/drives/operation-smile/"
# children found, matched (confirmed), restored, admitted during the drive, in care now
NOTHING = (0, 0, 0, 0, 0)


@pytest.fixture
def drives(make_drive, odisha, hand_counted):
    smile = make_drive("Operation Smile", odisha, days=(-90, 10))
    muskaan = make_drive("Operation Muskaan", all_india=True, days=(-90, 10))
    reports = hand_counted
    Report.objects.filter(pk__in=[reports[name].pk for name in ("F1", "F2", "F4")]).update(
        drive=smile
    )
    Report.objects.filter(pk=reports["F3"].pk).update(drive=muskaan)
    ChildInCare.objects.filter(report=reports["F4"]).update(drive=smile)
    # The other hand-counted reports carry no drive and count for none.
    return {"smile": smile, "muskaan": muskaan}


def page_table(response, name: str) -> dict[str, tuple]:
    return {row.label: row.values for row in response.context["page"].table(name).rows}


def test_the_national_dashboard_lists_every_drive_with_its_figures(client, national_admin, drives):
    sign_in_verified(client, national_admin)

    response = client.get("/dashboards/india/")

    assert figures(response, "drives") == {
        "Operation Smile": (3, 0, 1, 1, 2),
        "Operation Muskaan": (1, 1, 0, 0, 0),
    }
    assert f'href="{SMILE}' in response.content.decode()


def test_a_state_dashboard_counts_the_drives_of_its_state_inside_it(
    client, state_official, bihar_official, drives
):
    sign_in_verified(client, state_official)
    odisha = client.get("/dashboards/states/21/")
    cuttack = client.get("/dashboards/districts/348/")
    client.logout()
    sign_in_verified(client, bihar_official)
    bihar = client.get("/dashboards/states/10/")

    assert figures(odisha, "drives") == {
        "Operation Smile": (3, 0, 1, 1, 2),
        "Operation Muskaan": NOTHING,
    }
    assert figures(cuttack, "drives") == {
        "Operation Smile": (2, 0, 1, 1, 1),
        "Operation Muskaan": NOTHING,
    }
    assert figures(bihar, "drives") == {"Operation Muskaan": (1, 1, 0, 0, 0)}


def test_the_drive_page_counts_it_by_state_for_the_ministry(client, national_admin, drives):
    sign_in_verified(client, national_admin)

    response = client.get(SMILE)

    assert response.status_code == 200
    assert page_table(response, "headline") == {
        "Children found": (3,),
        "Matched (confirmed)": (0,),
        "Restored to family": (1,),
        "Admitted to care": (1,),
        "In care now": (2,),
    }
    assert page_table(response, "by_area") == {"Odisha": (3, 0, 1, 1, 2)}


def test_the_drive_page_counts_it_by_district_for_the_state_and_by_unit_for_a_district(
    client, state_official, dcpu_official, drives
):
    sign_in_verified(client, state_official)
    state_page = client.get(SMILE)
    client.logout()
    sign_in_verified(client, dcpu_official)
    district_page = client.get(SMILE)

    assert page_table(state_page, "by_area") == {
        "Cuttack": (2, 0, 1, 1, 1),
        "Khordha": (1, 0, 0, 0, 1),
    }
    assert page_table(district_page, "headline")["Children found"] == (1,)
    assert page_table(district_page, "by_area") == {"Children's Home Bhubaneswar": (1, 0, 0, 0, 1)}


def test_muskaan_counts_a_confirmed_match(client, bihar_official, drives):
    sign_in_verified(client, bihar_official)

    response = client.get("/dashboards/drives/operation-muskaan/")

    assert page_table(response, "by_area") == {"Patna": (1, 1, 0, 0, 0)}


def test_the_drive_figures_download_as_csv_and_excel(client, state_official, drives):
    sign_in_verified(client, state_official)

    as_csv = client.get(f"{SMILE}?download=by_area&as=csv")
    as_xlsx = client.get(f"{SMILE}?download=headline&as=xlsx")

    assert as_csv.status_code == 200
    lines = as_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "District,Children found,Matched (confirmed),Restored to family,Admitted to care,"
        "In care now"
    )
    assert lines[1:] == ["Cuttack,2,0,1,1,1", "Khordha,1,0,0,0,1"]
    assert "operation-smile-by_area" in as_csv["Content-Disposition"]
    assert as_xlsx.content.startswith(b"PK")
    assert client.get(f"{SMILE}?download=nothing&as=csv").status_code == 404


@pytest.mark.refused_side("dashboards:drive", "another_unit", "another_state")
@pytest.mark.parametrize("kind", ["another_unit", "another_state"])
def test_officials_outside_the_drive_or_without_dashboards_are_refused(
    client, sign_in_outsider, capital_ps, drives, kind
):
    sign_in_outsider(kind, capital_ps)

    assert client.get(SMILE).status_code == 403
    assert client.get(f"{SMILE}?download=by_area&as=csv").status_code == 403


def test_bihar_cannot_open_odishas_drive_and_an_unknown_drive_looks_the_same(
    client, bihar_official, drives
):
    sign_in_verified(client, bihar_official)

    assert client.get(SMILE).status_code == 403
    assert client.get("/dashboards/drives/operation-nowhere/").status_code == 403
