"""Exporting reports as PFIF 1.4 and importing a partner's PFIF file into the review queue.

`export_reports` and `receive_pfif` are the two entry points other channels (the web pages
here, the REST API) call; the caller decides who may, with apps.pfif.selectors. The worker
imports a received file with `import_received`.
"""

import hashlib
from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.matching.engine.evidence import exclusion
from apps.matching.engine.profile import Profile, read_profile
from apps.matching.engine.scoring import calibrated_score, pair_log_odds
from apps.matching.records import record_from_fields
from apps.matching.selectors import candidate_rows
from apps.matching.thresholds import PROPOSAL_THRESHOLD, TOP_CANDIDATES
from apps.names.keys import name_keys
from apps.outbox.services import enqueue
from apps.pfif.format import (
    MAX_DOCUMENT_BYTES,
    Note,
    Person,
    PfifError,
    read_document,
    write_document,
)
from apps.pfif.mapping import expiry_of_report, person_from_report, report_fields
from apps.pfif.models import ImportedPerson, ImportState, ReceivedFile, ReviewStatus
from apps.reports import services as report_services
from apps.reports.models import ADULT_AGE, Report, Status
from apps.reports.selectors import has_full_access

# Persons imported per transaction: each batch is saved with the file's counts and progress.
PERSONS_PER_TRANSACTION = 100
# Reports sharing a name key with an imported person that the engine scores, newest first.
DUPLICATE_CANDIDATES = 200
PFIF_ERRORS = {
    "too_large": gettext_lazy("The file is too large: a PFIF file may be at most 20 MB."),
    "forbidden": gettext_lazy(
        "The file is refused: it declares a DTD or entities, which PFIF files never need "
        "and which can be used to attack the server."
    ),
    "malformed": gettext_lazy(
        "The file is not well-formed XML (the first error is on line %(line)s)."
    ),
    "not_pfif": gettext_lazy(
        "The file is XML but not a PFIF document: it must start with a pfif element in the "
        "namespace of PFIF 1.1 to 1.4 (http://zesty.ca/pfif/1.4)."
    ),
}
NOT_PENDING = gettext_lazy("This person has already been decided on.")


def export_reports(reports, *, full_read: bool) -> bytes:
    """A PFIF 1.4 document of `reports` (from pfif.selectors, which marks each `shared` and
    `withdrawn`). Without `full_read`: the reports whose consent to share with partner portals
    is in force, while the child is still sought, with only the public particulars; and for
    each whose consent was withdrawn, an expiry record, so that partners delete their copy."""
    persons = []
    for report in reports:
        if full_read or (report.shared and report.status == Status.OPEN):
            persons.append(person_from_report(report, full_read=full_read))
        elif report.withdrawn and not report.shared:
            persons.append(expiry_of_report(report))
    return write_document(persons)


