"""Officials correct a report (the name, age, sex, photo or place) and its pairs follow at once:
a proposal the report no longer supports is withdrawn, one it still supports is rescored, new
ones are proposed; a pair an official rejected comes back only when the change makes it
stronger, and then the owners are told again; a confirmed pair is never reopened. The same
holds for possible duplicates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.faces.tests.photos import SAMPLES
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.matching.signals import match_proposed
from apps.matching.tasks import process_report
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data, local_input, missing_report_data

pytestmark = pytest.mark.django_db

# What the Patna CWC typed for the girl it found (apps.matching.tests.test_propose_matches).
FOUND_IN_PATNA = {
    "full_name": "प्रिया",
    "sex": "F",
    "age_min": "11",
    "age_max": "13",
    "event_locality": "Patna Junction",
    "identification_marks": "mole on the left cheek",
    "placement": "not_placed",
    "placed_at": "",
}


@pytest.fixture
def found(priya, patna_cwc, file_found, bihar, patna):
    """The girl the Patna CWC found this morning, proposed as Priya."""
    found = found_in_patna(file_found, patna_cwc, bihar, patna)
    process_report.apply(args=[found.pk])
    return found


@pytest.fixture
def match(found):
    return MatchCandidate.objects.get(kind=CandidateKind.MATCH)


@pytest.fixture
def duplicate(priya, make_unit, make_official, khordha, file_missing):
    """Lingaraj PS's report of Priya the next day, proposed as her duplicate."""
    station = make_unit("police_station", district=khordha, name="Lingaraj PS")
    lingaraj = make_official("si_lingaraj", "police_officer", unit=station)
    again = file_missing(lingaraj, fir_number="87/2026", full_name="Priya", other_names="")
    process_report.apply(args=[again.pk])
    return MatchCandidate.objects.get(kind=CandidateKind.DUPLICATE)


@pytest.fixture
def correct(
    client, odisha, khordha, bihar, patna, childrens_home, django_capture_on_commit_callbacks
):
    """`correct(official, report, **fields)`: the edit form sent with these fields changed and
    the rest as filed; matching runs as the worker would once the change is saved."""

    def correct(official, report, **changes):
        at = {"event_at": local_input(report.event_at)}
        if report.is_missing:
            data = missing_report_data(odisha, khordha, **at, **changes)
        else:
            place = {"event_state": bihar.pk, "event_district": patna.pk}
            fields = {**FOUND_IN_PATNA, **place, **at, **changes}
            data = found_report_data(odisha, khordha, childrens_home, **fields)
        data |= {"reason": "Corrected", "loaded_version": Report.objects.get(pk=report.pk).version}
        client.force_login(official)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/reports/{report.pk}/edit/", data)
        assert response.status_code == 302, response.context["form"].errors

    return correct


@pytest.fixture
def announced():
    received = []

    def receiver(sender, candidate_id, **kwargs):
        received.append(candidate_id)

    match_proposed.connect(receiver)
    yield received
    match_proposed.disconnect(receiver)


def status_and_reason(pair) -> tuple[str, str]:
    pair.refresh_from_db()
    return pair.status, pair.history.first().history_change_reason


def test_a_new_name_withdraws_the_pair_and_proposes_the_child_it_now_fits(
    client, patna_cwc, found, match, correct, file_missing, make_official, kotwali_ps, bihar
):
    rekha = file_missing(
        make_official("si_patna", "police_officer", unit=kotwali_ps),
        full_name="Rekha Kumari",
        other_names="",
        name_local="",
        age="12",
        event_state=bihar.pk,
        event_district=found.event_district_id,
    )

    correct(patna_cwc, found, full_name="रेखा कुमारी")

    assert status_and_reason(match) == ("withdrawn", "Reports changed; below the threshold")
    new = MatchCandidate.objects.get(status=CandidateStatus.PROPOSED)
    assert (new.missing, new.other) == (rekha, found)
    queue = client.get("/matches/").text
    assert rekha.case_number in queue
    assert match.missing.case_number not in queue


def test_an_age_corrected_far_off_withdraws_the_match_and_the_duplicate(
    officer, priya, match, duplicate, correct
):
    correct(officer, priya, age="3")

    assert status_and_reason(match) == ("withdrawn", "Reports changed; below the threshold")
    assert status_and_reason(duplicate)[0] == "withdrawn"


def test_a_sex_corrected_rules_the_pair_out(patna_cwc, found, match, correct):
    correct(patna_cwc, found, sex="M")

    assert status_and_reason(match)[0] == "withdrawn"


def test_a_place_corrected_rescores_the_match_and_the_duplicate(
    officer, patna_cwc, priya, found, match, duplicate, correct, khordha, odisha, bihar, patna
):
    before = match.score
    again = duplicate.other

    correct(patna_cwc, found, event_state=odisha.pk, event_district=khordha.pk)
    correct(
        again.created_by,
        again,
        fir_number="87/2026",
        full_name="Priya",
        other_names="",
        event_state=bihar.pk,
        event_district=patna.pk,
    )

    assert status_and_reason(match) == ("proposed", "Rescored")
    assert match.score > before
    place = {item["key"]: item["detail"] for item in match.evidence}["place"]
    assert place == "found in the same district (Khordha, Odisha)"
    duplicate.refresh_from_db()
    place = {item["key"]: item["detail"] for item in duplicate.evidence}["place"]
    assert place == "different states (Odisha and Bihar)"


def test_a_photo_added_or_removed_rescores_the_pair_with_or_without_the_face(
    officer, patna_cwc, priya, found, match, correct
):
    def upload(name):
        return SimpleUploadedFile(name, (SAMPLES / name).read_bytes(), content_type="image/jpeg")

    correct(officer, priya, photos=[upload("london_006_neutral.jpg")])
    correct(patna_cwc, found, photos=[upload("london_006_smiling.jpg")])
    match.refresh_from_db()
    face = {item["key"]: item for item in match.evidence}["face"]
    with_face = match.score

    correct(patna_cwc, found, remove_photos=[found.photos.get().pk])

    assert face["detail"].startswith("face distance 0.")
    assert face["contribution"] > 0
    match.refresh_from_db()
    assert {item["key"]: item for item in match.evidence}["face"]["detail"] == (
        "no face encoding on one side"
    )
    assert match.score < with_face


def test_a_rejected_pair_comes_back_only_when_a_change_makes_it_stronger(
    client, officer, patna_cwc, found, match, correct, announced
):
    client.force_login(officer)
    client.post(f"/matches/{match.pk}/reject/", {"reason": "Mother's name differs"})

    correct(patna_cwc, found, event_locality="Patna Jn.")
    assert status_and_reason(match)[0] == "rejected"

    correct(patna_cwc, found, event_locality="Patna Jn.", told_parent_names="Ramesh Sahu")

    assert status_and_reason(match) == ("proposed", "Reports changed; proposed again")
    assert announced == [match.pk]


def test_a_confirmed_pair_is_never_reopened(client, officer, patna_cwc, found, match, correct):
    client.force_login(officer)
    client.post(f"/matches/{match.pk}/confirm/")

    correct(patna_cwc, found, full_name="रेखा", sex="U")

    assert status_and_reason(match)[0] == "confirmed"


def test_a_withdrawn_pair_is_proposed_again_when_the_report_is_put_right(
    officer, priya, match, correct, announced
):
    correct(officer, priya, age="3")
    correct(officer, priya, age="11")

    assert status_and_reason(match) == ("proposed", "Reports changed; proposed again")
    assert announced == [match.pk]
