"""Priya, missing from Capital PS (Khordha, Odisha), and a girl the CWC of Patna (Bihar) found:
the pair waits in the review queue of every official overseeing either report, from the units
up to the State officials of Odisha and Bihar, and in nobody else's. When Priya's report is
handed to another station, the pair goes with it."""

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType
from apps.matching.models import MatchCandidate
from apps.reports.models import Report
from conftest import OUTSIDER_KINDS, sign_in_verified

pytestmark = pytest.mark.django_db


def queue_shows(client, pair) -> bool:
    response = client.get("/matches/")
    assert response.status_code == 200
    return pair.other.case_number in response.text


@pytest.fixture
def overseers(make_official, make_unit, khordha, patna, odisha, bihar):
    """Officials overseeing one of the two reports, by the widest jurisdiction first."""

    def official(username, role, unit_type, **where):
        return make_official(username, role, unit=make_unit(unit_type, **where))

    return {
        "Odisha's State official": official(
            "scps_odisha", Role.STATE_OFFICIAL, UnitType.SCPS, state=odisha
        ),
        "Bihar's State official": official(
            "scps_bihar", Role.STATE_OFFICIAL, UnitType.SCPS, state=bihar
        ),
        "Khordha's district official": official(
            "dcpu_khordha", Role.DISTRICT_OFFICIAL, UnitType.DCPU, district=khordha
        ),
        "Patna's district official": official(
            "dcpu_patna", Role.DISTRICT_OFFICIAL, UnitType.DCPU, district=patna
        ),
    }


def test_every_official_overseeing_either_report_sees_the_pair(client, officer, pair, overseers):
    client.force_login(officer)
    assert queue_shows(client, pair)

    for who, official in overseers.items():
        client.logout()
        sign_in_verified(client, official)

        assert queue_shows(client, pair), who


@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_officials_overseeing_neither_report_do_not_see_the_pair(
    client, sign_in_outsider, pair, kind
):
    sign_in_outsider(kind, pair.missing.owning_unit)

    assert not queue_shows(client, pair)


def test_the_pair_follows_the_report_to_another_station(
    client, officer, pair, make_unit, make_official, khordha
):
    new_station = make_unit(district=khordha, name="Saheed Nagar PS")
    new_officer = make_official("si_saheed_nagar", Role.POLICE_OFFICER, unit=new_station)

    Report.objects.filter(pk=pair.missing_id).update(owning_unit=new_station)

    client.force_login(new_officer)
    assert queue_shows(client, pair)
    client.force_login(officer)
    assert not queue_shows(client, pair)


def test_a_pair_stored_or_saved_again_carries_its_reports_owners(pair):
    owners = {
        "missing_unit_id": pair.missing.owning_unit_id,
        "other_unit_id": pair.other.owning_unit_id,
    }
    stored = MatchCandidate.objects.values(*owners)
    assert stored.get(pk=pair.pk) == owners

    pair.missing_unit_id = pair.other_unit_id = None
    pair.save()  # Django writes every column, the owners empty in memory

    assert stored.get(pk=pair.pk) == owners
