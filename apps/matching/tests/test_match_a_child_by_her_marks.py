"""A girl found in Patna cannot say her name, but the CWC notes a mole on her left cheek and a
burn scar on her right hand: both marks of Priya's report (one typed, one recorded mark by
mark), so Priya's report is proposed, the evidence saying two marks agree; a girl with the mole
alone is not."""

import pytest

from apps.matching.models import CandidateKind, MatchCandidate
from apps.matching.tasks import process_report
from apps.matching.tests.test_propose_matches import found_in_patna

pytestmark = pytest.mark.django_db

# She says nothing of her name, parents or home; she speaks Odia and is about as tall as Priya.
SAYS_NOTHING = {
    "full_name": "",
    "told_parent_names": "",
    "told_home_place": "",
    "told_language": "or",
    "height_cm": "136",
}


@pytest.fixture
def nameless_girl(file_found, patna_cwc, bihar, patna):
    def file(marks: str):
        found = found_in_patna(
            file_found, patna_cwc, bihar, patna, **SAYS_NOTHING, identification_marks=marks
        )
        process_report.apply(args=[found.pk])
        return found

    return file


def marks_evidence(missing, found):
    pair = MatchCandidate.objects.filter(
        kind=CandidateKind.MATCH, missing=missing, other=found
    ).first()
    if pair is None:
        return None
    return next(item for item in pair.evidence if item["key"] == "marks")


def test_a_girl_with_both_of_priyas_marks_is_proposed_and_one_mark_is_not_enough(
    priya, nameless_girl
):
    both = nameless_girl("mole on the left cheek, burn scar on the right hand")
    mole_only = nameless_girl("mole on the left cheek")

    evidence = marks_evidence(priya, both)
    assert evidence is not None
    assert evidence["detail"].endswith("2 marks agree")
    assert marks_evidence(priya, mole_only) is None
