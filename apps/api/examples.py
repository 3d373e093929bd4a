"""Descriptions and examples for the OpenAPI schema (docs/api.md says more)."""

from drf_spectacular.utils import OpenApiExample

FIR_PUSH_DESCRIPTION = """
The report is keyed by (`state`, `police_station_code`, `registration_kind`, `fir_year`,
`fir_number`): the first push creates it (201), a later one updates it (200, `updated`), and the
same FIR sent again changes nothing (200, `unchanged`). Fields left out keep their value; `marks`
and `photos` left out keep the report's own, and when sent they replace them. The rules are the
web form's: `fir_year` must be the year of `fir_registered_at`, give `date_of_birth` or `age`,
nothing in the future. The answer carries the portal's report ID and case number and the match
candidates known when it was written (matching runs as soon as the report is saved).
"""

CHANGES_DESCRIPTION = """
Status changes (`status_changed`; `restored` when the child was restored to family) and
confirmed matches (`match_confirmed`) of the FIR-backed missing reports of your jurisdiction,
oldest first. Read again with `since` set to `next_since` while `has_more` is true; changes made
at the same moment are never split across pages.
"""

HELPLINE_DESCRIPTION = """
The report enters the same flow as a citizen's sighting: it belongs to the police station named
by `police_station_code` (CCTNS code), or to the district police office when none is given, and
is matched against missing children at once. `helpline` and `call_id` are kept with it; the same
call sent again returns the same report (`unchanged`).
"""

_REPORT = {
    "report_id": 1042,
    "case_number": "M-0001042",
    "kind": "missing",
    "status": "open",
    "closure_reason": "",
    "duplicate_of": None,
    "owning_unit": {
        "name": "Capital PS",
        "phone": "0674-2390100",
        "cctns_code": "21101001",
        "state": 21,
        "district": 362,
    },
    "fir": {
        "state": 21,
        "police_station_code": "21101001",
        "registration_kind": "fir",
        "fir_number": "112/2026",
        "fir_year": 2026,
    },
    "helpline_call": None,
    "updated_at": "2026-11-23T10:15:00+05:30",
}

_FOUND_BY_CWC = {
    "report_id": 998,
    "case_number": "F-0000998",
    "kind": "found",
    "owning_unit": {
        "name": "CWC Khordha",
        "phone": "0674-2391111",
        "cctns_code": "",
        "state": 21,
        "district": 362,
    },
}

FIR_REQUEST = OpenApiExample(
    "An FIR from Odisha's CCTNS",
    request_only=True,
    value={
        "state": 21,
        "police_station_code": "21101001",
        "registration_kind": "fir",
        "fir_number": "112/2026",
        "fir_year": 2026,
        "fir_registered_at": "2026-11-23T08:30:00+05:30",
        "investigating_officer": "SI Bikash Nayak",
        "investigating_officer_phone": "94370 12345",
        "full_name": "Priya Sahu",
        "name_local": "ପ୍ରିୟା ସାହୁ",
        "sex": "F",
        "age": 11,
        "identification_marks": "Mole on left cheek",
        "languages": ["or", "hi"],
        "father_name": "Ramesh Sahu",
        "event_at": "2026-11-22T18:00:00+05:30",
        "event_state": 21,
        "event_district": 362,
        "event_locality": "Bhubaneswar railway station",
        "circumstances": "lost_in_crowd",
        "marks": [{"kind": "scar", "body_part": "hand", "side": "right", "description": "burn"}],
    },
)

FIR_CREATED = OpenApiExample(
    "Created, with one candidate",
    response_only=True,
    status_codes=["201"],
    value={
        **_REPORT,
        "outcome": "created",
        "candidates": [
            {
                "id": 77,
                "kind": "match",
                "status": "proposed",
                "score": 81.5,
                "other": _FOUND_BY_CWC,
            }
        ],
    },
)

