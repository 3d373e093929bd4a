"""During Operation Smile (Odisha), the children's home in Bhubaneswar admits Munna and tags the
admission with the drive; the form offers only the drives running in Odisha, and a drive of
another State/UT is refused saying why, admitting nobody."""

import pytest
from django.core.exceptions import ValidationError

from apps.care import services
from apps.care.models import ChildInCare
from apps.care.tests.fixtures import admission_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def drives(make_drive, odisha, bihar):
    return {
        "smile": make_drive("Operation Smile", odisha),
        "bihar": make_drive("Operation Bihar", bihar),
        "ended": make_drive("Operation Spring", odisha, days=(-60, -30)),
    }


def test_the_home_admits_a_child_during_its_states_drive(
    client, home_staff, munna_found, khordha_cwc, drives
):
    client.force_login(home_staff)
    url = f"/care/admit/{munna_found.pk}/"

    form = client.get(url).context["form"]
    response = client.post(url, admission_data(khordha_cwc, drive="operation-smile"))

    assert [label for value, label in form.fields["drive"].choices if value] == ["Operation Smile"]
    assert response.status_code == 302
    assert ChildInCare.objects.get().drive == drives["smile"]
    assert "Operation Smile" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("drive", "message"),
    [
        ("operation-bihar", "Operation Bihar is not running in Odisha, where Children's Home"),
        ("operation-spring", "Operation Spring ended on"),
    ],
)
def test_a_drive_not_running_where_the_home_is_is_refused(
    client, home_staff, munna_found, khordha_cwc, drives, drive, message
):
    client.force_login(home_staff)

    response = client.post(
        f"/care/admit/{munna_found.pk}/", admission_data(khordha_cwc, drive=drive)
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["drive"])
    assert not ChildInCare.objects.exists()


def test_the_admission_service_refuses_another_states_drive(
    home_staff, munna_found, khordha_cwc, drives
):
    child = ChildInCare(
        report=munna_found,
        category="cncp",
        route="produced",
        arrived_at=munna_found.event_at,
        deciding_body=khordha_cwc,
        produced_at=munna_found.event_at,
        order_number="CWC/KHD/2026/311",
        drive=drives["bihar"],
    )

    with pytest.raises(ValidationError) as refused:
        services.admit_child(child=child, admitted_by=home_staff)

    assert "Operation Bihar is not running in Odisha" in refused.value.message_dict["drive"][0]
    assert not ChildInCare.objects.exists()
