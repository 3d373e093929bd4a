"""A district official who exchanges PFIF files, and partner sample files."""

from pathlib import Path

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType
from apps.pfif import services
from apps.pfif.format import Note, Person, write_document
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


def import_now(file, **received):
    """Receive a partner's file and import it, as the worker does after the request."""
    return services.import_received(services.receive_pfif(file, **received).pk)


FIRST_NAMES = ("Priya", "Rahul", "Anita", "Sanjay", "Kavita", "Arjun", "Meena", "Vikram")
FAMILY_NAMES = ("Sahu", "Das", "Mohanty", "Nayak", "Patra", "Behera", "Kumar", "Singh")


def partner_file(persons: int, *, domain: str = "police.gov.np") -> bytes:
    """A PFIF 1.4 file of `persons` children a partner is looking for, each with one note."""
    return write_document(
        [
            Person(
                person_record_id=f"{domain}/person.{number}",
                source_date="2026-11-20T10:00:00Z",
                full_name=f"{FIRST_NAMES[number % 8]} {FAMILY_NAMES[number // 8 % 8]} {number}",
                sex=("female", "male")[number % 2],
                age=str(5 + number % 12),
                home_city="Kathmandu",
                home_country="NP",
                notes=[
                    Note(
                        note_record_id=f"{domain}/note.{number}",
                        person_record_id=f"{domain}/person.{number}",
                        source_date="2026-11-20T10:00:00Z",
                        status="believed_missing",
                        text="Last seen at the border crossing.",
                    )
                ],
            )
            for number in range(persons)
        ]
    )
