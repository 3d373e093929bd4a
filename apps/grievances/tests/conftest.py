"""A citizen's phone lodging grievances, the units that answer them and the case they are about."""

import pytest
from django.test import Client, TestCase

from apps.accounts.models import Role
from apps.citizens.tests.conftest import (  # noqa: F401 - the autouse fixture applies here too
    CAPTCHA,
    MOBILE,
    fresh_phone_and_counters,
    last_code,
)
from apps.directory.models import UnitType
from apps.grievances.models import Grievance


@pytest.fixture
def scps_odisha(make_unit, odisha):
    return make_unit(UnitType.SCPS, state=odisha, name="SCPS Odisha")


@pytest.fixture
def scps_official(make_official, scps_odisha):
    return make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps_odisha)


@pytest.fixture
def munnas_case(file_missing, officer):
    """Munna's missing report, owned by Capital PS (Khordha, Odisha)."""
    return file_missing(officer)


def post(client, url, data, follow=False):
    """A request whose after-commit work (the SMS) runs, as outside a test."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, follow=follow)


def grievance_data(**overrides) -> dict:
    data = {
        "subject": "case",
        "case": "",
        "state": "",
        "unit_name": "",
        "text": "Nobody at the station has called me back in two weeks.",
        "name": "Kamala Sethi",
        "mobile": "+91 94370 12345",
        **CAPTCHA,
    }
    data.update(overrides)
    return data


def lodge(client, **overrides):
    return post(client, "/khoya-paya/grievance/", grievance_data(**overrides))


def lodge_and_confirm(**overrides) -> Grievance:
    """A citizen lodges a grievance from their own phone and types the code it was sent."""
    client = Client()
    response = lodge(client, **overrides)
    assert response.status_code == 302, response.content
    confirmed = post(client, response["Location"], {"code": last_code()})
    assert "Your grievance is lodged" in confirmed.text
    return Grievance.objects.get(reference=response["Location"].split("/")[-3])


__all__ = ["MOBILE", "grievance_data", "lodge", "lodge_and_confirm", "post"]
