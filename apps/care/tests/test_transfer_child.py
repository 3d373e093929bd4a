"""Munna's family is traced to Bihar: the CWC orders a transfer to a home in Patna, which accepts
him; his record moves with him and the Khordha home keeps reading only what it wrote."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.care import services
from apps.care.models import CareOrder, ChildInCare, ProgressReport, Transfer
from apps.care.tests.fixtures import care_plan_data, care_records, refused_everything

pytestmark = pytest.mark.django_db


def transfer_data(to, **overrides) -> dict:
    data = {
        "to_institution": to.pk,
        "order_number": "CWC/KHD/2026/377",
        "order_date": timezone.localdate().isoformat(),
        "reason": "Family traced in Patna; nearer home for restoration",
    }
    return data | overrides


@pytest.fixture
def transfer_requested(client, home_staff, munna_in_care, patna_home_staff, bihar):
    client.force_login(home_staff)
    client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())
    page = client.get(f"/care/{munna_in_care.pk}/transfer/", {"state": bihar.lgd_code})
    assert patna_home_staff.unit.name in page.content.decode()
    response = client.post(
        f"/care/{munna_in_care.pk}/transfer/?state={bihar.lgd_code}",
        transfer_data(patna_home_staff.unit),
    )
    assert response.status_code == 302
    return Transfer.objects.get()


def test_the_receiving_home_accepts_and_continues_the_record(
    client, transfer_requested, munna_in_care, patna_home_staff, home_staff
):
    client.force_login(patna_home_staff)
    assert munna_in_care.case_number in client.get("/care/").content.decode()

    response = client.post(
        f"/care/transfers/{transfer_requested.pk}/", {"decision": "accept", "note": ""}
    )

    assert response["Location"] == f"/care/{munna_in_care.pk}/"
    munna_in_care.refresh_from_db()
    assert munna_in_care.institution == patna_home_staff.unit
    assert munna_in_care.report.placed_at == patna_home_staff.unit
    assert CareOrder.objects.get().kind == "transfer"
    page = client.get(f"/care/{munna_in_care.pk}/").content.decode()
    assert "Find the family within 3 months" in page  # the Khordha care plan came along
    client.post(
        f"/care/{munna_in_care.pk}/add/progress/",
        {
            "period_start": timezone.localdate().isoformat(),
            "period_end": timezone.localdate().isoformat(),
            "health": "Well",
            "education": "Joined school in Patna",
            "behaviour": "Calm",
        },
    )
    assert ProgressReport.objects.get().institution == patna_home_staff.unit


def test_the_sending_home_reads_its_own_entries_only_and_writes_no_more(
    client, transfer_requested, munna_in_care, patna_home_staff, home_staff
):
    client.force_login(patna_home_staff)
    client.post(f"/care/transfers/{transfer_requested.pk}/", {"decision": "accept"})
    client.post(
        f"/care/{munna_in_care.pk}/add/plan/",
        care_plan_data(goals="Restore in Patna by March", loaded_version=1),
    )
    client.force_login(home_staff)

    page = client.get(f"/care/{munna_in_care.pk}/").content.decode()

    assert "Find the family within 3 months" in page
    assert "Restore in Patna by March" not in page
    assert munna_in_care.case_number in client.get("/care/").content.decode()
    assert client.get(f"/care/{munna_in_care.pk}/plans/2/").status_code == 404
    assert client.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data()).status_code == 403


def test_the_receiving_home_may_decline_with_a_reason(
    client, transfer_requested, munna_in_care, patna_home_staff, home_staff
):
    client.force_login(patna_home_staff)

    silent = client.post(f"/care/transfers/{transfer_requested.pk}/", {"decision": "decline"})
    assert "Say why the transfer is declined." in silent.content.decode()
    client.post(
        f"/care/transfers/{transfer_requested.pk}/", {"decision": "decline", "note": "No place"}
    )

    transfer_requested.refresh_from_db()
    assert (transfer_requested.status, transfer_requested.decision_note) == ("declined", "No place")
    assert ChildInCare.objects.get().institution == home_staff.unit


def test_no_one_else_can_accept_and_a_second_request_waits_for_the_first(
    client, transfer_requested, munna_in_care, other_home_staff, home_staff, patna_home_staff
):
    client.force_login(other_home_staff)
    assert (
        client.post(f"/care/transfers/{transfer_requested.pk}/", {"decision": "accept"}).status_code
        == 404
    )

    client.force_login(home_staff)
    again = client.post(
        f"/care/{munna_in_care.pk}/transfer/?state={patna_home_staff.unit.state.lgd_code}",
        transfer_data(patna_home_staff.unit),
    )
    assert "A transfer of this child is already waiting." in again.content.decode()
    assert Transfer.objects.count() == 1
    assert ChildInCare.objects.get().institution == home_staff.unit


def test_police_cannot_transfer_a_child(client, officer, munna_in_care, patna_home_staff):
    client.force_login(officer)

    response = client.post(
        f"/care/{munna_in_care.pk}/transfer/", transfer_data(patna_home_staff.unit)
    )

    assert response.status_code == 403


@pytest.mark.refused_side("care:transfer", "another_unit", "another_district", "another_state")
def test_other_institutions_cannot_transfer_the_child_to_themselves(
    client, outsiders, munna_in_care
):
    before = care_records()
    for outsider in outsiders.values():
        client.force_login(outsider)
        url = f"/care/{munna_in_care.pk}/transfer/?state={outsider.unit.state.lgd_code}"

        assert refused_everything(client, url, transfer_data(outsider.unit)), outsider
    assert care_records() == before


@pytest.mark.refused_side(
    "care:incoming_transfer", "another_unit", "another_district", "another_state"
)
def test_only_the_receiving_institution_decides_on_a_transfer(
    client, home_staff, other_home_staff, cuttack_home_staff, patna_home_staff, munna_in_care
):
    """Munna is to move to the open shelter in Khordha: his own home, a home in Cuttack and one
    in Patna cannot accept or decline for the shelter."""
    transfer = _transfer_to(other_home_staff.unit, munna_in_care, home_staff)
    before = care_records()
    for outsider in (home_staff, cuttack_home_staff, patna_home_staff):
        client.force_login(outsider)

        for decision in ({"decision": "accept"}, {"decision": "decline", "note": "No"}):
            url = f"/care/transfers/{transfer.pk}/"
            assert refused_everything(client, url, decision), outsider
    assert care_records() == before


def test_the_service_itself_refuses_an_acceptance_by_another_institution(
    home_staff, other_home_staff, patna_home_staff, munna_in_care
):
    transfer = _transfer_to(other_home_staff.unit, munna_in_care, home_staff)

    with pytest.raises(PermissionDenied):
        services.accept_transfer(transfer=transfer, accepted_by=patna_home_staff)
    assert ChildInCare.objects.get().institution == home_staff.unit


def _transfer_to(unit, child, requested_by) -> Transfer:
    transfer = Transfer(
        to_institution=unit,
        order_number="CWC/KHD/2026/377",
        order_date=timezone.localdate(),
        reason="Nearer the school he attends",
    )
    return services.request_transfer(transfer=transfer, child=child, requested_by=requested_by)