def receive_pfif(file, *, received_by, source_name: str, unit=None) -> ReceivedFile:
    """Check a partner's PFIF file and store it; the worker imports it (import_received), so a
    large file never holds a request. Its persons go into the review queue of `unit`, by
    default the importing official's own, reviewed by it and the state and national officials
    over it. Raises ValidationError, in the official's language, for a file that cannot be
    read: that much is checked at once, by reading the whole document (fast; no database)."""
    try:
        data = file if isinstance(file, bytes) else read_upload(file)
        document = read_document(data)
    except PfifError as error:
        raise ValidationError(PFIF_ERRORS[error.code] % error.params, code=error.code) from None
    with transaction.atomic():
        received = ReceivedFile(
            source_name=source_name,
            file_name=getattr(file, "name", "")[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            version=document.version,
            received_by=received_by,
            unit=unit or received_by.unit,
            persons_total=len(document.persons),
            skipped=[list(asdict(problem).values()) for problem in document.problems],
        )
        received.file.save("received.xml", ContentFile(data), save=False)
        received.save()
        queue_import(received.pk)
    return received


def queue_import(received_id: int) -> None:
    """Recorded with the file (the outbox), handed to the worker once it commits."""
    from apps.pfif.tasks import import_received_file

    enqueue(import_received_file, received_id)


def import_received(received_id: int) -> ReceivedFile:
    """Put every person of a received file into the review queue, with the reports the matching
    engine finds most like them. A person sent again (same record id) gets the new notes; one
    still waiting also gets the new particulars. Persons are imported a batch per transaction,
    with the file's counts: a run that died resumes after the last batch, and a second run of a
    finished import does nothing."""
    received = ReceivedFile.objects.get(pk=received_id)
    if received.is_finished:
        return received
    try:
        with received.file.open("rb") as stored:
            document = read_document(stored.read())
    except (PfifError, FileNotFoundError):
        # Checked when received, so only a file lost or damaged in storage since.
        received.state, received.finished_at = ImportState.FAILED, timezone.now()
        received.save(update_fields=["state", "finished_at"])
        return received
    ReceivedFile.objects.filter(pk=received_id, state=ImportState.QUEUED).update(
        state=ImportState.IMPORTING
    )
    persons = document.persons
    for first in range(received.persons_done, len(persons), PERSONS_PER_TRANSACTION):
        _import_batch(received_id, first, persons[first : first + PERSONS_PER_TRANSACTION])
    return _finish_import(received_id, document.loose_notes)


@transaction.atomic
def _import_batch(received_id: int, first: int, persons: list[Person]) -> None:
    received = ReceivedFile.objects.select_for_update().get(pk=received_id)
    if received.persons_done != first:
        return  # another run of this import got here first
    finder = DuplicateFinder()
    known = {
        person.person_record_id: person
        for person in ImportedPerson.objects.select_for_update().filter(
            person_record_id__in=[person.person_record_id for person in persons]
        )
    }
    entries = []
    for person in persons:
        entry = _queue_person(received, person, finder, known.get(person.person_record_id))
        known[person.person_record_id] = entry  # a person twice in one file is one entry
        entries.append(entry)
    received.entry_ids = [*received.entry_ids, *(entry.pk for entry in entries)]
    received.persons_done += len(persons)
    received.state = ImportState.IMPORTING
    received.save()


@transaction.atomic
def _finish_import(received_id: int, loose_notes: list[Note]) -> ReceivedFile:
    received = ReceivedFile.objects.select_for_update().get(pk=received_id)
    if received.is_finished:
        return received
    for note in loose_notes:
        _add_loose_note(received, note)
    received.state, received.finished_at = ImportState.DONE, timezone.now()
    received.save()
    return received


def queue_entries(received: ReceivedFile) -> list[ImportedPerson]:
    """The review queue entries of the file's persons imported so far, in file order."""
    entries = ImportedPerson.objects.in_bulk(received.entry_ids)
    return [entries[pk] for pk in received.entry_ids if pk in entries]


def read_upload(file) -> bytes:
    """The uploaded file, read chunk by chunk and given up as soon as it passes the limit, so an
    oversized upload is never held in memory whole."""
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise PfifError("too_large", limit=MAX_DOCUMENT_BYTES)
    data = bytearray()
    for chunk in file.chunks():
        data += chunk
        if len(data) > MAX_DOCUMENT_BYTES:
            raise PfifError("too_large", limit=MAX_DOCUMENT_BYTES)
    return bytes(data)


def _queue_person(
    received: ReceivedFile, person: Person, finder, existing: ImportedPerson | None
) -> ImportedPerson:
    """`existing`: the queue entry of the same record id, locked, if any."""
    if existing is None:
        fields = report_fields(person)
        queued = ImportedPerson.objects.create(
            received_file=received,
            person_record_id=person.person_record_id,
            record=asdict(person),
            full_name=person.full_name.splitlines()[0][:500],
            kind=fields["kind"],
            likely_duplicates=finder(fields),
        )
        received.persons_new += 1
        received.notes_added += len(person.notes)
        return queued
    received.notes_added += _merge_notes(existing, person.notes)
    particulars = asdict(person) | {"notes": existing.record["notes"]}
    if existing.status == ReviewStatus.PENDING and particulars != existing.record:
        existing.record = particulars
        existing.full_name = person.full_name.splitlines()[0][:500]
        existing.likely_duplicates = finder(report_fields(stored_person(existing)))
        received.persons_updated += 1
    existing.save()
    return existing


def _add_loose_note(received: ReceivedFile, note: Note) -> None:
    existing = (
        ImportedPerson.objects.select_for_update()
        .filter(person_record_id=note.person_record_id)
        .first()
    )
    if existing is None:
        received.skipped.append([note.note_record_id, "person_record_id", "unknown_person"])
        return
    received.notes_added += _merge_notes(existing, [note])
    existing.save()


def _merge_notes(existing: ImportedPerson, new: list[Note]) -> int:
    known = existing.record["notes"]
    ids = {note["note_record_id"] for note in known}
    added = [asdict(note) for note in new if note.note_record_id not in ids]
    existing.record["notes"] = [*known, *added]
    return len(added)


def stored_person(person: ImportedPerson) -> Person:
    """The PFIF person as imported, with every note received so far."""
    record = dict(person.record)
    return Person(**record | {"notes": [Note(**note) for note in record["notes"]]})


class DuplicateFinder:
    """Called with an imported person's report fields: [report id, score] of the existing
    reports the engine finds most like the person, strongest first. Same-side reports are
    compared too (the same child reported missing here and abroad), with the earlier report
    standing as the missing side. Persons of one file share names, hence candidates: one finder
    per batch fetches and reads each candidate report once, not once per person (the import's
    hot spot)."""

    def __init__(self):
        self.candidates: dict[tuple[str, ...], list[int]] = {}
        self.rows: dict[int, tuple[dict, list[str]]] = {}
        self.profiles: dict[tuple[int, str], Profile] = {}

    def __call__(self, fields: dict) -> list[list]:
        keys = tuple(name_keys(fields["full_name"], fields["other_names"], fields["name_local"]))
        if not keys:
            return []
        if keys not in self.candidates:
            self.candidates[keys] = list(
                Report.objects.filter(name_keys__overlap=keys)
                .order_by("-event_at")
                .values_list("pk", flat=True)[:DUPLICATE_CANDIDATES]
            )
        candidate_ids = self.candidates[keys]
        unread = [pk for pk in candidate_ids if pk not in self.rows]
        if unread:
            self.rows.update((row["id"], (row, marks)) for row, marks in candidate_rows(unread))
        imported = _engine_fields(fields)
        imported_as = {
            side: read_profile(record_from_fields(imported, [], as_side=side))
            for side in ("missing", "found")
        }
        scored = []
        for pk in candidate_ids:
            row, _marks = self.rows[pk]
            if imported["event_at"] <= row["event_at"]:
                score = _score(imported_as["missing"], self._profile(pk, "found"))
            else:
                score = _score(self._profile(pk, "missing"), imported_as["found"])
            if score is not None and score >= PROPOSAL_THRESHOLD:
                scored.append([pk, round(score, 1)])
        scored.sort(key=lambda pair: -pair[1])
        return scored[:TOP_CANDIDATES]

    def _profile(self, pk: int, side: str) -> Profile:
        if (pk, side) not in self.profiles:
            row, marks = self.rows[pk]
            self.profiles[pk, side] = read_profile(record_from_fields(row, marks, as_side=side))
        return self.profiles[pk, side]


def _score(missing: Profile, found: Profile) -> float | None:
    """The engine's score of the pair without the words explaining it, which would cost most
    of the import; an imported person has no photo, hence no face distance."""
    if exclusion(missing, found) is not None:
        return None
    return calibrated_score(pair_log_odds(missing, found, None))


def _engine_fields(fields: dict) -> dict:
    """The imported person in the shape apps.matching.records.record_from_fields reads."""
    state, district = fields["event_state"], fields["event_district"]
    return {
        "id": "imported",
        "kind": fields["kind"],
        "full_name": fields["full_name"],
        "other_names": fields["other_names"],
        "name_local": fields["name_local"],
        "sex": fields["sex"],
        "age_min": fields["age_min"] if fields["age_min"] is not None else 0,
        "age_max": fields["age_max"] if fields["age_max"] is not None else ADULT_AGE - 1,
        "event_at": fields["event_at"] or timezone.now(),
        "date_of_birth": fields.get("date_of_birth"),
        "event_state__name_en": state.name_en if state else "",
        "event_district__name_en": district.name_en if district else "",
        "event_district_id": district.pk if district else None,
        "permanent_district_id": home.pk if (home := fields["permanent_district"]) else None,
        "present_district_id": None,
        "event_locality": fields["event_locality"],
        "event_landmark": "",
        "height_cm": fields.get("height_cm"),
        "complexion": "",
        "identification_marks": fields.get("identification_marks", ""),
        "languages": [],
        "mother_tongue": "",
        "told_language": "",
        "father_name": "",
        "told_parent_names": "",
        "told_home_place": "",
        "mother_name": "",
        "guardian_name": "",
    }


@transaction.atomic
def accept_person(*, person: ImportedPerson, report: Report, accepted_by, marks, photos) -> Report:
    """File the official's completed report for an imported person, as the web form files any
    report (same validation, history, case number and matching)."""
    person = _pending(person)
    report_services.file_report(report=report, filed_by=accepted_by, marks=marks, photos=photos)
    report_services.add_case_note(report=report, written_by=accepted_by, text=_origin(person))
    _record_review_decision(person, ReviewStatus.ACCEPTED, decided_by=accepted_by, report=report)
    return report


@transaction.atomic
def mark_duplicate(*, person: ImportedPerson, report: Report, decided_by) -> ImportedPerson:
    """The partner's record is noted on an existing report, which the official must be able to
    change: the note is written into another unit's case file."""
    if not has_full_access(decided_by, report):
        raise PermissionDenied
    person = _pending(person)
    report_services.add_case_note(report=report, written_by=decided_by, text=_origin(person))
    _record_review_decision(person, ReviewStatus.DUPLICATE, decided_by=decided_by, report=report)
    return person


@transaction.atomic
def reject_person(*, person: ImportedPerson, decided_by, reason: str) -> ImportedPerson:
    person = _pending(person)
    _record_review_decision(person, ReviewStatus.REJECTED, decided_by=decided_by, note=reason)
    return person


def _pending(person: ImportedPerson) -> ImportedPerson:
    person = ImportedPerson.objects.select_for_update().get(pk=person.pk)
    if person.status != ReviewStatus.PENDING:
        raise ValidationError(NOT_PENDING)
    return person


def _record_review_decision(
    person: ImportedPerson, status, *, decided_by, report=None, note=""
) -> None:
    person.status, person.report = status, report
    person.decided_by, person.decided_at = decided_by, timezone.now()
    person.decision_note = note
    person.save()


def _origin(person: ImportedPerson) -> str:
    return _("Also reported by %(partner)s in PFIF record %(record)s.") % {
        "partner": person.received_file.source_name,
        "record": person.person_record_id,
    }
