"""Who declares drives: the ministry's administrator, Odisha's and Bihar's State officials (their
SCPS), and Khordha's district official (the DCPU)."""

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType


@pytest.fixture
def odisha_official(make_official, make_unit, odisha):
    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")
    return make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps)


@pytest.fixture
def khordha_official(make_official, make_unit, khordha):
    dcpu = make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")
    return make_official("dcpu_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu)
