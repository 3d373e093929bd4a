"""A partner's PFIF file is read whatever its version, and nothing in it can attack the server."""

import pytest

from apps.pfif.format import Note, Person, PfifError, read_document, write_document


def test_the_pfif_1_4_sample_reads_with_its_notes_and_whitespace_stripped(pfif_sample):
    document = read_document(pfif_sample("test.pfif-1.4.xml"))

    assert document.version == "1.4"
    [person] = document.persons
    assert person.person_record_id == "test.google.com/person.21009"
    assert person.full_name == "_test_full_name1\n_test_full_name2"
    assert person.home_city == "_test_home_city"
    assert person.sex == "female"
    assert person.age == "35-45"
    assert [note.status for note in person.notes] == [
        "believed_missing",
        "",
        "is_note_author",
        "believed_missing",
    ]
    assert person.notes[1].author_made_contact is True


@pytest.mark.parametrize(
    ("name", "persons", "notes", "loose_notes"),
    [
        ("test.pfif-1.1.xml", 1, 2, 0),
        ("test.pfif-1.2.xml", 1, 4, 0),
        ("test.pfif-1.2-note.xml", 0, 0, 2),
        ("test.pfif-1.2-believed-dead.xml", 0, 0, 1),
        ("test.pfif-1.2-notification.xml", 0, 0, 1),
        ("test.pfif-1.2-source.xml", 1, 0, 0),
        ("global-test.pfif-1.2-source.xml", 1, 0, 0),
        ("test.pfif-1.2-badrecord.xml", 2, 4, 0),
    ],
)
def test_older_samples_read_in_the_1_4_shape(pfif_sample, name, persons, notes, loose_notes):
    document = read_document(pfif_sample(name))

    assert len(document.persons) == persons
    assert sum(len(person.notes) for person in document.persons) == notes
    assert len(document.loose_notes) == loose_notes
    for person in document.persons:
        assert person.full_name == "_test_first_name _test_last_name"


def test_pfif_1_1_and_1_2_fields_move_to_their_1_4_places(pfif_sample):
    [person] = read_document(pfif_sample("test.pfif-1.1.xml")).persons

    assert person.home_postal_code == "_test_home_zip"
    assert person.description == "_test_description"
    assert person.notes[0].author_made_contact is True  # was <found>


def test_a_written_document_reads_back_to_the_same_records():
    person = Person(
        person_record_id="trackchild.gov.in/report.7",
        source_date="2026-03-05T08:00:00Z",
        full_name="Priya Sahu\nପ୍ରିୟା ସାହୁ",
        sex="female",
        age="11",
        notes=[
            Note(
                note_record_id="trackchild.gov.in/note.7.event",
                person_record_id="trackchild.gov.in/report.7",
                author_name="Capital PS",
                source_date="2026-03-04T10:30:00Z",
                author_made_contact=False,
                status="believed_missing",
                text="Missing",
            )
        ],
    )

    [read_back] = read_document(write_document([person])).persons

    assert read_back == person


def test_a_record_that_breaks_the_schema_is_left_out_and_named():
    document = read_document(
        write_document(
            [
                Person(person_record_id="partner.np/p.1", full_name="Sita", sex="girl"),
                Person(person_record_id="no-domain", full_name="Gita"),
                Person(person_record_id="partner.np/p.3", full_name="Rita"),
            ]
        )
    )

    assert [person.full_name for person in document.persons] == ["Rita"]
    assert [(p.record_id, p.field, p.code) for p in document.problems] == [
        ("partner.np/p.1", "sex", "invalid"),
        ("no-domain", "person_record_id", "invalid"),
    ]


def test_a_date_that_does_not_exist_leaves_its_record_out():
    document = read_document(
        write_document(
            [
                Person(person_record_id="partner.np/p.1", full_name="Sita", date_of_birth="0000"),
                Person(
                    person_record_id="partner.np/p.2", full_name="Gita", date_of_birth="2015-13"
                ),
                Person(
                    person_record_id="partner.np/p.3", full_name="Rita", date_of_birth="2015-02-30"
                ),
                Person(
                    person_record_id="partner.np/p.4",
                    full_name="Mita",
                    entry_date="2026-11-31T10:00:00Z",
                ),
                Person(
                    person_record_id="partner.np/p.5", full_name="Nita", date_of_birth="2015-02"
                ),
            ]
        )
    )

    assert [person.full_name for person in document.persons] == ["Nita"]
    assert [(p.record_id, p.field) for p in document.problems] == [
        ("partner.np/p.1", "date_of_birth"),
        ("partner.np/p.2", "date_of_birth"),
        ("partner.np/p.3", "date_of_birth"),
        ("partner.np/p.4", "entry_date"),
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>
<pfif:full_name>&lol2;</pfif:full_name></pfif:person></pfif:pfif>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE pfif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&secret;</pfif:pfif>"""


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (BILLION_LAUGHS, "forbidden"),
        (EXTERNAL_ENTITY, "forbidden"),
        (b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'><pfif:person>", "malformed"),
        (b"<persons><person/></persons>", "not_pfif"),
        (b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/9.9'/>", "not_pfif"),
    ],
)
def test_bombs_and_broken_files_are_refused(data, code):
    with pytest.raises(PfifError) as refused:
        read_document(data)

    assert refused.value.code == code
