"""PFIF (People Finder Interchange Format) person and note records, read and written as XML.

Plain Python, no Django. Reading accepts PFIF 1.1 to 1.4 and returns every record in the 1.4
shape; writing produces PFIF 1.4 (http://zesty.ca/pfif/1.4). A partner's file is untrusted:
it is parsed with defusedxml, which refuses DTDs, entity expansion ("billion laughs") and
external references. Problems are reported as codes with parameters, for the caller to put
into the reader's language.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

PFIF_1_4 = "http://zesty.ca/pfif/1.4"
VERSIONS = {f"http://zesty.ca/pfif/1.{minor}": f"1.{minor}" for minor in range(1, 5)}
SEXES = ("female", "male", "other")
STATUSES = (
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
)
# Formats from the PFIF 1.4 RELAX NG schema.
RECORD_ID = re.compile(r".+/.+")
TIME = re.compile(r"\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
APPROXIMATE_DATE = re.compile(r"\d\d\d\d(-\d\d(-\d\d)?)?")
APPROXIMATE_AGE = re.compile(r"\d+(-\d+)?")
COUNTRY_CODE = re.compile(r"[A-Z][A-Z]")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class PfifError(ValueError):
    """The document as a whole cannot be read: `code` names why."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass
class Note:
    note_record_id: str = ""
    person_record_id: str = ""
    linked_person_record_id: str = ""
    entry_date: str = ""
    author_name: str = ""
    author_email: str = ""
    author_phone: str = ""
    source_date: str = ""
    author_made_contact: bool | None = None
    status: str = ""
    email_of_found_person: str = ""
    phone_of_found_person: str = ""
    last_known_location: str = ""
    text: str = ""
    photo_url: str = ""


@dataclass
class Person:
    person_record_id: str = ""
    entry_date: str = ""
    expiry_date: str = ""
    author_name: str = ""
    author_email: str = ""
    author_phone: str = ""
    source_name: str = ""
    source_date: str = ""
    source_url: str = ""
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    alternate_names: str = ""
    description: str = ""
    sex: str = ""
    date_of_birth: str = ""
    age: str = ""
    home_street: str = ""
    home_neighborhood: str = ""
    home_city: str = ""
    home_state: str = ""
    home_postal_code: str = ""
    home_country: str = ""
    photo_url: str = ""
    profile_urls: str = ""
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """One record the reader left out, and why."""

    record_id: str
    field: str
    code: str  # "required", "invalid"


@dataclass
class Document:
    version: str
    persons: list[Person]
    # Notes outside any person of this file, about a person sent earlier.
    loose_notes: list[Note]
    problems: list[Problem]


PERSON_FIELDS = tuple(f.name for f in fields(Person) if f.name != "notes")
NOTE_FIELDS = tuple(f.name for f in fields(Note))
PERSON_FORMATS = {
    "person_record_id": RECORD_ID,
    "entry_date": TIME,
    "expiry_date": TIME,
    "source_date": TIME,
    "date_of_birth": APPROXIMATE_DATE,
    "age": APPROXIMATE_AGE,
    "home_country": COUNTRY_CODE,
}
NOTE_FORMATS = {
    "note_record_id": RECORD_ID,
    "person_record_id": RECORD_ID,
    "linked_person_record_id": RECORD_ID,
    "entry_date": TIME,
    "source_date": TIME,
}


