"""When the engine proposes a strong match, the units owning both reports hear of it at once,
wherever they are; weaker pairs wait in the review queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.alerts import services
from apps.alerts.tests.conftest import sms_to
from apps.matching.models import CandidateKind, MatchCandidate
from apps.matching.thresholds import STRONG_MATCH_SCORE
from apps.messaging.models import Message
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db

CAPITAL_HEAD, PATNA_CWC_HEAD = "9437400001", "9470400001"


@pytest.fixture
def priya_missing(officer, file_missing):
    officer.unit.head_mobile = CAPITAL_HEAD
    officer.unit.save()
    return file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))


@pytest.fixture
def patna_cwc(make_official, make_headed_unit, patna):
    cwc = make_headed_unit("cwc", patna, "CWC Patna", PATNA_CWC_HEAD, language="hi")
    return make_official("cwc_patna", "cwc_member", unit=cwc)


def test_both_owning_units_hear_of_a_strong_match(
    priya_missing, file_found, patna_cwc, bihar, patna, sent, sms_outbox
):
    with sent():
        found = file_found(
            patna_cwc,
            full_name="Priya Sahu",
            told_parent_names="Ramesh Sahu",
            sex="F",
            age_min="11",
            age_max="12",
            event_state=bihar.pk,
            event_district=patna.pk,
            identification_marks="Mole on left cheek",
            placement="not_placed",
            placed_at="",
        )

    pair = MatchCandidate.objects.get(missing=priya_missing, other=found)
    assert pair.score >= STRONG_MATCH_SCORE
    (capital_sms,) = sms_to(sms_outbox, CAPITAL_HEAD)
    assert capital_sms.text == (
        f"TrackChild: missing child {priya_missing.case_number} may be {found.case_number} "
        f"(score {pair.score:.0f}). Please compare the two reports on the portal and decide."
    )
    (patna_message,) = Message.objects.filter(recipient=PATNA_CWC_HEAD)
    assert patna_message.language == "hi"
    assert patna_message.template == "strong_match"


def test_a_weaker_pair_waits_in_the_queue_without_alerts(priya_missing, file_found, patna_cwc):
    found = file_found(patna_cwc, full_name="Someone Else", placement="not_placed", placed_at="")
    weak = MatchCandidate.objects.create(
        kind=CandidateKind.MATCH,
        missing=priya_missing,
        other=found,
        score=STRONG_MATCH_SCORE - 1,
        fingerprint="weak",
    )

    assert not services.queue_strong_match_alerts(candidate_id=weak.pk)
    assert not Message.objects.filter(template="strong_match").exists()
