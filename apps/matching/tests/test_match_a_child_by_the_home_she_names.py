"""A girl found in Patna cannot say her name, but says home is Khordha: the missing reports of
Khordha are compared with her and the likeliest proposed to the Patna CWC, and a report the
police in Khordha file later finds her at once. Her home written in Urdu, without its short
vowels (گیا for Gaya), is read too."""

import pytest
from django.utils import translation

from apps.directory.models import District
from apps.matching import selectors
from apps.matching.engine.evidence import HOME_WEIGHT
from apps.matching.evidence_text import evidence_detail
from apps.matching.models import CandidateKey, CandidateKind, CandidateStatus, MatchCandidate
from apps.matching.tasks import process_report
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports import services as report_services
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

# She gives neither her name nor her parents'; she speaks Odia and has a mole on the cheek.
SAYS_NOTHING_ELSE = {"full_name": "", "told_parent_names": "", "told_language": "or"}


@pytest.fixture
def girl_in_patna(file_found, patna_cwc, bihar, patna):
    """`girl_in_patna(told)`: the nameless girl the Patna CWC found, saying `told` of home."""

    def file(told: str) -> Report:
        found = found_in_patna(
            file_found, patna_cwc, bihar, patna, **SAYS_NOTHING_ELSE, told_home_place=told
        )
        process_report.apply(args=[found.pk])
        return found

    return file


def missing_from(file_missing, official, state, district, *, fir_number, pin_code) -> Report:
    """A missing report of a child who went missing from home in `district`."""
    return file_missing(
        official,
        fir_number=fir_number,
        event_state=state.pk,
        event_district=district.pk,
        permanent_state=state.pk,
        permanent_district=district.pk,
        permanent_pin_code=pin_code,
    )


def proposal(missing, found) -> MatchCandidate | None:
    return MatchCandidate.objects.filter(
        kind=CandidateKind.MATCH, missing=missing, other=found, status=CandidateStatus.PROPOSED
    ).first()


def test_a_girl_who_names_her_home_district_is_proposed_as_its_missing_child(
    priya, girl_in_patna, khordha
):
    says_khordha = girl_in_patna("खोर्धा, ओडिशा")
    says_nothing = girl_in_patna("")

    assert says_khordha.home_district_ids == [khordha.pk]
    assert proposal(priya, says_khordha) is not None
    home = next(item for item in proposal(priya, says_khordha).evidence if item["key"] == "home")
    assert home["contribution"] == HOME_WEIGHT
    assert home["detail"] == (
        "says home is 'खोर्धा, ओडिशा': the report's district (Khordha, Odisha)"
    )
    assert proposal(priya, says_nothing) is None


def test_a_missing_report_filed_after_her_finds_her_at_once(girl_in_patna, officer, file_missing):
    found = girl_in_patna("Khordha")
    later = file_missing(officer)

    assert selectors.home_candidate_ids(later) == [found.pk]
    process_report.apply(args=[later.pk])
    assert proposal(later, found) is not None


def test_only_open_reports_of_the_other_side_from_her_home_are_her_candidates(
    priya, girl_in_patna, officer, file_missing, kotwali_ps, make_official, bihar, patna
):
    patna_officer = make_official("si_kotwali", "police_officer", unit=kotwali_ps)
    from_patna = missing_from(
        file_missing, patna_officer, bihar, patna, fir_number="9/2026", pin_code="800001"
    )
    says_khordha = girl_in_patna("Khordha")
    another_girl = girl_in_patna("Khordha")

    assert selectors.home_candidate_ids(says_khordha) == [priya.pk]
    assert from_patna.pk not in selectors.home_candidate_ids(says_khordha)
    assert another_girl.pk not in selectors.home_candidate_ids(says_khordha)
    report_services.change_status(
        report=priya, changed_by=officer, status="closed", closure_reason="returned_home", note=""
    )
    assert selectors.home_candidate_ids(says_khordha) == []


def test_correcting_what_she_said_of_home_follows_to_her_candidates(
    priya, girl_in_patna, patna_cwc, patna, django_capture_on_commit_callbacks
):
    found = girl_in_patna("Khordha")
    assert proposal(priya, found) is not None

    found.told_home_place = "Patna"
    with django_capture_on_commit_callbacks(execute=True):
        report_services.update_report(
            report=found,
            edited_by=patna_cwc,
            reason="She meant her aunt's home in Patna",
            marks=[],
            new_photos=[],
            removed_photos=[],
        )

    found.refresh_from_db()
    assert found.home_district_ids == [patna.pk]
    assert set(
        CandidateKey.objects.filter(report_id=found.pk, key__startswith="h:").values_list(
            "key", flat=True
        )
    ) == {f"h:{patna.pk}"}
    assert proposal(priya, found) is None


def test_the_family_address_on_her_report_counts_as_the_home_she_named(
    priya, file_found, patna_cwc, bihar, patna, odisha, khordha
):
    # The CWC traced her family's address in Khordha from a school card in her bag; she still
    # says nothing of home herself.
    found = found_in_patna(
        file_found,
        patna_cwc,
        bihar,
        patna,
        **SAYS_NOTHING_ELSE,
        permanent_state=odisha.pk,
        permanent_district=khordha.pk,
        permanent_locality="Old Town",
    )
    process_report.apply(args=[found.pk])

    assert found.home_district_ids == [khordha.pk]
    home = next(item for item in proposal(priya, found).evidence if item["key"] == "home")
    assert home["contribution"] == HOME_WEIGHT
    assert home["detail"] == (
        "family's address in Khordha, Odisha: the report's district (Khordha, Odisha)"
    )
    # Her words are not quoted, since she said nothing: the address is read out as a place,
    # its State/UT in the reader's language.
    with translation.override("hi"):
        assert evidence_detail(home) == (
            "परिवार का पता (Khordha, ओडिशा): रिपोर्ट का ज़िला (Khordha, ओडिशा)"
        )


def test_a_home_written_in_urdu_without_its_short_vowels_finds_its_missing_child(
    girl_in_patna, file_missing, make_unit, make_official, bihar
):
    gaya = District.objects.create(lgd_code=196, name_en="Gaya", state=bihar)
    gaya_officer = make_official(
        "si_gaya", "police_officer", unit=make_unit("police_station", district=gaya)
    )
    from_gaya = missing_from(
        file_missing, gaya_officer, bihar, gaya, fir_number="31/2026", pin_code="823001"
    )

    says_gaya = girl_in_patna("گیا")

    assert says_gaya.home_district_ids == [gaya.pk]
    assert proposal(from_gaya, says_gaya) is not None
