"""A district official imports a partner's PFIF file; each person waits in the review queue
with the reports the matching engine finds most like them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.pfif import services
from apps.pfif.format import Note, Person, write_document
from apps.pfif.mapping import report_fields
from apps.pfif.models import ImportedPerson, ReceivedFile
from apps.pfif.tests.conftest import import_now
from apps.reports.models import Report


def _upload(client, data: bytes, name="partner.xml"):
    return client.post(
        "/pfif/import/",
        {"source_name": "Nepal Police", "file": SimpleUploadedFile(name, data)},
    )


def test_a_partner_sample_lands_in_the_queue(
    exchanging_client, pfif_sample, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(exchanging_client, pfif_sample("test.pfif-1.4.xml"))

    assert response.status_code == 302
    assert response.url == ReceivedFile.objects.get().get_absolute_url()
    [imported] = ImportedPerson.objects.all()
    assert imported.person_record_id == "test.google.com/person.21009"
    assert imported.full_name == "_test_full_name1"
    assert imported.kind == "missing"  # the first note says believed_missing
    assert len(imported.record["notes"]) == 4
    queue = exchanging_client.get("/pfif/queue/")
    assert b"_test_full_name1" in queue.content


def test_every_sample_imports(district_official, pfif_sample):
    from apps.pfif.tests.conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.xml")):
        import_now(path.read_bytes(), received_by=district_official, source_name="PF")

    # 1.1, 1.2, 1.4, both 1.2 sources and the second person of the bad-record file.
    assert ImportedPerson.objects.count() == 4
    assert ReceivedFile.objects.count() == 9


def test_notes_sent_later_join_their_person(district_official, pfif_sample):
    import_now(
        pfif_sample("test.pfif-1.2-source.xml"), received_by=district_official, source_name="PF"
    )
    import_now(pfif_sample("test.pfif-1.2.xml"), received_by=district_official, source_name="PF")
    later = import_now(
        pfif_sample("test.pfif-1.2-believed-dead.xml"),
        received_by=district_official,
        source_name="PF",
    )

    person = ImportedPerson.objects.get(person_record_id="test.google.com/person.21009")
    assert later.notes_added == 1
    assert [note["status"] for note in person.record["notes"]][-1] == "believed_dead"


def test_the_same_file_twice_adds_nothing(district_official, pfif_sample):
    data = pfif_sample("test.pfif-1.4.xml")
    import_now(data, received_by=district_official, source_name="PF")

    again = import_now(data, received_by=district_official, source_name="PF")

    assert (again.persons_new, again.persons_updated, again.notes_added) == (0, 0, 0)
    assert ImportedPerson.objects.count() == 1


def test_an_exported_file_imports_back_to_the_same_records(
    district_official, officer, cwc_member, file_missing, file_found
):
    missing = file_missing(officer, full_name="Priya Sahu", marks=())
    found = file_found(cwc_member, publication_consent="on", full_name="Munna")
    exported = services.export_reports(
        Report.objects.filter(pk__in=[missing.pk, found.pk]).order_by("pk"), full_read=True
    )
    # The partner is another portal: its copy must not collide with our own queue entries.
    import_now(exported, received_by=district_official, source_name="Partner")

    for report in (missing, found):
        imported = ImportedPerson.objects.get(person_record_id__endswith=f"report.{report.pk}")
        fields = report_fields(services.stored_person(imported))
        assert imported.kind == report.kind
        for name in (
            "full_name",
            "name_local",
            "other_names",
            "sex",
            "age_min",
            "age_max",
            "event_state",
            "event_district",
            "event_locality",
            "identification_marks",
            "height_cm",
            "clothing",
            "permanent_district",
            "permanent_locality",
            "permanent_pin_code",
        ):
            # A field the report leaves empty is simply absent from the PFIF record.
            assert (fields.get(name) or None) == (getattr(report, name) or None), name
        assert fields["event_at"] == report.event_at.replace(microsecond=0)
        assert imported.record["notes"][0]["status"] == (
            "believed_missing" if report.is_missing else "believed_alive"
        )


def test_the_engine_names_the_existing_report_of_the_same_child(
    district_official, officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu", marks=())
    exported = services.export_reports(Report.objects.filter(pk=priya.pk), full_read=True)

    import_now(
        exported.replace(b"trackchild.gov.in/", b"police.gov.np/"),
        received_by=district_official,
        source_name="Nepal Police",
    )

    imported = ImportedPerson.objects.get()
    assert imported.likely_duplicates[0][0] == priya.pk
    assert imported.likely_duplicates[0][1] >= 50


def test_the_home_a_partner_gives_for_a_found_child_counts_as_her_home(
    district_official, officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu", marks=())

    def found_by_partner(number: int, **home) -> list:
        found_note = Note(
            note_record_id=f"railway.gov.in/note.{number}",
            person_record_id=f"railway.gov.in/person.{number}",
            source_date=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            status="believed_alive",
            author_made_contact=True,
            last_known_location="Patna Junction, Patna, Bihar",
        )
        person = Person(
            person_record_id=f"railway.gov.in/person.{number}",
            source_date=found_note.source_date,
            full_name="Priya",
            sex="female",
            age="12",
            notes=[found_note],
            **home,
        )
        import_now(write_document([person]), received_by=district_official, source_name="RPF")
        imported = ImportedPerson.objects.get(person_record_id=person.person_record_id)
        return dict(map(tuple, imported.likely_duplicates))

    with_home = found_by_partner(1, home_city="Khordha", home_state="Odisha")
    without_home = found_by_partner(2)

    assert with_home[priya.pk] > without_home.get(priya.pk, 0) + 10


def test_a_stranger_is_not_called_a_duplicate(district_official, officer, file_missing):
    file_missing(officer, full_name="Priya Sahu", marks=())
    stranger = (
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        b"<pfif:person_record_id>police.gov.np/p.1</pfif:person_record_id>"
        b"<pfif:full_name>Bikram Thapa</pfif:full_name><pfif:sex>male</pfif:sex>"
        b"<pfif:age>15</pfif:age>"
        b"<pfif:source_date>"
        + timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        + b"</pfif:source_date>"
        b"</pfif:person></pfif:pfif>"
    )

    import_now(stranger, received_by=district_official, source_name="Nepal Police")

    assert ImportedPerson.objects.get().likely_duplicates == []


def test_malformed_xml_is_refused_with_a_clear_message(exchanging_client):
    response = _upload(exchanging_client, b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'>")

    assert response.status_code == 200
    assert "not well-formed XML" in response.content.decode()
    assert not ReceivedFile.objects.exists()


def test_an_xml_bomb_is_refused(exchanging_client):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&b;</pfif:pfif>'
    )

    response = _upload(exchanging_client, bomb)

    assert "it declares a DTD or entities" in response.content.decode()
    assert not ReceivedFile.objects.exists()


def test_a_police_station_officer_may_not_import(client, officer, pfif_sample):
    client.force_login(officer)

    response = _upload(client, pfif_sample("test.pfif-1.4.xml"))

    assert response.status_code == 403
    assert not ImportedPerson.objects.exists()
