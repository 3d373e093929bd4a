"""A parent tracks a report with its reference and mobile number; a script guessing references
meets a CAPTCHA after a few misses and is refused with 429 after the hourly limit."""

import pytest
from django.utils import translation

from apps.citizens import limits
from apps.citizens.tests.conftest import (
    CAPTCHA,
    MOBILE,
    send_and_confirm,
    sighting_data,
)

pytestmark = pytest.mark.django_db

TRACK = "/khoya-paya/track/"


@pytest.fixture
def reference(client, khordha, capital_ps):
    reference = send_and_confirm(client, "sighting", khordha, sighting_data(capital_ps))
    client.session.flush()
    client.cookies.clear()
    return reference


def guess(client, **extra):
    return client.post(TRACK, {"reference": "KP00000000", "mobile": MOBILE, **extra})


def test_parent_with_the_right_details_gets_in_without_a_captcha(client, reference):
    assert 'name="captcha_1"' not in client.get(TRACK).content.decode()

    response = client.post(TRACK, {"reference": reference, "mobile": MOBILE})

    assert response["Location"] == f"/khoya-paya/case/{reference}/"


def test_after_a_few_misses_the_captcha_is_required(client, reference):
    for _miss in range(limits.FAILED_TRACKING_TRIES_BEFORE_CAPTCHA - 1):
        assert 'name="captcha_1"' not in guess(client).content.decode()
    last_miss = guess(client)
    assert 'name="captcha_1"' in last_miss.content.decode()

    without = client.post(TRACK, {"reference": reference, "mobile": MOBILE})
    assert without.status_code == 200
    assert 'name="captcha_1"' in without.content.decode()
    assert "Location" not in without

    solved = client.post(TRACK, {"reference": reference, "mobile": MOBILE, **CAPTCHA})
    assert solved["Location"] == f"/khoya-paya/case/{reference}/"


def test_the_attempt_past_the_hourly_limit_is_refused_with_429_in_the_citizens_language(
    client, reference
):
    for _attempt in range(limits.TRACKING_TRIES_PER_ADDRESS_PER_HOUR):
        assert guess(client, **CAPTCHA).status_code == 200

    refused = client.post(
        TRACK,
        {"reference": reference, "mobile": MOBILE, **CAPTCHA},
        HTTP_ACCEPT_LANGUAGE="hi",
    )

    assert refused.status_code == 429
    with translation.override("hi"):
        message = str(limits.TOO_MANY_LOOKUPS)
    assert message != "Too many attempts from your connection. Please try again in an hour."
    assert message in refused.content.decode()
    assert "Location" not in refused
