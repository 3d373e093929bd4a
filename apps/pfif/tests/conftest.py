"""A district official who exchanges PFIF files, and partner sample files."""

from pathlib import Path

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType
from conftest import sign_in_verified

# Partner files from Google Person Finder's tests (see samples/SOURCES.md).
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture
def pfif_sample():
    def read(name: str) -> bytes:
        return (SAMPLES / name).read_bytes()

    return read


@pytest.fixture
def dcpu_khordha(make_unit, khordha):
    return make_unit(UnitType.DCPU, district=khordha, name="DCPU Khordha")


@pytest.fixture
def district_official(make_official, dcpu_khordha):
    return make_official("do_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu_khordha)


@pytest.fixture
def exchanging_client(client, district_official):
    sign_in_verified(client, district_official)
    return client
