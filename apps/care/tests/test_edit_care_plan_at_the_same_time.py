"""Two of the home's staff revise Munna's care plan from the same version at once: the second
revision would silently drop the first one's changes, so it is refused; the second sees what
changed, keeps what they typed, and saves it as the next version once they have seen it."""

import pytest
from django.test import Client

from apps.accounts.models import Role
from apps.care.models import CarePlan
from apps.care.tests.fixtures import care_plan_data
from apps.core.tests.loaded_forms import conflict_rows, loaded_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(make_official, childrens_home):
    return make_official("counsellor_bbsr", Role.CCI_STAFF, unit=childrens_home)


def _signed_in(official) -> Client:
    client = Client()
    client.force_login(official)
    return client


def test_the_second_revision_from_the_same_version_is_refused(
    home_staff, counsellor, munna_in_care
):
    warden, other = _signed_in(home_staff), _signed_in(counsellor)
    plan_url = f"/care/{munna_in_care.pk}/add/plan/"
    assert warden.post(plan_url, care_plan_data()).status_code == 302
    warden_form, counsellor_form = (
        loaded_state(warden.get(plan_url)),
        loaded_state(other.get(plan_url)),
    )

    saved = warden.post(
        plan_url, care_plan_data(goals="Restore to the family in Gaya", **warden_form)
    )
    refused = other.post(
        plan_url, care_plan_data(emotional_support="Twice-weekly counselling", **counsellor_form)
    )

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert conflict_rows(refused) == [
        (
            "Goals for the coming months",
            "Restore to the family in Gaya",
            "Find the family within 3 months",
        )
    ]
    assert "Twice-weekly counselling" in refused.text
    assert list(CarePlan.objects.values_list("version", "goals")) == [
        (2, "Restore to the family in Gaya"),
        (1, "Find the family within 3 months"),
    ]

    again = other.post(
        plan_url,
        care_plan_data(
            goals="Restore to the family in Gaya",
            emotional_support="Twice-weekly counselling",
            **loaded_state(refused),
        ),
    )

    assert again.status_code == 302
    latest = CarePlan.objects.first()
    assert (latest.version, latest.goals, latest.emotional_support) == (
        3,
        "Restore to the family in Gaya",
        "Twice-weekly counselling",
    )


def test_two_first_plans_at_once_make_one_first_version(home_staff, counsellor, munna_in_care):
    warden, other = _signed_in(home_staff), _signed_in(counsellor)
    plan_url = f"/care/{munna_in_care.pk}/add/plan/"
    warden_form, counsellor_form = (
        loaded_state(warden.get(plan_url)),
        loaded_state(other.get(plan_url)),
    )

    assert warden.post(plan_url, care_plan_data(**warden_form)).status_code == 302
    refused = other.post(plan_url, care_plan_data(goals="Vocational training", **counsellor_form))

    assert refused.status_code == 409
    assert CarePlan.objects.count() == 1
