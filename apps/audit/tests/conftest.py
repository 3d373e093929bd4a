"""Officials of Odisha and Bihar, those who review their use of the portal, and entries written
straight into the access log at a given time (its `at` is set on saving, so it is moved after)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from apps.accounts.models import Role
from apps.audit.models import AccessAction, AccessLog
from apps.directory.models import UnitType

INDIA = ZoneInfo("Asia/Kolkata")


def india(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=INDIA)


@pytest.fixture
def log(db):
    """`log(official, action, at=..., times=1, outside=False, rows=None)` writes the entries."""

    def write(official, action: AccessAction, *, at, times=1, outside=False, rows=None):
        entries = AccessLog.objects.bulk_create(
            AccessLog(
                user=official,
                username=official.username,
                user_unit=official.unit,
                action=action,
                outside_jurisdiction=outside,
                rows=rows,
            )
            for _ in range(times)
        )
        AccessLog.objects.filter(pk__in=[entry.pk for entry in entries]).update(at=at)

    return write


@pytest.fixture
def odisha_reviewer(make_official, make_unit, odisha):
    scps = make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")
    return make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps)


@pytest.fixture
def bihar_reviewer(make_official, make_unit, bihar):
    scps = make_unit(UnitType.SCPS, state=bihar, name="SCPS Bihar")
    return make_official("scps_bihar", Role.STATE_OFFICIAL, unit=scps)


@pytest.fixture
def ministry_reviewer(make_official, ministry):
    return make_official("mowcd_review", Role.NATIONAL_ADMIN, unit=ministry)


@pytest.fixture
def odisha_officer(make_official, make_unit, khordha):
    station = make_unit(UnitType.POLICE_STATION, district=khordha, name="Capital PS")
    return make_official(
        "si_odisha", Role.POLICE_OFFICER, unit=station, first_name="Ramesh", last_name="Nayak"
    )


@pytest.fixture
def bihar_officer(make_official, make_unit, patna):
    station = make_unit(UnitType.POLICE_STATION, district=patna, name="Kotwali PS")
    return make_official(
        "si_bihar", Role.POLICE_OFFICER, unit=station, first_name="Suresh", last_name="Yadav"
    )
