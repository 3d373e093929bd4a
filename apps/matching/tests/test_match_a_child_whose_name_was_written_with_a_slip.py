"""Jharana Behera is missing from Bhubaneswar. The CWC of Patna, in another State/UT, writes down
the girl it found as "Jharama", whose father is Ramesh, she says: one letter put for another, so
her name shares no key with Jharana's report, and no district either. The portal still proposes
Jharana's report, since its key is one slip away (apps.names.keys.keys_one_slip_away); a name
two letters off is not brought in that way."""

import pytest

from apps.matching import services
from apps.matching.engine import blocking_keys
from apps.matching.models import MatchCandidate
from apps.matching.records import child_record
from apps.matching.tests.test_propose_matches import found_in_patna

pytestmark = pytest.mark.django_db


def test_her_report_is_proposed_though_her_name_was_written_with_a_slip(
    jharana, file_found, patna_cwc, bihar, patna
):
    found = found_in_patna(
        file_found, patna_cwc, bihar, patna, full_name="Jharama", told_parent_names="Papa: Ramesh"
    )
    assert not set(blocking_keys(child_record(found))) & set(blocking_keys(child_record(jharana)))

    services.match_report(found.pk)

    assert MatchCandidate.objects.filter(missing=jharana, other=found).exists()


def test_a_name_two_slips_away_is_not_brought_in_by_its_name(
    jharana, file_found, patna_cwc, bihar, patna
):
    found = found_in_patna(
        file_found, patna_cwc, bihar, patna, full_name="Jhakama", told_parent_names=""
    )

    services.match_report(found.pk)

    assert not MatchCandidate.objects.filter(missing=jharana, other=found).exists()
