"""The dashboards count the found children of other countries by nationality, and how far their
repatriation went (home country verified, CWC order, handed over), each child once, inside the
viewer's area."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.dashboards.tests.conftest import figures
from apps.repatriation.choices import Step
from apps.repatriation.models import RepatriationStep
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def found_from(file_found, official, name, country):
    return file_found(
        official,
        full_name=name,
        told_language="",
        nationality=country,
        placement="not_placed",
        placed_at=None,
        cwc_order_reference="",
    )


@pytest.fixture
def children_of_other_countries(file_found, officer, make_official, kotwali_ps):
    bihar_officer = make_official("si_bihar", Role.POLICE_OFFICER, unit=kotwali_ps)
    rina = found_from(file_found, officer, "Rina Tamang", "NP")
    found_from(file_found, officer, "Sita Gurung", "NP")
    found_from(file_found, officer, "Rahim Mia", "BD")
    found_from(file_found, bihar_officer, "Pemba Sherpa", "NP")  # Bihar's
    found_from(file_found, officer, "Priya Das", "IN")  # Indian: not counted
    found_from(file_found, officer, "No Name", "")  # not known: not counted
    done_on = timezone.localdate() - timedelta(days=2)
    for step in (Step.VERIFICATION, Step.CWC_ORDER):
        RepatriationStep.objects.create(
            report=rina, step=step, done_on=done_on, recorded_by=officer
        )


def test_the_national_admin_sees_every_child_of_another_country_by_nationality(
    client, national_admin, children_of_other_countries
):
    sign_in_verified(client, national_admin)

    response = client.get("/dashboards/india/")

    # found children, verified, CWC order, handed over
    assert figures(response, "repatriation") == {
        "Nepal": (3, 1, 1, 0),
        "Bangladesh": (1, 0, 0, 0),
    }


def test_a_state_official_sees_only_the_children_found_in_their_state(
    client, state_official, children_of_other_countries
):
    sign_in_verified(client, state_official)

    response = client.get(f"/dashboards/states/{state_official.unit.state.lgd_code}/")

    assert figures(response, "repatriation") == {"Nepal": (2, 1, 1, 0), "Bangladesh": (1, 0, 0, 0)}
