"""Whoever the portal sends a family or a citizen to, it gives a number to call: the unit's own,
else its district's SP office, else the district's DCPU, else the child helpline 1098."""

import pytest

from apps.directory.models import UnitType
from apps.directory.selectors import public_phone_for

pytestmark = pytest.mark.django_db


def test_a_unit_with_a_phone_gives_its_own(make_unit, khordha):
    station = make_unit(district=khordha, name="Capital PS", phone="0674-2390100")
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, phone="0674-2533555")

    number = public_phone_for(station)

    assert (number.unit, number.phone, number.name, str(number)) == (
        station,
        "0674-2390100",
        "Capital PS",
        "0674-2390100",
    )


def test_without_one_the_sp_office_of_the_district_before_the_dcpu(make_unit, khordha, cuttack):
    station = make_unit(district=khordha, name="Capital PS")
    make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha", phone="0674-2555555")
    make_unit(UnitType.DISTRICT_POLICE, district=cuttack, phone="0671-2000000")  # elsewhere
    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha", phone="")
    closed = make_unit(UnitType.DISTRICT_POLICE, district=khordha, phone="0674-1111111")
    closed.is_active = False
    closed.save()

    assert (public_phone_for(station).name, public_phone_for(station).phone) == (
        "DCPU Khordha",
        "0674-2555555",
    )

    make_unit(UnitType.DISTRICT_POLICE, district=khordha, name="SP Khordha 2", phone="0674-2533555")

    assert public_phone_for(station).name == "SP Khordha 2"


def test_with_no_number_in_the_district_the_child_helpline(make_unit, khordha, odisha):
    for unit in (make_unit(district=khordha), make_unit(UnitType.SCPS, state=odisha)):
        number = public_phone_for(unit)

        assert (number.unit, number.phone, number.name) == (None, "1098", "Child helpline")
