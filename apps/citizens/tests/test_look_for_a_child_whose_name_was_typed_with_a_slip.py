"""Kamala types her son's name as "Prahbat" on her phone; the police of Patna, in another
State/UT, found him and wrote "Prabhat". The names share no key, but each is one slip from the
other (apps.names.keys.keys_one_slip_away): her inquiry finds him when she sends it, and a boy
found after it, who names no parent, looks her inquiry up by the keys one slip away too and
brings her one SMS. A name two slips away does neither."""

import pytest

from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import (
    inquiry_data,
    kamalas_inquiry,
    send_and_confirm,
    texts_to_kamala,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("found_as", "possible"), [("Prabhat", True), ("Prakash", False)])
def test_her_inquiry_finds_the_boy_whose_name_she_typed_with_a_slip(
    client, khordha, kotwali_officer, found_in_patna, found_as, possible
):
    boy = found_in_patna(kotwali_officer, full_name=found_as)

    reference = send_and_confirm(client, "inquiry", khordha, inquiry_data(child_name="Prahbat"))

    inquiry = CitizenReport.objects.get(reference=reference)
    assert inquiry.possible_matches == ([boy.pk] if possible else [])


@pytest.mark.parametrize(("found_as", "texted"), [("Prabhat", True), ("Prakash", False)])
def test_a_boy_found_later_brings_her_one_sms_though_she_typed_his_name_with_a_slip(
    client, khordha, kotwali_officer, found_in_patna, found_as, texted
):
    inquiry = kamalas_inquiry(client, khordha, days_ago=10, child_name="Prahbat", father_name="")

    boy = found_in_patna(kotwali_officer, full_name=found_as, told_parent_names="")

    inquiry.refresh_from_db()
    assert inquiry.possible_matches == ([boy.pk] if texted else [])
    assert len(texts_to_kamala()) == (1 if texted else 0)
