"""A police officer in Patna files a girl found at the junction who answers only to "Guddi", a
pet name her family never reported, and says her father is Ramesh. No name key and no district
joins her to Priya's report from Bhubaneswar; her description does, and the pair is proposed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching.models import CandidateKind, MatchCandidate
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db


def test_the_missing_report_is_proposed_for_a_girl_known_only_by_a_pet_name(
    officer,
    patna_officer,
    file_missing,
    file_found,
    bihar,
    patna,
    django_capture_on_commit_callbacks,
):
    priya = file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))

    with django_capture_on_commit_callbacks(execute=True):
        guddi = file_found(
            patna_officer,
            full_name="Guddi",
            told_parent_names="Papa: Ramesh",
            told_language="or",
            sex="F",
            age_min="11",
            age_max="12",
            height_cm="136",
            identification_marks="mole on the left cheek",
            event_state=bihar.pk,
            event_district=patna.pk,
            event_locality="Patna Junction",
            placement="not_placed",
            placed_at="",
        )

    pair = MatchCandidate.objects.get(kind=CandidateKind.MATCH)
    assert (pair.missing, pair.other) == (priya, guddi)
    evidence = {item["key"]: item for item in pair.evidence}
    assert evidence["place"]["contribution"] < 0  # another state
    assert evidence["parents"]["contribution"] > 0
    assert evidence["marks"]["contribution"] > 0
