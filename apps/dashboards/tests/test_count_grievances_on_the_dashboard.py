"""The dashboards count grievances: received, answered in time or late, overdue now and waiting,
by State/UT, district and unit responsible."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.dashboards.tests.conftest import figures, headline
from apps.grievances.models import Grievance
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def lodged(unit, *, days_ago, answered_after=None, state=None, district=None, lodged=True):
    """A grievance routed to `unit`, lodged `days_ago` days ago with 30 days to answer it."""
    lodged_at = NOW - timedelta(days=days_ago)
    return Grievance.objects.create(
        subject="case" if unit.district_id else "portal",
        text="No call back",
        mobile="9437012345",
        unit=unit,
        answering_unit=unit,
        state=state or unit.state,
        district=district or unit.district,
        lodged_at=lodged_at if lodged else None,
        answer_due_at=lodged_at + timedelta(days=30),
        due_at=lodged_at + timedelta(days=30),
        answered_at=lodged_at + timedelta(days=answered_after) if answered_after else None,
    )


@pytest.fixture
def grievances(capital_ps, kotwali_ps, make_unit, cuttack, odisha, ministry):
    cuttack_ps = make_unit(district=cuttack, name="Cuttack Town PS")
    scps = make_unit("scps", state=odisha, name="SCPS Odisha (grievances)")
    lodged(capital_ps, days_ago=40, answered_after=10)  # answered in time
    lodged(capital_ps, days_ago=50, answered_after=35)  # answered late
    lodged(capital_ps, days_ago=45)  # overdue now
    lodged(capital_ps, days_ago=5)  # waiting, not due yet
    lodged(capital_ps, days_ago=1, lodged=False)  # the code never typed: not received
    lodged(cuttack_ps, days_ago=3)
    lodged(scps, days_ago=2)  # about a unit of Odisha: at the State/UT's level
    lodged(kotwali_ps, days_ago=60)  # Bihar, overdue
    lodged(ministry, days_ago=31)  # about the portal, overdue


def test_the_national_admin_sees_grievances_by_state_and_the_portals(
    client, national_admin, grievances
):
    sign_in_verified(client, national_admin)

    response = client.get("/dashboards/india/")

    shown = headline(response)
    assert shown["Grievances received"] == 8
    assert shown["Grievances answered in time"] == 1
    assert shown["Grievances overdue now"] == 3
    # received, answered in time, answered late, overdue now, waiting
    assert figures(response, "grievances") == {
        "Odisha": (6, 1, 1, 1, 4),
        "Bihar": (1, 0, 0, 1, 1),
        "The portal and national units": (1, 0, 0, 1, 1),
    }


def test_the_state_official_sees_odishas_by_district_and_the_dcpu_by_unit(
    client, state_official, dcpu_official, grievances
):
    sign_in_verified(client, state_official)
    state = client.get("/dashboards/states/21/")
    sign_in_verified(client, dcpu_official)
    district = client.get("/dashboards/districts/362/")
    download = client.get("/dashboards/districts/362/?download=grievances&as=csv")

    assert headline(state)["Grievances received"] == 6
    assert figures(state, "grievances") == {
        "Khordha": (4, 1, 1, 1, 2),
        "Cuttack": (1, 0, 0, 0, 1),
        "State/UT level": (1, 0, 0, 0, 1),
    }
    assert figures(district, "grievances") == {"Capital PS": (4, 1, 1, 1, 2)}
    assert "Capital PS,4,1,1,1,2" in download.content.decode("utf-8-sig")
