"""An official keeps their own contact details current but cannot change who they are."""

import pytest

from apps.accounts.models import Role
from apps.directory.models import UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def cci_staff(make_official, make_unit, khordha):
    return make_official(
        "lipika", Role.CCI_STAFF, unit=make_unit(UnitType.CHILDRENS_HOME, district=khordha)
    )


PROFILE = {
    "first_name": "Lipika",
    "last_name": "Pattnaik",
    "mobile": "94370 12345",
    "preferred_language": "hi",
    "email": "lipika@example.gov.in",
    "designation": "Superintendent",
    "alert_channels": "sms",
    "loaded_version": 1,  # the page was loaded after the account was made, nothing since
}


def test_official_updates_mobile_language_and_how_alerts_reach_them(client, cci_staff):
    client.force_login(cci_staff)

    response = client.post("/accounts/profile/", PROFILE)

    assert response.status_code == 302
    cci_staff.refresh_from_db()
    assert cci_staff.mobile == "94370 12345"
    assert cci_staff.preferred_language == "hi"
    assert cci_staff.alert_channels == "sms"


@pytest.mark.parametrize(
    ("channels", "blank", "message"),
    [
        ("sms", "mobile", "Give a 10-digit mobile number to receive alerts by SMS."),
        ("both", "email", "Give an e-mail address to receive alerts by e-mail."),
    ],
)
def test_alerts_cannot_go_where_there_is_no_address(client, cci_staff, channels, blank, message):
    client.force_login(cci_staff)

    response = client.post("/accounts/profile/", {**PROFILE, "alert_channels": channels, blank: ""})

    assert response.status_code == 200
    assert message in response.context["form"].errors[blank]
    cci_staff.refresh_from_db()
    assert cci_staff.alert_channels == "none"


def test_a_landline_is_not_taken_for_a_mobile_for_sms_alerts(client, cci_staff):
    client.force_login(cci_staff)

    response = client.post("/accounts/profile/", {**PROFILE, "mobile": "0674-2390505"})

    assert "mobile" in response.context["form"].errors


def test_official_cannot_raise_own_role_or_move_unit(client, cci_staff, make_unit, patna):
    other_unit = make_unit(UnitType.DCPU, district=patna)
    client.force_login(cci_staff)

    client.post(
        "/accounts/profile/",
        {
            "first_name": "Lipika",
            "mobile": "9437012345",
            "roles": [Role.NATIONAL_ADMIN],
            "unit": other_unit.pk,
            "is_staff": "on",
            "is_superuser": "on",
            "loaded_version": 1,
        },
    )

    cci_staff.refresh_from_db()
    assert cci_staff.roles == [Role.CCI_STAFF]
    assert cci_staff.unit != other_unit
    assert not cci_staff.is_staff
    assert not cci_staff.is_superuser


def test_bad_mobile_number_is_refused_with_a_message_and_nothing_changes(client, cci_staff):
    client.force_login(cci_staff)

    response = client.post("/accounts/profile/", {"first_name": "Changed", "mobile": "call me"})

    assert response.status_code == 200
    assert "Enter a phone number" in response.content.decode()
    cci_staff.refresh_from_db()
    assert cci_staff.first_name == ""