def read_document(data: bytes) -> Document:
    """Every valid person (with its notes) and loose note of a PFIF XML document."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise PfifError("too_large", limit=MAX_DOCUMENT_BYTES)
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise PfifError("forbidden") from error
    except ET.ParseError as error:
        raise PfifError("malformed", line=error.position[0]) from error
    namespace, _, tag = root.tag[1:].partition("}")
    if tag != "pfif" or namespace not in VERSIONS:
        raise PfifError("not_pfif")
    reader = _Reader(namespace)
    persons = [reader.person(element) for element in root.findall(reader.tag("person"))]
    loose = [reader.note(element, None) for element in root.findall(reader.tag("note"))]
    return Document(
        version=VERSIONS[namespace],
        persons=[person for person in persons if person is not None],
        loose_notes=[note for note in loose if note is not None],
        problems=reader.problems,
    )


class _Reader:
    def __init__(self, namespace: str):
        self.namespace = namespace
        self.problems: list[Problem] = []

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def values(self, element) -> dict[str, str]:
        prefix = f"{{{self.namespace}}}"
        return {
            child.tag.removeprefix(prefix): (child.text or "").strip()
            for child in element
            if isinstance(child.tag, str) and child.tag.startswith(prefix)
        }

    def person(self, element) -> Person | None:
        values = self.values(element)
        _upgrade_person(values)
        person = Person(**{name: values.get(name, "") for name in PERSON_FIELDS})
        record_id = person.person_record_id
        problem = _first_problem(values, PERSON_FORMATS, ("person_record_id", "full_name"))
        if problem is None and person.sex and person.sex not in SEXES:
            problem = ("sex", "invalid")
        if problem:
            self.problems.append(Problem(record_id, *problem))
            return None
        notes = (self.note(child, record_id) for child in element.findall(self.tag("note")))
        person.notes = [note for note in notes if note is not None]
        return person

    def note(self, element, person_record_id: str | None) -> Note | None:
        values = self.values(element)
        if "found" in values and "author_made_contact" not in values:  # PFIF 1.1 and 1.2
            values["author_made_contact"] = values["found"]
        made_contact = values.get("author_made_contact", "").lower()
        note = Note(
            **{name: values.get(name, "") for name in NOTE_FIELDS if name != "author_made_contact"},
            author_made_contact={"true": True, "false": False}.get(made_contact),
        )
        if person_record_id is not None:
            note.person_record_id = note.person_record_id or person_record_id
        problem = _first_problem(values, NOTE_FORMATS, ("note_record_id",))
        if problem is None and not note.person_record_id:
            problem = ("person_record_id", "required")
        if problem is None and note.status and note.status not in STATUSES:
            problem = ("status", "invalid")
        if problem is None and person_record_id and note.person_record_id != person_record_id:
            problem = ("person_record_id", "invalid")
        if problem:
            self.problems.append(Problem(note.note_record_id, *problem))
            return None
        return note


def _upgrade_person(values: dict[str, str]) -> None:
    """Fields of PFIF 1.1 to 1.3 in their 1.4 places."""
    given, family = values.get("first_name", ""), values.get("last_name", "")
    values.setdefault("given_name", given)
    values.setdefault("family_name", family)
    if not values.get("full_name"):
        values["full_name"] = " ".join(filter(None, [given, family]))
    values.setdefault("home_postal_code", values.get("home_zip", ""))
    other = values.get("other", "")
    if other and not values.get("description"):
        values["description"] = other.removeprefix("description:").strip()


def _first_problem(values: dict, formats: dict, required: tuple) -> tuple[str, str] | None:
    for name in required:
        if not values.get(name):
            return name, "required"
    for name, pattern in formats.items():
        if values.get(name) and not _well_formed(values[name], pattern):
            return name, "invalid"
    return None


def _well_formed(value: str, pattern: re.Pattern) -> bool:
    """The value has the field's format and, for a date or time, names a real one (the
    patterns alone let through 2026-13-45)."""
    if not pattern.fullmatch(value):
        return False
    try:
        if pattern is TIME:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif pattern is APPROXIMATE_DATE:
            date.fromisoformat(f"{value}-01-01"[:10])
    except ValueError:
        return False
    return True


def write_document(persons: list[Person]) -> bytes:
    """A PFIF 1.4 document with each person and, inside it, the person's notes."""
    ET.register_namespace("pfif", PFIF_1_4)
    root = ET.Element(_tag("pfif"))
    for person in persons:
        element = ET.SubElement(root, _tag("person"))
        _write_fields(element, person, PERSON_FIELDS)
        for note in person.notes:
            _write_fields(ET.SubElement(element, _tag("note")), note, NOTE_FIELDS)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _write_fields(element, record, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if value:
            ET.SubElement(element, _tag(name)).text = value


def _tag(name: str) -> str:
    return f"{{{PFIF_1_4}}}{name}"
