"""Khordha and its neighbour Cuttack, Patna farther off, and the heads who receive alerts."""

import pytest
from django.core import mail

from apps.directory.models import UnitType


@pytest.fixture
def sent(sms_outbox, django_capture_on_commit_callbacks):
    """`with sent():` runs what the block commits (alerts and their sending), as a worker would."""
    mail.outbox.clear()
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def neighbours(khordha, cuttack):
    khordha.neighbours.add(cuttack)


@pytest.fixture
def make_headed_unit(make_unit):
    def make(unit_type, district, name, mobile, *, language="en", channels="both", **extra):
        return make_unit(
            unit_type,
            district=district,
            name=name,
            head_mobile=mobile,
            head_email=f"{mobile}@example.gov.in",
            head_language=language,
            head_alert_channels=channels,
            **extra,
        )

    return make


@pytest.fixture
def khordha_dcpu(make_headed_unit, khordha):
    return make_headed_unit(UnitType.DCPU, khordha, "DCPU Khordha", "9437000003")


def sms_to(outbox, number):
    return [sms for sms in outbox if sms.to == number]
