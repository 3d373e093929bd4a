"""A child report as a PFIF person with notes, and a PFIF person as the fields of a report.

PFIF has no field for most of what a report holds, so the description carries labelled lines
("Height (cm): 135") that this module reads back; a partner's free description is kept as the
identification marks, which matching reads. The place and time a child went missing or was
found is the first note: its `source_date` is when the child was last seen or found and its
`last_known_location` is "locality, district, State/UT". Labels stay in English whatever the
page language: a PFIF file is exchanged with partners, not shown to the official.
"""

from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone, translation

from apps.directory.models import District, State
from apps.pfif.format import Note, Person
from apps.reports.choices import ClosureReason, ReportKind, Sex, Status

SEX_TO_PFIF = {Sex.MALE: "male", Sex.FEMALE: "female", Sex.TRANSGENDER: "other"}
SEX_FROM_PFIF = {value: key for key, value in SEX_TO_PFIF.items()}
PUBLIC_DESCRIPTION = {
    "identification_marks": "Identification marks",
    "height_cm": "Height (cm)",
    "hair": "Hair",
    "clothing": "Clothing",
    "school_class": "School and class",
}
FULL_DESCRIPTION = {"medical_needs": "Disability or medical needs"}
LABEL_TO_FIELD = {label: name for name, label in (PUBLIC_DESCRIPTION | FULL_DESCRIPTION).items()}
FOUND_STATUSES = frozenset({"believed_alive", "is_note_author"})
TRACED_STATUSES = frozenset({Status.TRACED, Status.MATCHED, Status.RESTORED})


def pfif_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def person_from_report(report, *, full_read: bool) -> Person:
    """The report as PFIF; without `full_read` only what publication consent covers (no home
    address, no medical needs, no case status)."""
    domain = settings.PFIF_DOMAIN
    unit = report.owning_unit
    with translation.override(settings.LANGUAGE_CODE):
        person = Person(
            person_record_id=f"{domain}/report.{report.pk}",
            entry_date=pfif_time(report.updated_at),
            author_name=unit.name,
            author_email=unit.email,
            author_phone=unit.phone,
            source_name=settings.PFIF_SOURCE_NAME,
            source_date=pfif_time(report.created_at),
            full_name="\n".join(filter(None, [report.full_name, report.name_local]))
            or str(report.display_name),
            alternate_names=report.other_names,
            description=_description(report, full_read=full_read),
            sex=SEX_TO_PFIF.get(report.sex, ""),
            date_of_birth=report.date_of_birth.isoformat() if report.date_of_birth else "",
            age=str(report.age_min)
            if report.age_min == report.age_max
            else f"{report.age_min}-{report.age_max}",
            notes=_notes(report, full_read=full_read),
        )
        if full_read:
            _add_home(person, report)
        if report.is_foreign_national and not person.home_country:
            # The partner country's portal learns the child is one of its own.
            person.home_country = report.nationality
    return person


def expiry_of_report(report) -> Person:
    """PFIF 1.4's way of taking a record back: the record's id with an expiry date already
    past, which tells a partner to delete its copy, and nothing about the child: in place of
    the name PFIF requires, the case number."""
    withdrawn = pfif_time(report.updated_at)
    return Person(
        person_record_id=f"{settings.PFIF_DOMAIN}/report.{report.pk}",
        entry_date=withdrawn,
        expiry_date=withdrawn,
        source_name=settings.PFIF_SOURCE_NAME,
        full_name=report.case_number,
    )


def _description(report, *, full_read: bool) -> str:
    labels = PUBLIC_DESCRIPTION | (FULL_DESCRIPTION if full_read else {})
    marks = "; ".join(
        filter(None, [report.identification_marks, *(str(mark) for mark in report.marks.all())])
    )
    values = {name: getattr(report, name) for name in labels} | {"identification_marks": marks}
    return "\n".join(f"{labels[name]}: {value}" for name, value in values.items() if value)


def _place(locality: str, district, state) -> str:
    return ", ".join(
        filter(
            None, [locality, district.name_en if district else "", state.name_en if state else ""]
        )
    )


def _notes(report, *, full_read: bool) -> list[Note]:
    domain = settings.PFIF_DOMAIN
    found = report.kind != ReportKind.MISSING
    what = report.get_found_by_display() if found else report.get_circumstances_display()
    heading = "Found" if found else "Missing"
    details = [f"{heading}: {what}" if what else heading, report.event_landmark]
    if full_read and not found:
        details.append(report.circumstances_detail)
    notes = [
        Note(
            note_record_id=f"{domain}/note.{report.pk}.event",
            person_record_id=f"{domain}/report.{report.pk}",
            entry_date=pfif_time(report.created_at),
            author_name=report.owning_unit.name,
            source_date=pfif_time(report.event_at),
            author_made_contact=found,
            status="believed_alive" if found else "believed_missing",
            last_known_location=_place(
                report.event_locality, report.event_district, report.event_state
            ),
            text="\n".join(filter(None, details)),
        )
    ]
    if full_read and report.status != Status.OPEN:
        notes.append(_status_note(report))
    return notes


