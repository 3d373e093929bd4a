"""Priya's mother goes to a second police station the day after her father filed the FIR at
Capital PS. The officer there files the report and sees at once that it is possibly the same
child as the first one, with the evidence; so does Capital PS on its own report and in its
queue. A child found by the railway police and registered again by the CWC is caught the same
way, and so is a child whose name the second station wrote with a slip of the pen, in another
district."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Role
from apps.matching import selectors
from apps.matching.engine import blocking_keys
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.matching.records import child_record
from apps.matching.tasks import process_report
from apps.matching.tests.conftest import a_face, a_photo, another_photo_of, give_face
from apps.matching.tests.test_propose_matches_by_face import nameless_in_patna
from apps.reports.models import Report
from apps.reports.tests.fixtures import local_input, missing_report_data
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_station(make_unit, make_official, khordha):
    station = make_unit("police_station", district=khordha, name="Lingaraj PS")
    return make_official("si_lingaraj", "police_officer", unit=station)


def file_again_through_the_form(client, official, odisha, khordha, capture, **overrides):
    """The mother's account: Odia script, no pet name, the father's name spelt another way."""
    client.force_login(official)
    data = missing_report_data(
        odisha,
        khordha,
        fir_number="87/2026",
        full_name="Priya",
        other_names="",
        name_local="ପ୍ରିୟା ସାହୁ",
        father_name="Ramesh Sahoo",
        mother_name="",
        **overrides,
    )
    with capture(execute=True):
        response = client.post("/reports/missing/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    return Report.objects.get(pk=response.url.split("/")[-2])


def test_the_filer_sees_possibly_the_same_child_with_the_evidence(
    client, priya, second_station, odisha, khordha, django_capture_on_commit_callbacks
):
    again = file_again_through_the_form(
        client, second_station, odisha, khordha, django_capture_on_commit_callbacks
    )

    page = client.get(f"/reports/{again.pk}/").text

    pair = MatchCandidate.objects.get(kind=CandidateKind.DUPLICATE)
    assert (pair.missing, pair.other, pair.status) == (priya, again, CandidateStatus.PROPOSED)
    assert f"Possibly the same child as {priya.case_number}" in page
    assert "Capital PS" in page
    assert "both in the same district (Khordha, Odisha)" in page
    # The parents' names are in the other station's full record, which this officer may not read.
    assert "Names are shown only to officials who may see both full records." in page
    assert "Ramesh Sahu" not in page
    assert f'href="/matches/{pair.pk}/"' in page
    assert "reload this page in a moment" not in page


def test_the_first_station_sees_it_on_its_report_and_in_its_duplicates_queue(
    client, officer, priya, second_station, odisha, khordha, django_capture_on_commit_callbacks
):
    again = file_again_through_the_form(
        client, second_station, odisha, khordha, django_capture_on_commit_callbacks
    )
    client.force_login(officer)

    report_page = client.get(f"/reports/{priya.pk}/").text
    duplicates = client.get("/matches/", {"kind": "duplicate"}).text
    matches_only = client.get("/matches/", {"kind": "match"}).text

    assert f"Possibly the same child as {again.case_number}" in report_page
    assert "Lingaraj PS" in report_page
    assert f"{priya.case_number} Priya Sahu ↔ {again.case_number}" in duplicates
    assert "May be the same child reported twice" in duplicates
    assert again.case_number not in matches_only


def test_a_child_found_by_the_railway_police_and_registered_again_by_the_cwc(
    officer, cwc_member, file_found
):
    noon = timezone.localtime().replace(hour=12, minute=0)
    by_police = file_found(
        officer,
        full_name="Munna",
        age_min="8",
        age_max="10",
        event_at=local_input(noon - timedelta(days=3)),
    )
    by_cwc = file_found(
        cwc_member,
        full_name="Munna",
        age_min="9",
        age_max="9",
        event_at=local_input(noon - timedelta(days=1)),
    )
    process_report.apply(args=[by_cwc.pk])

    pair = MatchCandidate.objects.get()
    assert (pair.kind, pair.missing, pair.other) == (CandidateKind.DUPLICATE, by_police, by_cwc)
    evidence = {item["key"]: item["detail"] for item in pair.evidence}
    assert evidence["dates"] == "dates 2 days apart"
    assert evidence["age"] == "age 8\N{EN DASH}10, 2 days later 9"


def test_a_namesake_of_another_family_months_earlier_is_not_proposed(
    priya, second_station, file_missing
):
    namesake = file_missing(
        second_station,
        fir_number="12/2026",
        full_name="Priya Das",
        other_names="",
        name_local="",
        father_name="Sukanta Das",
        mother_name="Mamata Das",
        languages=["hi"],
        mother_tongue="hi",
        marks=(),
        identification_marks="",
        event_at=local_input(timezone.now() - timedelta(days=150)),
        fir_registered_at=local_input(timezone.now() - timedelta(days=149)),
    )
    process_report.apply(args=[namesake.pk])

    assert not MatchCandidate.objects.filter(kind=CandidateKind.DUPLICATE).exists()


@pytest.mark.parametrize("outsider", ["another_unit", "another_district", "another_state"])
def test_officials_of_neither_report_are_not_shown_the_proposal(
    client,
    priya,
    second_station,
    odisha,
    khordha,
    sign_in_outsider,
    django_capture_on_commit_callbacks,
    outsider,
):
    again = file_again_through_the_form(
        client, second_station, odisha, khordha, django_capture_on_commit_callbacks
    )
    # A police officer of a third Khordha station sees the tracing summary only; officials of
    # another district or State/UT see no more of the pair.
    sign_in_outsider(outsider, priya.owning_unit)

    response = client.get(f"/reports/{again.pk}/")

    assert response.status_code in (200, 404)
    assert response.content.decode().count(priya.case_number) == 0
    assert "Possibly the same child" not in response.content.decode()


def test_until_matching_has_run_the_filer_is_told_to_look_again_in_a_moment(
    client, officer, file_missing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        report = file_missing(officer)
    client.force_login(officer)

    assert "reload this page in a moment" in client.get(f"/reports/{report.pk}/").text

    for callback in after_commit:  # the worker runs the matching task
        callback()
    assert "reload this page in a moment" not in client.get(f"/reports/{report.pk}/").text


def test_the_district_over_both_stations_sees_the_parents_names_too(
    client,
    priya,
    second_station,
    odisha,
    khordha,
    make_unit,
    make_official,
    django_capture_on_commit_callbacks,
):
    again = file_again_through_the_form(
        client, second_station, odisha, khordha, django_capture_on_commit_callbacks
    )
    dcpu = make_unit("dcpu", district=khordha)
    sign_in_verified(client, make_official("dcpo_khordha", Role.DISTRICT_OFFICIAL, unit=dcpu))

    page = client.get(f"/reports/{again.pk}/").text

    assert "parent &#x27;Ramesh Sahu&#x27; ~ &#x27;Ramesh Sahoo&#x27; (100)" in page


def test_a_child_without_a_name_registered_in_two_states_is_caught_by_her_face(
    cwc_member, patna_officer, file_found, odisha, khordha, bihar, patna
):
    """Found in Khordha and registered by its CWC; she ran and was found again at Patna
    Junction two weeks later, still without a name: neither a name key nor the district
    brings the first report, her face does."""
    girl = a_face(7)
    told = nameless_in_patna(bihar, patna)
    in_khordha = file_found(
        cwc_member,
        photos=[a_photo()],
        **told | {"event_state": odisha.pk, "event_district": khordha.pk, "event_locality": ""},
        event_at=local_input(timezone.now() - timedelta(days=15)),
    )
    give_face(in_khordha, girl)
    in_patna = file_found(patna_officer, photos=[a_photo()], **told)
    give_face(in_patna, another_photo_of(girl, seed=3))
    keys = blocking_keys(child_record(in_patna))
    assert in_khordha.pk not in selectors.candidate_ids(in_patna, keys, same_side=True)

    process_report.apply(args=[in_patna.pk])

    pair = MatchCandidate.objects.get(kind=CandidateKind.DUPLICATE)
    assert (pair.missing, pair.other) == (in_khordha, in_patna)
    evidence = {item["key"]: item for item in pair.evidence}
    assert evidence["face"]["similarity"] == 1.0
    assert evidence["place"]["detail"] == "different states (Odisha and Bihar)"


def test_a_second_report_in_another_district_with_a_slip_in_her_name_is_caught(
    jharana, file_missing, make_unit, make_official, cuttack
):
    """Jharana's father filed at Capital PS (Khordha); her mother, staying with family in
    Cuttack, goes to the station there, whose officer writes "Jharama" and leaves the surname
    out: no name key and no district in common, a key one slip away."""
    station = make_unit("police_station", district=cuttack, name="Lalbag PS")
    again = file_missing(
        make_official("si_lalbag", "police_officer", unit=station),
        fir_number="41/2026",
        full_name="Jharama",
        other_names="",
        name_local="",
        event_district=cuttack.pk,
    )
    keys = blocking_keys(child_record(again))
    assert not set(keys) & set(blocking_keys(child_record(jharana)))
    assert jharana.pk not in selectors.candidate_ids(again, keys, same_side=True)
    assert selectors.slipped_key_candidate_ids(again, keys, same_side=True) == [jharana.pk]
    assert selectors.slipped_key_candidate_ids(again, keys) == []  # no found child of the name

    process_report.apply(args=[again.pk])

    pair = MatchCandidate.objects.get(kind=CandidateKind.DUPLICATE)
    assert (pair.missing, pair.other, pair.status) == (jharana, again, CandidateStatus.PROPOSED)
