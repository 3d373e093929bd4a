"""The district's CWC records its orders on Munna's record."""

import pytest
from django.utils import timezone

from apps.care.models import CareOrder
from apps.care.tests.fixtures import care_records, refused_everything
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def order_data(**overrides) -> dict:
    data = {
        "kind": "interim",
        "number": "CWC/KHD/2026/340",
        "order_date": timezone.localdate().isoformat(),
        "details": "Continue in the children's home pending home investigation",
    }
    return data | overrides


def test_a_cwc_member_records_an_order_as_the_committee(client, cwc_member, munna_in_care):
    client.force_login(cwc_member)

    response = client.post(f"/care/{munna_in_care.pk}/add/order/", order_data())

    assert response.status_code == 302
    order = CareOrder.objects.get()
    assert (order.kind, order.deciding_body, order.written_by) == (
        "interim",
        cwc_member.unit,
        cwc_member,
    )
    assert "CWC/KHD/2026/340" in client.get(f"/care/{munna_in_care.pk}/").content.decode()


def test_a_child_admitted_without_production_gets_the_deciding_committee_from_its_first_order(
    client, cwc_member, munna_in_care
):
    munna_in_care.deciding_body = None
    munna_in_care.save()
    client.force_login(cwc_member)

    client.post(f"/care/{munna_in_care.pk}/add/order/", order_data())

    munna_in_care.refresh_from_db()
    assert munna_in_care.deciding_body == cwc_member.unit


def test_an_order_needs_a_number_and_a_date_not_in_the_future(client, cwc_member, munna_in_care):
    client.force_login(cwc_member)

    response = client.post(
        f"/care/{munna_in_care.pk}/add/order/", order_data(number="", order_date="2999-01-01")
    )

    errors = response.context["form"].errors
    assert "number" in errors
    assert errors["order_date"] == ["This date is in the future."]
    assert not CareOrder.objects.exists()


def test_the_home_and_a_cwc_elsewhere_cannot_record_orders(
    client, home_staff, make_official, make_unit, patna, munna_in_care
):
    client.force_login(home_staff)
    assert client.post(f"/care/{munna_in_care.pk}/add/order/", order_data()).status_code == 403

    patna_cwc = make_unit("cwc", district=patna, name="CWC Patna")
    client.force_login(make_official("cwc_patna", "cwc_member", unit=patna_cwc))
    assert client.post(f"/care/{munna_in_care.pk}/add/order/", order_data()).status_code == 403
    assert not CareOrder.objects.exists()


def test_the_jjb_decides_for_children_in_conflict_with_law_and_the_cwc_does_not(
    client, cwc_member, make_official, make_unit, khordha, munna_in_care
):
    munna_in_care.category = "ccl"
    munna_in_care.save()
    jjb = make_unit("jjb", district=khordha, name="JJB Khordha")
    client.force_login(cwc_member)
    assert client.post(f"/care/{munna_in_care.pk}/add/order/", order_data()).status_code == 403

    client.force_login(make_official("jjb_khordha", "jjb_member", unit=jjb))
    response = client.post(f"/care/{munna_in_care.pk}/add/order/", order_data(kind="release"))

    assert response.status_code == 302
    assert CareOrder.objects.get().deciding_body == jjb


@pytest.mark.refused_side("care:add_entry", "another_unit", "another_district", "another_state")
def test_only_the_childs_deciding_committee_records_orders(
    client, make_official, make_unit, dcpu_officer, cuttack, patna, munna_in_care
):
    """The district's DCPU (another unit), and the CWCs of Cuttack and Patna, are refused."""
    cuttack_cwc = make_official(
        "cwc_cuttack", "cwc_member", unit=make_unit("cwc", district=cuttack)
    )
    patna_cwc = make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))
    before = care_records()
    sign_in_verified(client, dcpu_officer)
    assert refused_everything(client, f"/care/{munna_in_care.pk}/add/order/", order_data())
    for outsider in (cuttack_cwc, patna_cwc):
        client.force_login(outsider)

        url = f"/care/{munna_in_care.pk}/add/order/"
        assert refused_everything(client, url, order_data()), outsider
    assert care_records() == before