def _status_note(report) -> Note:
    domain = settings.PFIF_DOMAIN
    status = ""
    if report.status in TRACED_STATUSES:
        status = "believed_alive"
    elif report.closure_reason == ClosureReason.DECEASED:
        status = "believed_dead"
    text = str(report.get_status_display())
    if report.closure_reason:
        text = f"{text}: {report.get_closure_reason_display()}"
    return Note(
        note_record_id=f"{domain}/note.{report.pk}.status",
        person_record_id=f"{domain}/report.{report.pk}",
        entry_date=pfif_time(report.updated_at),
        author_name=report.owning_unit.name,
        source_date=pfif_time(report.updated_at),
        status=status,
        text=text,
    )


def _add_home(person: Person, report) -> None:
    if not (report.permanent_state or report.permanent_locality):
        return
    person.home_neighborhood = report.permanent_locality
    person.home_city = report.permanent_district.name_en if report.permanent_district else ""
    person.home_state = report.permanent_state.name_en if report.permanent_state else ""
    person.home_postal_code = report.permanent_pin_code
    person.home_country = "IN"


# --- Reading a partner's person back as report fields ---


def report_kind(person: Person) -> str:
    """Found when the first note that says anything of the child says the child was seen or
    contacted; missing otherwise (a person record is most often someone sought)."""
    first = _first_status_note(person)
    if first and (first.author_made_contact or first.status in FOUND_STATUSES):
        return ReportKind.FOUND
    return ReportKind.MISSING


def _first_status_note(person: Person) -> Note | None:
    telling = [n for n in person.notes if n.status or n.author_made_contact is not None]
    return min(telling, key=lambda note: note.source_date, default=None)


def report_fields(person: Person) -> dict:
    """The fields of a report (model field names, model values) that the person fills."""
    full_name, name_local, extra_names = _names(person.full_name)
    fields = {"kind": report_kind(person), "full_name": full_name, "name_local": name_local}
    fields["other_names"] = ", ".join([*extra_names, *person.alternate_names.splitlines()])
    fields["sex"] = SEX_FROM_PFIF.get(person.sex, Sex.UNKNOWN)
    first = _first_status_note(person)
    event_at = parse_time(first.source_date if first else "") or parse_time(person.source_date)
    fields["event_at"] = event_at
    fields.update(_age(person, event_at))
    fields.update(_read_description(person.description))
    fields.update(_resolve_place("event", first.last_known_location.split(", ") if first else []))
    home = [
        person.home_street,
        person.home_neighborhood,
        person.home_city,
        person.home_state,
    ]
    fields.update(_resolve_place("permanent", [part for part in home if part]))
    if person.home_country and person.home_country != "IN":
        fields["permanent_locality"] = ", ".join(
            filter(None, [fields["permanent_locality"], person.home_country])
        )
    fields["permanent_pin_code"] = person.home_postal_code
    return fields


def _names(full_name: str) -> tuple[str, str, list[str]]:
    """The first name in Latin letters is the full name, the first in another script the name
    in the local script; any others are other names."""
    latin, local, others = "", "", []
    for line in filter(None, (line.strip() for line in full_name.splitlines())):
        if line.isascii() and not latin:
            latin = line
        elif not line.isascii() and not local:
            local = line
        else:
            others.append(line)
    return latin, local, others


def _age(person: Person, event_at: datetime | None) -> dict:
    if person.age:
        low, _, high = person.age.partition("-")
        return {"age_min": int(low), "age_max": int(high or low)}
    born = _full_date(person.date_of_birth)
    if born and event_at:
        on = timezone.localtime(event_at).date()
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return {"age_min": years, "age_max": years, "date_of_birth": born}
    return {"age_min": None, "age_max": None}


def _full_date(text: str) -> date | None:
    return date.fromisoformat(text) if len(text) == len("yyyy-mm-dd") else None


def _read_description(description: str) -> dict:
    fields, unlabelled = {}, []
    for line in description.splitlines():
        label, separator, value = line.partition(": ")
        name = LABEL_TO_FIELD.get(label) if separator else None
        if name:
            fields[name] = int(value) if name == "height_cm" and value.isdigit() else value
        elif line.strip():
            unlabelled.append(line.strip())
    if unlabelled:
        fields["identification_marks"] = "\n".join(
            filter(None, [fields.get("identification_marks", ""), *unlabelled])
        )
    return fields


def _resolve_place(prefix: str, parts: list[str]) -> dict:
    """State/UT and district by their English names when the last parts name them; the rest
    (or everything, for a place abroad) is the locality."""
    parts = [part.strip() for part in parts if part.strip()]
    state = district = None
    if parts:
        state = State.objects.filter(name_en__iexact=parts[-1]).first()
    if state:
        parts.pop()
        if parts:
            district = District.objects.filter(state=state, name_en__iexact=parts[-1]).first()
        if district:
            parts.pop()
    return {
        f"{prefix}_state": state,
        f"{prefix}_district": district,
        f"{prefix}_locality": ", ".join(parts),
    }
