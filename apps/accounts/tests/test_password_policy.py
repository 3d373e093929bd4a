"""Officials choose strong passwords, when changing one and when resetting a forgotten one."""

import re

import pytest
from django.core import mail

from apps.accounts.models import Role
from conftest import STRONG_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def cwc_member(make_official, make_unit, khordha):
    from apps.directory.models import UnitType

    return make_official(
        "gita",
        Role.CWC_MEMBER,
        unit=make_unit(UnitType.CWC, district=khordha),
        email="gita@example.gov.in",
        first_name="Gita",
    )


@pytest.mark.parametrize(
    ("weak_password", "reason"),
    [
        ("Short-1a", "too short"),
        ("password1234", "too common"),
        ("839201746352", "entirely numeric"),
        ("lowercaseonlyletters", "at least three of"),
    ],
)
def test_weak_new_password_is_refused_and_old_one_still_works(
    client, cwc_member, weak_password, reason
):
    client.force_login(cwc_member)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": STRONG_PASSWORD,
            "new_password1": weak_password,
            "new_password2": weak_password,
        },
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    cwc_member.refresh_from_db()
    assert cwc_member.check_password(STRONG_PASSWORD)


def test_strong_new_password_is_accepted(client, cwc_member):
    client.force_login(cwc_member)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": STRONG_PASSWORD,
            "new_password1": "Monsoon-Ferry-2047",
            "new_password2": "Monsoon-Ferry-2047",
        },
    )
    assert response.status_code == 302
    cwc_member.refresh_from_db()
    assert cwc_member.check_password("Monsoon-Ferry-2047")


def test_forgotten_password_is_reset_through_the_mailed_link(client, cwc_member):
    response = client.post("/accounts/password/reset/", {"email": "gita@example.gov.in"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    form_page = client.get(link.group(1), follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "Monsoon-Ferry-2047", "new_password2": "Monsoon-Ferry-2047"},
    )

    cwc_member.refresh_from_db()
    assert cwc_member.check_password("Monsoon-Ferry-2047")


def test_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, cwc_member):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.gov.in"})
    assert response.status_code == 302
    assert mail.outbox == []
