"""A police officer narrows the national search to a State/UT and one of its districts. The page
lists only the chosen State/UT's districts (not all 784 of the country), without scripts too: the
officer picks the State/UT, presses "Show districts", then picks the district. A district of
another State/UT is refused with a message."""

import re

import pytest

from apps.directory.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_districts(odisha, bihar, khordha, cuttack, patna):
    """Enough districts that listing every one would show: 60 more in Bihar, 40 in Odisha."""
    District.objects.bulk_create(
        [District(lgd_code=5000 + n, name_en=f"Bihar {n}", state=bihar) for n in range(60)]
        + [District(lgd_code=6000 + n, name_en=f"Odisha {n}", state=odisha) for n in range(40)]
    )


def district_options(response) -> list[str]:
    select = re.search(r'<select name="district".*?</select>', response.text, re.S).group()
    return re.findall(r'<option value="(\d*)"', select)


def test_with_no_state_chosen_no_district_is_listed(client, officer, many_districts):
    client.force_login(officer)

    response = client.get("/reports/")

    assert district_options(response) == [""]
    assert response.text.count("<option") < 100
    assert "Show districts" in response.text


def test_with_a_state_chosen_exactly_its_districts_are_listed(
    client, officer, odisha, many_districts
):
    client.force_login(officer)

    response = client.get("/reports/", {"state": odisha.pk, "show_districts": "1"})

    odisha_districts = {str(pk) for pk in odisha.districts.values_list("pk", flat=True)}
    assert len(odisha_districts) == 42
    assert set(district_options(response)) == odisha_districts | {""}
    assert f'data-lgd-code="{odisha.lgd_code}"' in response.text


def test_officer_finds_reports_of_the_chosen_district(
    client, officer, odisha, khordha, file_missing
):
    priya = file_missing(officer)
    client.force_login(officer)

    response = client.get("/reports/", {"state": odisha.pk, "district": khordha.pk})

    assert priya.case_number in response.text
    assert f'<option value="{khordha.pk}" selected>' in response.text


def test_a_district_of_another_state_is_refused_and_kept_on_the_form(
    client, officer, odisha, patna, file_missing
):
    file_missing(officer)
    client.force_login(officer)

    response = client.get("/reports/", {"state": odisha.pk, "district": patna.pk})

    assert "This district is not in the chosen State/UT." in response.text
    assert response.context["page"].paginator.count == 0
    assert f'<option value="{patna.pk}" selected>' in response.text


def test_a_district_without_a_state_still_narrows_the_search(
    client, officer, cuttack, file_missing
):
    priya = file_missing(officer)
    client.force_login(officer)

    response = client.get("/reports/", {"district": cuttack.pk})

    assert response.context["form"].is_valid()
    assert priya.case_number not in response.text
    assert district_options(response) == ["", str(cuttack.pk)]