REPORT = OpenApiExample(
    "An open case with one proposed pair",
    response_only=True,
    status_codes=["200"],
    value={key: value for key, value in FIR_CREATED.value.items() if key != "outcome"},
)

CHANGES = OpenApiExample(
    "A match confirmed, then the child restored",
    response_only=True,
    value={
        "changes": [
            {
                "at": "2026-11-24T11:02:13.120000+05:30",
                "event": "match_confirmed",
                "report_id": 1042,
                "case_number": "M-0001042",
                "fir": _REPORT["fir"],
                "status": "matched",
                "previous_status": "",
                "reason": "",
                "matched_with": _FOUND_BY_CWC,
            },
            {
                "at": "2026-11-25T16:40:00.500000+05:30",
                "event": "restored",
                "report_id": 1042,
                "case_number": "M-0001042",
                "fir": _REPORT["fir"],
                "status": "restored",
                "previous_status": "matched",
                "reason": "Handed over to the father before the CWC",
                "matched_with": None,
            },
        ],
        "next_since": "2026-11-25T16:40:00.500000+05:30",
        "has_more": False,
    },
)

SIGHTING_REQUEST = OpenApiExample(
    "A 1098 caller saw a girl alone on a platform",
    request_only=True,
    value={
        "helpline": "1098",
        "call_id": "OD-2026-118812",
        "event_at": "2026-11-23T07:40:00+05:30",
        "event_state": 21,
        "event_district": 362,
        "event_locality": "Bhubaneswar railway station, platform 3",
        "circumstances_detail": "Caller says she was crying and alone for an hour.",
        "full_name": "Priya",
        "sex": "F",
        "age_min": 10,
        "age_max": 12,
        "clothing": "Blue school uniform",
    },
)

FOUND_CHILD_REQUEST = OpenApiExample(
    "A 1098 team took in a boy at the bus stand and placed him in a children's home",
    request_only=True,
    value={
        "helpline": "1098",
        "call_id": "OD-2026-118907",
        "event_at": "2026-11-23T21:10:00+05:30",
        "event_state": 21,
        "event_district": 362,
        "event_locality": "Baramunda bus stand",
        "full_name": "Munna",
        "sex": "M",
        "age_min": 8,
        "age_max": 10,
        "told_parent_names": "Papa: Suresh",
        "told_language": "hi",
        "placement": "cci",
        "placed_at": 4411,
        "cwc_order_reference": "CWC/KHD/2026/311",
        "drive": "muskaan-12",
    },
)

INVALID = OpenApiExample(
    "A field not right",
    value={
        "code": "invalid",
        "detail": "Some fields are not right.",
        "fields": {"fir_year": [{"message": "The FIR was registered in 2026.", "code": "invalid"}]},
    },
)
REVOKED = OpenApiExample(
    "Revoked key",
    value={"code": "authentication_failed", "detail": "This API key has been revoked."},
)
OTHER_STATE = OpenApiExample(
    "Another State/UT's FIR",
    value={
        "code": "permission_denied",
        "detail": "This API key may not write or read reports of this State/UT.",
    },
)

PFIF_EXPORT_DESCRIPTION = """
The reports owned inside your jurisdiction as a PFIF 1.4 document (http://zesty.ca/pfif/1.4):
one `person` per report with its notes, oldest change first. With the `read` scope only the
reports whose consent to share with partner portals is in force while the child is still sought,
and only their public particulars, plus an expiry record (an `expiry_date` already past, the case
number as `full_name`, nothing else) for each report whose consent was withdrawn: delete your
copy of it. A key that also has `read_full` receives every report, with the home address,
medical needs, the circumstances and a note of the case's status. Page with `since`: the
`X-Next-Since` header of each answer is the `since` of the next page, and `X-Has-More` says
whether one follows; reports changed at the same moment are never split across pages. Keep the
last `X-Next-Since` to ask for the changes later.
"""

