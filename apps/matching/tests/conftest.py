"""Priya, missing from Bhubaneswar (Capital PS, Khordha), and a girl the CWC of Patna found: the
pair the engine proposes for review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.matching import services
from apps.matching.models import MatchCandidate
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input


@pytest.fixture
def pair(officer, file_missing, file_found, make_official, make_unit, bihar, patna):
    file_missing(officer, event_at=local_input(timezone.now() - timedelta(days=7)))
    cwc = make_official("cwc_patna", "cwc_member", unit=make_unit("cwc", district=patna))
    found = found_in_patna(file_found, cwc, bihar, patna)
    services.match_report(found.pk)
    return MatchCandidate.objects.get()


def pair_state(pair) -> tuple:
    """What deciding on a pair changes: the pair and both reports."""
    pair.refresh_from_db()
    statuses = [
        report.status for report in Report.objects.filter(pk__in=[pair.missing_id, pair.other_id])
    ]
    return (pair.status, pair.decided_by_id, pair.agreed_by_id, statuses)
