"""The district's officials, and the DM's and SP's offices, read on the portal the digest the
DM and SP were sent; another district's officials and the police stations cannot."""

from datetime import date

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.alerts.models import DistrictDigest
from apps.directory.models import UnitType
from apps.portal.tests.menu import menu_links
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def digests(khordha):
    for month, missing in ((date(2026, 10, 1), 14), (date(2026, 9, 1), 9)):
        DistrictDigest.objects.create(
            district=khordha,
            month=month,
            missing_reported=missing,
            found_reported=6,
            matched=3,
            restored=2,
            open_over_30_days=41,
            institutions=5,
            institutions_late=2,
            late_institution_names=["Shelter Home Khordha", "Children's Home Jatni"],
            computed_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("unit_type", "role"),
    [
        (UnitType.DCPU, Role.DISTRICT_OFFICIAL),
        (UnitType.DISTRICT_POLICE, Role.POLICE_OFFICER),
        (UnitType.DISTRICT_COLLECTORATE, Role.DISTRICT_OFFICIAL),
        (UnitType.CWC, Role.CWC_MEMBER),
    ],
)
def test_the_districts_officials_read_the_latest_digest_and_earlier_months(
    client, make_official, make_unit, khordha, digests, unit_type, role
):
    sign_in_verified(
        client, make_official("reader", role, unit=make_unit(unit_type, district=khordha))
    )

    response = client.get("/alerts/digests/362/")

    assert response.status_code == 200
    assert menu_links(response)["Monthly digest"] == "/alerts/digests/362/"
    latest, _earlier = response.context["digests"]
    assert (latest.month, latest.missing_reported) == (date(2026, 10, 1), 14)
    page = response.content.decode()
    assert "Monthly digest for October 2026" in page
    assert "Children&#x27;s Home Jatni" in page
    assert "September 2026" in page


def test_a_state_official_reads_the_digests_of_the_states_districts_only(
    client, make_official, make_unit, odisha, khordha, patna, digests
):
    scps = make_unit(UnitType.SCPS, state=odisha)
    sign_in_verified(client, make_official("scps", Role.STATE_OFFICIAL, unit=scps))

    assert client.get("/alerts/digests/362/").status_code == 200
    assert client.get("/alerts/digests/212/").status_code == 403


@pytest.mark.parametrize(
    ("unit_type", "role", "district_name"),
    [
        (UnitType.DCPU, Role.DISTRICT_OFFICIAL, "patna"),
        (UnitType.POLICE_STATION, Role.POLICE_OFFICER, "khordha"),
        (UnitType.CHILDRENS_HOME, Role.CCI_STAFF, "khordha"),
    ],
)
def test_others_are_refused(
    client, make_official, make_unit, request, digests, unit_type, role, district_name
):
    district = request.getfixturevalue(district_name)
    sign_in_verified(
        client, make_official("other", role, unit=make_unit(unit_type, district=district))
    )

    assert client.get("/alerts/digests/362/").status_code == 403


@pytest.mark.refused_side(
    "alerts:district_digest", "another_unit", "another_district", "another_state"
)
@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_outside_the_district_are_refused_its_digest(
    client, make_unit, sign_in_outsider, khordha, digests, kind
):
    sign_in_outsider(kind, make_unit(UnitType.DCPU, district=khordha))

    response = client.get("/alerts/digests/362/")

    assert response.status_code == 403
    assert "Shelter Home Khordha" not in response.text


def test_national_officials_read_any_district_and_an_unknown_one_looks_refused(
    client, make_official, ministry, digests
):
    sign_in_verified(client, make_official("national", Role.NATIONAL_ADMIN, unit=ministry))

    assert client.get("/alerts/digests/362/").status_code == 200
    assert client.get("/alerts/digests/99999/").status_code == 403


def test_the_district_dashboard_shows_the_digest_last_sent(
    client, make_official, make_unit, khordha, digests
):
    dcpu = make_unit(UnitType.DCPU, district=khordha)
    sign_in_verified(client, make_official("dcpo", Role.DISTRICT_OFFICIAL, unit=dcpu))

    page = client.get("/dashboards/districts/362/").content.decode()

    assert "Monthly digest for October 2026" in page
    assert "Shelter Home Khordha" in page
    assert 'href="/alerts/digests/362/"' in page
