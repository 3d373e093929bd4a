"""The CWC in Patna that found the girl sees the pair proposed with Priya, missing from
Bhubaneswar. Only Priya's police station, which speaks to her family, confirms or rejects: the
CWC records that it agrees, and sees the evidence without the parents' names it may not read."""

import pytest

from apps.matching.models import CandidateStatus
from apps.matching.templatetags.matching import NAMES_WITHHELD
from apps.matching.tests.conftest import pair_state
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

FATHER = "Ramesh Sahu"  # on Priya's missing report only, which the Patna CWC may not read


def test_the_found_side_may_agree_but_not_decide(client, pair):
    patna_cwc = pair.other.owning_unit.officials.get()
    client.force_login(patna_cwc)
    before = pair_state(pair)

    page = client.get(f"/matches/{pair.pk}/").text
    assert "Agree: same child" in page
    assert "Confirm: same child" not in page
    assert "Reject: not the same child" not in page
    assert client.post(f"/matches/{pair.pk}/confirm/").status_code == 403
    assert client.post(f"/matches/{pair.pk}/reject/", {"reason": "No"}).status_code == 403
    assert pair_state(pair) == before

    client.post(f"/matches/{pair.pk}/agree/", {"agree": "agree"})

    pair.refresh_from_db()
    assert (pair.status, pair.agreed_by) == (CandidateStatus.PROPOSED, patna_cwc)
    assert [report.status for report in (pair.missing, pair.other)] == ["open", "open"]
    assert "Withdraw our agreement" in client.get(f"/matches/{pair.pk}/").text


def test_the_missing_side_sees_the_agreement_and_confirms(client, officer, pair):
    patna_cwc = pair.other.owning_unit.officials.get()
    client.force_login(patna_cwc)
    client.post(f"/matches/{pair.pk}/agree/", {"agree": "agree"})
    client.force_login(officer)

    page = client.get(f"/matches/{pair.pk}/").text
    assert "agrees it is the same child" in page
    assert "Agree: same child" not in page
    assert client.post(f"/matches/{pair.pk}/agree/").status_code == 403
    client.post(f"/matches/{pair.pk}/confirm/")

    pair.refresh_from_db()
    assert (pair.status, pair.decided_by, pair.agreed_by) == ("confirmed", officer, patna_cwc)


def test_the_found_side_may_withdraw_its_agreement(client, pair):
    client.force_login(pair.other.owning_unit.officials.get())
    client.post(f"/matches/{pair.pk}/agree/", {"agree": "agree"})

    client.post(f"/matches/{pair.pk}/agree/", {"agree": "withdraw"})

    pair.refresh_from_db()
    assert (pair.agreed_by, pair.agreed_at) == (None, None)


def test_parents_names_are_shown_only_to_those_who_read_both_records(
    client, officer, national_admin, pair
):
    parents = next(item for item in pair.evidence if item["key"] == "parents")
    assert FATHER in str(parents)
    for one_side in (officer, pair.other.owning_unit.officials.get()):
        client.force_login(one_side)
        page = client.get(f"/matches/{pair.pk}/").text

        assert FATHER not in page
        assert str(NAMES_WITHHELD) in page
    sign_in_verified(client, national_admin)

    assert FATHER in client.get(f"/matches/{pair.pk}/").text
