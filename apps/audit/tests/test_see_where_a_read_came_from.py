"""Behind the reverse proxy every request reaches gunicorn from the proxy's address; the access
log (and the sign-in lockouts) take the official's own address from X-Forwarded-For, but only
through the number of proxies the operator declared trusted (AXES_PROXY_COUNT): a header sent by
the client itself is never believed."""

import pytest
from axes.models import AccessAttempt

from apps.audit.models import AccessLog

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"
OFFICIAL = "203.0.113.9"


@pytest.fixture
def priya(officer, file_missing):
    return file_missing(officer)


def open_priya(client, officer, priya, forwarded: str | None) -> str:
    client.force_login(officer)
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    response = client.get(f"/reports/{priya.pk}/", REMOTE_ADDR=PROXY, headers=headers)
    assert response.status_code == 200
    return AccessLog.objects.get().ip_address


def test_behind_one_trusted_proxy_the_officials_address_is_logged(client, settings, officer, priya):
    settings.TRUSTED_PROXY_COUNT = 1

    assert open_priya(client, officer, priya, OFFICIAL) == OFFICIAL


def test_an_address_the_client_put_in_front_is_not_believed(client, settings, officer, priya):
    settings.TRUSTED_PROXY_COUNT = 1

    assert open_priya(client, officer, priya, f"10.0.0.1, {OFFICIAL}") == OFFICIAL


def test_without_a_trusted_proxy_a_spoofed_header_is_ignored(client, settings, officer, priya):
    settings.TRUSTED_PROXY_COUNT = 0

    assert open_priya(client, officer, priya, "10.0.0.1") == PROXY


@pytest.mark.parametrize("forwarded", ["", "not-an-address", OFFICIAL])
def test_a_header_that_did_not_pass_every_trusted_proxy_gives_the_direct_address(
    client, settings, officer, priya, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 2 if forwarded == OFFICIAL else 1

    assert open_priya(client, officer, priya, forwarded) == PROXY


def test_a_failed_sign_in_behind_the_proxy_is_counted_against_the_officials_address(
    client, settings, officer
):
    settings.TRUSTED_PROXY_COUNT = 1

    client.post(
        "/accounts/login/",
        {"username": officer.username, "password": "wrong"},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": OFFICIAL},
    )

    assert AccessAttempt.objects.get().ip_address == OFFICIAL
