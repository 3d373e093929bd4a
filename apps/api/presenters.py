"""Reports, pairs and changes as the API shows them: a case's status and its candidates, never
the child's full record."""

from apps.api import selectors
from apps.pfif import services as pfif_services
from apps.reports.models import Report


def unit_data(unit) -> dict:
    return {
        "name": unit.name,
        "phone": unit.phone,
        "cctns_code": unit.cctns_code,
        "state": unit.state.lgd_code if unit.state_id else None,
        "district": unit.district.lgd_code if unit.district_id else None,
    }


def other_report_data(report: Report) -> dict:
    return {
        "report_id": report.pk,
        "case_number": report.case_number,
        "kind": report.kind,
        "owning_unit": unit_data(report.owning_unit),
    }


def fir_key(report: Report) -> dict | None:
    if not report.registration_kind:
        return None
    return {
        "state": report.owning_unit.state.lgd_code,
        "police_station_code": report.owning_unit.cctns_code,
        "registration_kind": report.registration_kind,
        "fir_number": report.fir_number,
        "fir_year": report.fir_year,
    }


def report_data(report: Report) -> dict:
    call = getattr(report, "helpline_call", None)
    return {
        "report_id": report.pk,
        "case_number": report.case_number,
        "kind": report.kind,
        "status": report.status,
        "closure_reason": report.closure_reason,
        "duplicate_of": other_report_data(report.duplicate_of) if report.duplicate_of_id else None,
        "owning_unit": unit_data(report.owning_unit),
        "fir": fir_key(report),
        "helpline_call": call.reference if call else None,
        "updated_at": report.updated_at,
        "candidates": [
            {
                "id": pair.pk,
                "kind": pair.kind,
                "status": pair.status,
                "score": pair.score,
                "other": other_report_data(
                    pair.other if pair.missing_id == report.pk else pair.missing
                ),
            }
            for pair in selectors.candidates_of(report)
        ],
    }


def change_data(change: selectors.Change) -> dict:
    return {
        "at": change.at,
        "event": change.event,
        "report_id": change.report.pk,
        "case_number": change.report.case_number,
        "fir": fir_key(change.report),
        "status": change.status,
        "previous_status": change.previous_status,
        "reason": change.reason,
        "matched_with": other_report_data(change.matched_with) if change.matched_with else None,
    }


def pfif_receipt_data(received, *, status_url: str) -> dict:
    entries = pfif_services.queue_entries(received)
    return {
        "received_file_id": received.pk,
        "state": received.state,
        "status_url": status_url,
        "version": received.version,
        "persons_total": received.persons_total,
        "persons_done": received.persons_done,
        "persons_received": len(entries),
        "persons_new": received.persons_new,
        "persons_updated": received.persons_updated,
        "notes_added": received.notes_added,
        "skipped": [
            {"record_id": record_id, "field": field, "code": code}
            for record_id, field, code in received.skipped
        ],
        "queue_entries": [
            {
                "id": person.pk,
                "person_record_id": person.person_record_id,
                "kind": person.kind,
                "status": person.status,
            }
            for person in entries
        ],
    }
