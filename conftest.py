"""Fixtures shared by every test: a few real States/UTs, districts, units and officials."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.text import slugify
from django_otp.oath import TOTP

from apps.accounts.models import Role, User
from apps.directory.models import District, State, Unit, UnitType
from apps.directory.selectors import forget_office_phones, forget_place_names

# Reports fixtures are shared by the apps that build on reports (audit, matching, ...).
pytest_plugins = [
    "apps.reports.tests.fixtures",
    "apps.care.tests.fixtures",
    "apps.messaging.tests.fixtures",
    # Celery publishing to a broker of the test's choosing (outbox, and the alerts' bulletins).
    "apps.outbox.tests.fixtures",
    # Enforces the refused_side marker on every test that carries it.
    "tests.refused_side",
    # A transactional test's tables are emptied row by row, not TRUNCATEd (tests/empty_tables.py).
    "tests.empty_tables",
]

STRONG_PASSWORD = "Kite-Lantern-93-river"  # noqa: S105 - a test account's password


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Photos written by a test go to its own folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def default_language():
    """A page served in Hindi leaves Hindi active in this thread; the next test starts in the
    portal's default language again, as the next request would."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_office_phones():
    """Each test reads the district offices' phones it made itself, not those another test's
    pages kept (apps.directory.selectors.district_office_phone)."""
    forget_office_phones()


@pytest.fixture(autouse=True)
def empty_cache():
    """Counters kept in the cache (Khoya-Paya's look-ups per address) start at zero in each
    test: every test's client comes from the same address, so a test run after many look-ups
    was asked for a CAPTCHA it did not expect."""
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_place_names():
    """Each test reads its own districts' names (apps.directory.selectors.place_names)."""
    forget_place_names()


@pytest.fixture
def odisha(db):
    return State.objects.create(lgd_code=21, name_en="Odisha", name_hi="ओडिशा", kind="S")


@pytest.fixture
def bihar(db):
    return State.objects.create(lgd_code=10, name_en="Bihar", name_hi="बिहार", kind="S")


@pytest.fixture
def khordha(odisha):
    return District.objects.create(lgd_code=362, name_en="Khordha", state=odisha)


@pytest.fixture
def cuttack(odisha):
    return District.objects.create(lgd_code=348, name_en="Cuttack", state=odisha)


@pytest.fixture
def patna(bihar):
    return District.objects.create(lgd_code=212, name_en="Patna", state=bihar)


@pytest.fixture
def make_unit(db):
    def make(unit_type=UnitType.POLICE_STATION, *, district=None, state=None, name=None, **extra):
        return Unit.objects.create(
            unit_type=unit_type,
            name=name or f"{UnitType(unit_type).label} {Unit.objects.count() + 1}",
            district=district,
            state=district.state if district else state,
            **extra,
        )

    return make


@pytest.fixture
def make_official(db):
    def make(username, *roles, unit, password=STRONG_PASSWORD, **extra):
        official = User(username=username, unit=unit, roles=list(roles), **extra)
        official.set_password(password)
        official.full_clean()
        official.save()
        return official

    return make


@pytest.fixture
def ministry(make_unit):
    return make_unit(UnitType.MINISTRY, name="Ministry of Women and Child Development")


@pytest.fixture
def national_admin(make_official, ministry):
    """A ministry administrator, the only official who opens Django admin."""
    return make_official(
        "ministry_admin", Role.NATIONAL_ADMIN, unit=ministry, is_staff=True, is_superuser=True
    )


@pytest.fixture
def make_drive(national_admin):
    """A special drive declared by the ministry over `states` (or all India), from and to the
    days `days` counts from today: by default it began 5 days ago and ends in 20 days."""
    from apps.drives.models import Drive

    def make(name, *states, all_india=False, days=(-5, 20)):
        today = timezone.localdate()
        drive = Drive.objects.create(
            name=name,
            code=slugify(name),
            starts_on=today + timedelta(days=days[0]),
            ends_on=today + timedelta(days=days[1]),
            all_india=all_india,
            declared_by=national_admin,
        )
        drive.states.set(states)
        return drive

    return make


def current_token(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in_verified(client, official):
    """Sign an official in with a confirmed authenticator, as after a full two-factor login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=official, name="phone", confirmed=True)
    client.force_login(official)
    response = client.post("/accounts/two-factor/verify/", {"token": current_token(device)})
    assert response.status_code == 302
    return device


OUTSIDER_KINDS = ("another_unit", "another_district", "another_state")


@pytest.fixture
def make_outsider(make_unit, make_official):
    """The widest official who is still outside `home`'s jurisdiction, for refusal tests:
    an official of another unit of its district (a police officer unless told), a district
    official of another district of its State/UT, or a State official of another State/UT."""

    def make(kind, home, *, unit_type=UnitType.POLICE_STATION, role=Role.POLICE_OFFICER):
        if kind == "another_unit":
            unit = make_unit(unit_type, district=home.district)
        elif kind == "another_district":
            unit, role = make_unit(UnitType.DCPU, district=_neighbour(home)), Role.DISTRICT_OFFICIAL
        else:
            unit, role = make_unit(UnitType.SCPS, state=_far_state(home)), Role.STATE_OFFICIAL
        return make_official(f"{kind}_{unit.pk}", role, unit=unit)

    return make


@pytest.fixture
def sign_in_outsider(client, make_outsider):
    """Sign `client` in as make_outsider's official, with two factors when the role needs them."""

    def sign_in(kind, home, **official):
        outsider = make_outsider(kind, home, **official)
        if outsider.requires_two_factor:
            sign_in_verified(client, outsider)
        else:
            client.force_login(outsider)
        return outsider

    return sign_in


def _neighbour(home) -> District:
    district, _ = District.objects.get_or_create(
        lgd_code=90000 + home.district.lgd_code,
        defaults={"name_en": f"Neighbour of {home.district.name_en}", "state": home.state},
    )
    return district


def _far_state(home) -> State:
    far_code = 32 if home.state.lgd_code != 32 else 33  # Kerala, or Tamil Nadu for Kerala
    state, _ = State.objects.get_or_create(
        lgd_code=far_code, defaults={"name_en": f"Far from {home.state.name_en}", "kind": "S"}
    )
    return state


__all__ = ["OUTSIDER_KINDS", "STRONG_PASSWORD", "Role", "current_token", "sign_in_verified"]
