"""A girl found in Bhubaneswar says only "Pinki". Ten missing girls of the district have Pinki
in their reports; hers lists no pet name but gives the burn scar the CWC saw. The reports that
list Pinki outscore hers, yet the portal proposes hers among the ten: the last places of a
shortlist of a child without a usable name go to the best without the name
(apps.matching.engine.scoring.shortlist), as in match_eval."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching import services
from apps.matching.models import MatchCandidate
from apps.matching.thresholds import TOP_CANDIDATES
from apps.reports.tests.fixtures import local_input

pytestmark = pytest.mark.django_db

OTHER_GIRLS = (
    "Anita Behera",
    "Sunita Das",
    "Rekha Nayak",
    "Mamata Swain",
    "Jyoti Mohanty",
    "Lipsa Rout",
    "Rashmi Pradhan",
    "Sasmita Jena",
    "Puja Mallick",
    "Smita Barik",
)


def test_her_report_is_proposed_though_ten_reports_listing_pinki_score_higher(
    officer, file_missing, file_found, cwc_member
):
    since = local_input(timezone.now() - timedelta(days=3))
    others = [
        file_missing(
            officer,
            full_name=name,
            other_names="Pinki",
            name_local="",
            identification_marks="",
            father_name=f"Father of {name}",
            mother_name="",
            fir_number=f"{200 + number}/2026",
            event_at=since,
            marks=(),
        )
        for number, name in enumerate(OTHER_GIRLS)
    ]
    priya = file_missing(officer, other_names="", event_at=since)
    found = file_found(
        cwc_member,
        full_name="Pinki",
        sex="F",
        age_min="11",
        age_max="12",
        told_parent_names="",
        told_language="or",
        identification_marks="burn scar on right hand",
    )

    services.match_report(found.pk)

    proposed = {pair.missing_id: pair.score for pair in MatchCandidate.objects.all()}
    assert len(proposed) == TOP_CANDIDATES
    assert priya.pk in proposed
    assert all(proposed[other.pk] > proposed[priya.pk] for other in others if other.pk in proposed)