PFIF_IMPORT_DESCRIPTION = """
A partner's PFIF 1.1 to 1.4 file, sent as it is (`Content-Type: application/xml`), goes into the
review queue of your key's reviewing unit, where its officials accept each person as a report,
mark it as a duplicate or reject it. A person sent again (same `person_record_id`) is updated,
never doubled; its new notes are added. Records breaking the PFIF schema are left out and listed
in `skipped`. Files with a DTD or entities, malformed XML and XML that is not PFIF are refused
(400, `code` `forbidden`, `malformed` or `not_pfif`).

The file is checked and stored at once and imported by the portal's worker: the answer (202) has
`state` `queued` and a `status_url`; read it until `state` is `done` (or `failed`) for the counts
and queue entries.
"""
PFIF_IMPORT_STATUS_DESCRIPTION = """
The state of a file your key sent: `queued`, `importing` (with `persons_done` of `persons_total`),
`done` or `failed`, with the counts and queue entries so far. Files sent by other keys are not
found (404).
"""

PFIF_QUEUED = OpenApiExample(
    "Received, waiting for the worker",
    response_only=True,
    status_codes=["202"],
    value={
        "received_file_id": 311,
        "state": "queued",
        "status_url": "https://trackchild.gov.in/api/v1/pfif/imports/311/",
        "version": "1.4",
        "persons_total": 1,
        "persons_done": 0,
        "persons_received": 0,
        "persons_new": 0,
        "persons_updated": 0,
        "notes_added": 0,
        "skipped": [],
        "queue_entries": [],
    },
)

_PFIF_PERSON = {
    "person_record_id": {"type": "string", "pattern": ".+/.+"},
    "full_name": {"type": "string"},
    "alternate_names": {"type": "string"},
    "sex": {"type": "string", "enum": ["female", "male", "other"]},
    "age": {"type": "string", "pattern": r"^\d+(-\d+)?$"},
    "date_of_birth": {"type": "string", "pattern": r"^\d\d\d\d(-\d\d(-\d\d)?)?$"},
    "description": {"type": "string"},
    "home_city": {"type": "string"},
    "source_date": {"type": "string"},
}
_PFIF_NOTE = {
    "note_record_id": {"type": "string", "pattern": ".+/.+"},
    "status": {
        "type": "string",
        "enum": ["information_sought", "believed_alive", "believed_missing", "believed_dead"],
    },
    "last_known_location": {"type": "string"},
    "text": {"type": "string"},
}


def _pfif_element(properties: dict, name: str, required: list[str]) -> dict:
    return {
        "type": "object",
        "xml": {"name": name, "prefix": "pfif"},
        "properties": {
            field: {**schema, "xml": {"prefix": "pfif"}} for field, schema in properties.items()
        },
        "required": required,
    }


# The shape of a PFIF 1.4 document, with the XML names the fuzzer needs to write one.
PFIF_DOCUMENT = {
    "type": "object",
    "description": "A PFIF 1.1 to 1.4 XML document (only a few of its fields are shown here).",
    "xml": {"name": "pfif", "prefix": "pfif", "namespace": "http://zesty.ca/pfif/1.4"},
    "properties": {
        "person": {
            "type": "array",
            "items": _pfif_element(
                {
                    **_PFIF_PERSON,
                    "note": {
                        "type": "array",
                        "items": _pfif_element(_PFIF_NOTE, "note", ["note_record_id"]),
                    },
                },
                "person",
                ["person_record_id", "full_name"],
            ),
            "minItems": 1,
        }
    },
    "required": ["person"],
}

