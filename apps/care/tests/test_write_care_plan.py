"""The home writes Munna's Individual Care Plan, then revises it; every version is kept."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.care import services
from apps.care.models import CarePlan
from apps.care.tests.fixtures import care_plan_data, care_records, refused_everything

pytestmark = pytest.mark.django_db


def test_the_home_writes_the_plan_with_care_options_in_order(client, home_staff, munna_in_care):
    client.force_login(home_staff)

    response = client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())

    assert response.status_code == 302
    plan = CarePlan.objects.get()
    assert (plan.version, plan.care_options) == (1, ["family", "foster"])
    assert (plan.written_by, plan.institution) == (home_staff, home_staff.unit)
    page = client.get(f"/care/{munna_in_care.pk}/").content.decode()
    assert "Restoration to own family" in page
    assert "Find the family within 3 months" in page


def test_a_revision_starts_from_the_latest_version_and_keeps_the_earlier_one(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)
    client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())

    form = client.get(f"/care/{munna_in_care.pk}/add/plan/").context["form"]
    assert form["goals"].value() == "Find the family within 3 months"
    assert form["option_0"].value() == "family"
    client.post(
        f"/care/{munna_in_care.pk}/add/plan/",
        care_plan_data(
            goals="Restore to the family found in Gaya", option_1="kinship", loaded_version=1
        ),
    )

    first, second = CarePlan.objects.order_by("version")
    assert first.goals == "Find the family within 3 months"
    assert (second.version, second.care_options) == (2, ["family", "kinship"])
    earlier = client.get(f"/care/{munna_in_care.pk}/plans/1/").content.decode()
    assert "Find the family within 3 months" in earlier


def test_a_plan_needs_a_first_choice_distinct_options_and_a_future_review(
    client, home_staff, munna_in_care
):
    client.force_login(home_staff)

    response = client.post(
        f"/care/{munna_in_care.pk}/add/plan/",
        care_plan_data(
            option_0="", option_1="foster", option_2="foster", next_review_on="2020-01-01"
        ),
    )

    errors = response.context["form"].errors
    assert "option_0" in errors
    assert errors["option_1"] == ["Each care option may be chosen once."]
    assert errors["next_review_on"] == ["The next review must be after today."]
    assert not CarePlan.objects.exists()


@pytest.mark.parametrize("who", ["officer", "other_home_staff"])
def test_police_and_other_homes_cannot_open_or_write_care_plans(
    client, request, who, home_staff, munna_in_care
):
    client.force_login(home_staff)
    client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/care/{munna_in_care.pk}/plans/1/").status_code == 403
    response = client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())

    assert response.status_code == 403
    assert CarePlan.objects.count() == 1


def test_the_cwc_reads_the_plan_but_writing_it_is_the_care_teams_work(
    client, cwc_member, munna_in_care
):
    client.force_login(cwc_member)

    assert client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data()).status_code == 403


@pytest.mark.refused_side("care:care_plan", "another_unit", "another_district", "another_state")
@pytest.mark.refused_side("care:add_entry", "another_unit", "another_district", "another_state")
def test_other_institutions_neither_read_nor_write_the_plan(
    client, home_staff, outsiders, munna_in_care
):
    services.write_care_plan(plan=_plan(), child=munna_in_care, written_by=home_staff)
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)

        assert refused_everything(client, f"/care/{munna_in_care.pk}/plans/1/"), outsider
        assert refused_everything(
            client, f"/care/{munna_in_care.pk}/add/plan/", care_plan_data()
        ), outsider
    assert care_records() == before


def test_the_service_itself_refuses_a_plan_from_another_institution(
    other_home_staff, munna_in_care
):
    with pytest.raises(PermissionDenied):
        services.write_care_plan(plan=_plan(), child=munna_in_care, written_by=other_home_staff)
    assert not CarePlan.objects.exists()


def _plan() -> CarePlan:
    from apps.care.forms import CarePlanForm

    form = CarePlanForm(care_plan_data())
    assert form.is_valid(), form.errors
    return form.instance
