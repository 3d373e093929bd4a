"""An administrator registers a unit; its place and PIN code must agree with the directory."""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import Role
from apps.directory.models import Unit, UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def unit(**fields):
    return Unit(
        unit_type=fields.pop("unit_type", UnitType.POLICE_STATION), name="Test unit", **fields
    )


def errors_of(candidate):
    with pytest.raises(ValidationError) as raised:
        candidate.full_clean()
    return raised.value.message_dict


def test_pin_code_of_the_district_is_accepted_and_the_state_follows_the_district(khordha):
    station = unit(district=khordha, pin_code="751001")
    station.full_clean()
    station.save()
    assert station.state == khordha.state


def test_pin_code_of_another_state_is_refused(khordha):
    assert errors_of(unit(district=khordha, pin_code="800001"))["pin_code"] == [
        "PIN code 800001 belongs to Bihar, not Odisha."
    ]


def test_pin_code_of_another_district_of_the_same_state_is_refused(cuttack):
    message = errors_of(unit(district=cuttack, pin_code="751001"))["pin_code"][0]
    assert message == "PIN code 751001 belongs to Khordha district, not Cuttack."


def test_pin_code_not_in_use_is_refused(khordha):
    assert (
        "not a PIN code in use"
        in errors_of(unit(district=khordha, pin_code="999999"))["pin_code"][0]
    )


def test_malformed_pin_code_is_refused(khordha):
    assert errors_of(unit(district=khordha, pin_code="75100A"))["pin_code"] == [
        "A PIN code has six digits."
    ]


def test_district_unit_needs_a_district(odisha):
    assert "district" in errors_of(unit(state=odisha))


def test_state_level_unit_needs_a_state_and_no_district(khordha):
    assert "state" in errors_of(unit(unit_type=UnitType.SCPS))
    assert "district" in errors_of(unit(unit_type=UnitType.SCPS, district=khordha))


def test_national_unit_belongs_to_no_state(odisha):
    assert "state" in errors_of(unit(unit_type=UnitType.MINISTRY, state=odisha))


def test_administrator_sees_the_pin_error_in_admin_and_nothing_is_saved(
    client, make_official, ministry, khordha
):
    admin_user = make_official(
        "admin", Role.NATIONAL_ADMIN, unit=ministry, is_staff=True, is_superuser=True
    )
    sign_in_verified(client, admin_user)

    response = client.post(
        "/admin/directory/unit/add/",
        {
            "unit_type": "police_station",
            "name": "New PS",
            "district": khordha.pk,
            "pin_code": "800001",
            "is_active": "on",
            "nodal_officers-TOTAL_FORMS": "0",
            "nodal_officers-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "belongs to Bihar, not Odisha" in response.content.decode()
    assert not Unit.objects.filter(name="New PS").exists()
