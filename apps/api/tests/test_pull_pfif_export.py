"""Nepal's missing-persons portal holds a key for Odisha's reports. With `read` it receives, as
PFIF 1.4, only the children whose families or CWC allowed publication and who are still
sought, without their home; with `read_full` as well, every report of Odisha with the home
address. Bihar's reports never reach Odisha's key, and a key without `read` gets nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api import services
from apps.api.tests.conftest import pfif_call
from apps.audit.models import AccessAction, AccessLog
from apps.pfif.format import read_document
from apps.reports import services as report_services
from apps.reports.choices import ConsentPurpose
from apps.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def odisha_reports(officer, cwc_member, file_missing, file_found):
    consented = file_missing(officer, full_name="Priya Sahu")
    private = file_missing(
        officer, fir_number="113/2026", full_name="Anita Das", publication_consent=None
    )
    restored = file_missing(officer, fir_number="114/2026", full_name="Rinku Behera")
    Report.objects.filter(pk=restored.pk).update(status="restored")
    found = file_found(cwc_member, publication_consent="on", full_name="Munna")
    return {"consented": consented, "private": private, "restored": restored, "found": found}


@pytest.fixture
def bihar_report(patna_officer, file_missing):
    return file_missing(patna_officer, fir_number="9/2026", full_name="Sonu Kumar")


def record_id(report) -> str:
    return f"trackchild.gov.in/report.{report.pk}"


def exported(answer) -> dict:
    return {person.person_record_id: person for person in read_document(answer.content).persons}


def test_a_reading_key_gets_only_published_children_still_sought(
    client, make_client, odisha, odisha_reports, bihar_report
):
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read"])

    answer = pfif_call(client, headers)

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/xml; charset=utf-8"
    persons = exported(answer)
    assert set(persons) == {
        record_id(odisha_reports["consented"]),
        record_id(odisha_reports["found"]),
    }
    priya = persons[record_id(odisha_reports["consented"])]
    assert priya.full_name.startswith("Priya Sahu")
    assert (priya.home_city, priya.home_state) == ("", "")
    assert answer["X-Has-More"] == "false"
    assert AccessLog.objects.filter(action=AccessAction.EXPORT).count() == 1


def test_a_full_reading_key_gets_every_report_of_its_state_with_the_home(
    client, make_client, odisha, odisha_reports, bihar_report
):
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read", "read_full"])

    persons = exported(pfif_call(client, headers))

    assert set(persons) == {record_id(report) for report in odisha_reports.values()}
    anita = persons[record_id(odisha_reports["private"])]
    assert (anita.home_city, anita.home_state, anita.home_country) == ("Khordha", "Odisha", "IN")
    rinku = persons[record_id(odisha_reports["restored"])]
    assert rinku.notes[-1].status == "believed_alive"


def test_another_states_reports_never_appear(
    client, make_client, bihar, odisha_reports, bihar_report
):
    _bihar, headers = make_client("Bihar partner", state=bihar, scopes=["read", "read_full"])

    persons = exported(pfif_call(client, headers))

    assert set(persons) == {record_id(bihar_report)}


def test_missing_or_found_only(client, make_client, odisha, odisha_reports):
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read"])

    persons = exported(pfif_call(client, headers, kind="found"))

    assert set(persons) == {record_id(odisha_reports["found"])}


def test_the_export_comes_a_page_at_a_time_and_then_only_what_changed(
    client, make_client, odisha, odisha_reports
):
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read", "read_full"])
    query, seen = {"limit": 1}, []
    for _page in range(10):
        answer = pfif_call(client, headers, **query)
        seen += list(exported(answer))
        query["since"] = answer["X-Next-Since"]
        if answer["X-Has-More"] == "false":
            break

    assert sorted(seen) == sorted(record_id(report) for report in odisha_reports.values())
    assert exported(pfif_call(client, headers, **query)) == {}

    Report.objects.filter(pk=odisha_reports["private"].pk).update(updated_at=timezone.now())
    again = pfif_call(client, headers, **query)
    assert set(exported(again)) == {record_id(odisha_reports["private"])}


def test_reports_changed_at_the_same_moment_share_a_page(
    client, make_client, odisha, odisha_reports
):
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read", "read_full"])
    moment = timezone.now() - timedelta(minutes=5)
    Report.objects.update(updated_at=moment)

    answer = pfif_call(client, headers, limit=2)

    assert len(exported(answer)) == 4
    assert answer["X-Has-More"] == "false"


def test_a_key_without_read_a_revoked_key_and_a_wrong_since_are_refused(
    client, make_client, odisha, odisha_reports
):
    _writer, writer = make_client("Writer", state=odisha, scopes=["write_pfif"])
    revoked_client, revoked = make_client("Old portal", state=odisha, scopes=["read"])
    services.revoke(client=revoked_client)
    _reader, reader = make_client("Reader", state=odisha, scopes=["read"])

    assert pfif_call(client, writer).status_code == 403
    assert pfif_call(client, revoked).json()["detail"] == "This API key has been revoked."
    assert pfif_call(client, revoked).status_code == 401
    wrong = pfif_call(client, reader, HTTP_ACCEPT="application/xml", since="yesterday")
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/json"
    assert list(wrong.json()["fields"]) == ["since"]


def _person(persons, report):
    [person] = [p for p in persons if p.person_record_id == record_id(report)]
    return person


def test_a_partners_incremental_pull_gets_the_expiry_after_the_withdrawal(
    client, make_client, odisha, officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu")
    _nepal, headers = make_client("Nepal Police portal", state=odisha, scopes=["read"])
    first = read_document(pfif_call(client, headers).content).persons
    assert _person(first, priya).full_name.startswith("Priya Sahu")
    since = pfif_call(client, headers)["X-Next-Since"]

    report_services.withdraw_consent(
        report=priya, purpose=ConsentPurpose.PARTNER_SHARING, withdrawn_by=officer, note="x"
    )
    persons = read_document(pfif_call(client, headers, since=since).content).persons

    person = _person(persons, priya)
    assert person.expiry_date
    assert person.full_name == priya.case_number