PFIF_EXPORTED = OpenApiExample(
    "Priya, missing since yesterday, as her station published her",
    response_only=True,
    status_codes=["200"],
    media_type="application/xml",
    value="""<?xml version='1.0' encoding='UTF-8'?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>trackchild.gov.in/report.1042</pfif:person_record_id>
    <pfif:entry_date>2026-11-23T04:45:00Z</pfif:entry_date>
    <pfif:author_name>Capital PS</pfif:author_name>
    <pfif:author_phone>0674-2390100</pfif:author_phone>
    <pfif:source_name>TrackChild</pfif:source_name>
    <pfif:source_date>2026-11-23T03:00:00Z</pfif:source_date>
    <pfif:full_name>Priya Sahu
ପ୍ରିୟା ସାହୁ</pfif:full_name>
    <pfif:description>Identification marks: Mole on left cheek</pfif:description>
    <pfif:sex>female</pfif:sex>
    <pfif:age>11</pfif:age>
    <pfif:note>
      <pfif:note_record_id>trackchild.gov.in/note.1042.event</pfif:note_record_id>
      <pfif:person_record_id>trackchild.gov.in/report.1042</pfif:person_record_id>
      <pfif:entry_date>2026-11-23T03:00:00Z</pfif:entry_date>
      <pfif:author_name>Capital PS</pfif:author_name>
      <pfif:source_date>2026-11-22T12:30:00Z</pfif:source_date>
      <pfif:author_made_contact>false</pfif:author_made_contact>
      <pfif:status>believed_missing</pfif:status>
      <pfif:last_known_location>Bhubaneswar station, Khordha, Odisha</pfif:last_known_location>
      <pfif:text>Missing: Lost in a crowd</pfif:text>
    </pfif:note>
  </pfif:person>
</pfif:pfif>
""",
)

PFIF_PARTNER_FILE = OpenApiExample(
    "A boy Nepal Police are looking for",
    request_only=True,
    media_type="application/xml",
    value="""<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>police.gov.np/person.5531</pfif:person_record_id>
    <pfif:source_name>Nepal Police</pfif:source_name>
    <pfif:source_date>2026-11-20T06:00:00Z</pfif:source_date>
    <pfif:full_name>Bikram Thapa</pfif:full_name>
    <pfif:sex>male</pfif:sex>
    <pfif:age>12</pfif:age>
    <pfif:home_city>Birgunj</pfif:home_city>
    <pfif:home_country>NP</pfif:home_country>
    <pfif:note>
      <pfif:note_record_id>police.gov.np/note.9120</pfif:note_record_id>
      <pfif:source_date>2026-11-19T10:00:00Z</pfif:source_date>
      <pfif:status>believed_missing</pfif:status>
      <pfif:last_known_location>Raxaul border crossing</pfif:last_known_location>
      <pfif:text>Last seen boarding a bus towards Patna.</pfif:text>
    </pfif:note>
  </pfif:person>
</pfif:pfif>
""",
)

PFIF_RECEIPT = OpenApiExample(
    "One new person in the review queue",
    response_only=True,
    status_codes=["200"],
    value={
        "received_file_id": 311,
        "state": "done",
        "status_url": "https://trackchild.gov.in/api/v1/pfif/imports/311/",
        "version": "1.4",
        "persons_total": 1,
        "persons_done": 1,
        "persons_received": 1,
        "persons_new": 1,
        "persons_updated": 0,
        "notes_added": 1,
        "skipped": [],
        "queue_entries": [
            {
                "id": 87,
                "person_record_id": "police.gov.np/person.5531",
                "kind": "missing",
                "status": "pending",
            }
        ],
    },
)

NOT_PFIF = OpenApiExample(
    "Not a PFIF file",
    value={
        "code": "not_pfif",
        "detail": "The file is XML but not a PFIF document: it must start with a pfif element "
        "in the namespace of PFIF 1.1 to 1.4 (http://zesty.ca/pfif/1.4).",
    },
)
NO_REVIEWING_UNIT = OpenApiExample(
    "A key with no unit to review its files",
    value={
        "code": "no_reviewing_unit",
        "detail": "This API key has no unit to review the PFIF files it sends; ask the "
        "administrators to set one.",
    },
)
