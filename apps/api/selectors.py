"""Reads for machine clients, limited to each client's jurisdiction; who may do what is decided
here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework import exceptions

from apps.api import keys
from apps.api.models import ApiClient, Scope
from apps.directory.models import District, State, Unit
from apps.directory.selectors import STATION_TYPES
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.pfif.models import ReceivedFile
from apps.pfif.selectors import reports_to_export
from apps.reports.choices import ReportKind, Status
from apps.reports.models import Report
from apps.reports.selectors import MISSING_FILING_UNITS

# Enough for a police system catching up after a day offline, in one call.
MAX_CHANGES_PER_PAGE = 500
NO_REVIEWING_UNIT = "no_reviewing_unit"


def client_for_key(key: str) -> ApiClient | None:
    """The client whose key this is, revoked or not; None for a key nobody was given."""
    prefix = keys.prefix_of(key)
    if prefix is None:
        return None
    client = ApiClient.objects.select_related("account").filter(key_prefix=prefix).first()
    if client is None or not constant_time_compare(client.key_hash, keys.digest_of(key)):
        return None
    return client


def state_by_code(lgd_code: int, *, field: str) -> State:
    state = State.objects.filter(lgd_code=lgd_code).first()
    if state is None:
        raise ValidationError({field: _("No State/UT has this LGD code.")})
    return state


def state_for(client: ApiClient, lgd_code: int, *, field: str) -> State:
    """The State/UT of a report the client writes or reads; refused outside its jurisdiction."""
    state = state_by_code(lgd_code, field=field)
    if client.state_id is not None and client.state_id != state.pk:
        raise PermissionDenied(_("This API key may not write or read reports of this State/UT."))
    return state


def district_by_code(lgd_code: int, *, field: str) -> District:
    district = District.objects.filter(lgd_code=lgd_code).first()
    if district is None:
        raise ValidationError({field: _("No district has this LGD code.")})
    return district


def station_by_code(state: State, code: str, *, field: str, unit_types=MISSING_FILING_UNITS):
    station = Unit.objects.filter(
        state=state, cctns_code=code.strip(), unit_type__in=unit_types, is_active=True
    ).first()
    if station is None:
        raise ValidationError({field: _("No police station of this State/UT has this CCTNS code.")})
    return station


def helpline_station(state: State, code: str, *, field: str) -> Unit | None:
    return station_by_code(state, code, field=field, unit_types=STATION_TYPES) if code else None


def fir_report(
    client: ApiClient, *, station: Unit, registration_kind: str, year: int, number: str
) -> Report:
    if not client.jurisdiction.covers_unit(station):
        raise PermissionDenied(_("This API key may not read reports of this police station."))
    report = Report.objects.filter(
        kind=ReportKind.MISSING,
        owning_unit=station,
        registration_kind=registration_kind,
        fir_year=year,
        fir_number__iexact=number.strip(),
    ).first()
    if report is None:
        raise Http404
    return report


def report_for(client: ApiClient, pk: int) -> Report:
    """A report owned inside the client's jurisdiction; any other is as if it did not exist."""
    lookups = client.jurisdiction.lookups("owning_unit")
    report = Report.objects.select_related("owning_unit").filter(pk=pk, **lookups).first()
    if report is None:
        raise Http404
    return report


def candidates_of(report: Report):
    """The pairs the engine proposed for this report, and how officials decided them."""
    return (
        MatchCandidate.objects.filter(Q(missing=report) | Q(other=report))
        .select_related("missing__owning_unit", "other__owning_unit")
        .order_by("-score", "pk")
    )


@dataclass(frozen=True)
class Change:
    at: datetime
    event: str  # "status_changed", "restored" or "match_confirmed"
    report: Report
    status: str
    previous_status: str
    reason: str
    matched_with: Report | None = None


def changes_since(client: ApiClient, since: datetime, *, limit: int) -> list[Change]:
    """What happened after `since` to the FIR-backed missing reports of the client's
    jurisdiction, oldest first: status changes (restorations among them) and confirmed matches.
    At most `limit`, but never splitting changes made at the same moment across pages."""
    firs = client.jurisdiction.lookups("owning_unit")
    changes = _status_changes(since, firs, limit) + _confirmed_matches(since, firs, limit)
    changes.sort(key=lambda change: (change.at, change.report.pk, change.event))
    if len(changes) <= limit:
        return changes
    last = changes[limit - 1].at
    return [change for change in changes if change.at <= last]


def _fir_filter(firs: dict, prefix: str = "") -> dict:
    return {
        f"{prefix}kind": ReportKind.MISSING,
        f"{prefix}registration_kind__gt": "",
        **{f"{prefix}{key}": value for key, value in firs.items()},
    }


def _status_changes(since, firs: dict, limit: int) -> list[Change]:
    history = Report.history.model
    previous = (
        history.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    rows = (
        history.objects.filter(history_date__gt=since, history_type="~", **_fir_filter(firs))
        .annotate(previous_status=Subquery(previous))
        .exclude(previous_status=None)
        .exclude(status=F("previous_status"))
        .order_by("history_date", "history_id")[: limit + 1]
    )
    rows = list(
        rows.values("id", "history_date", "status", "previous_status", "history_change_reason")
    )
    reports = Report.objects.select_related("owning_unit__state").in_bulk(row["id"] for row in rows)
    return [
        Change(
            at=row["history_date"],
            event="restored" if row["status"] == Status.RESTORED else "status_changed",
            report=reports[row["id"]],
            status=row["status"],
            previous_status=row["previous_status"],
            reason=row["history_change_reason"] or "",
        )
        for row in rows
        if row["id"] in reports
    ]


def _confirmed_matches(since, firs: dict, limit: int) -> list[Change]:
    pairs = (
        MatchCandidate.objects.filter(
            kind=CandidateKind.MATCH,
            status=CandidateStatus.CONFIRMED,
            decided_at__gt=since,
            **_fir_filter(firs, "missing__"),
        )
        .select_related("missing__owning_unit__state", "other__owning_unit")
        .order_by("decided_at", "pk")[: limit + 1]
    )
    return [
        Change(
            at=pair.decided_at,
            event="match_confirmed",
            report=pair.missing,
            status=Status.MATCHED,
            previous_status="",
            reason=pair.decision_reason,
            matched_with=pair.other,
        )
        for pair in pairs
    ]


@dataclass(frozen=True)
class PfifPage:
    reports: list[Report]
    full_read: bool
    # Pass as `since` for the next page; None when nothing has been exported yet.
    next_since: datetime | None
    has_more: bool


def pfif_page(client: ApiClient, *, kind: str, since: datetime | None, limit: int) -> PfifPage:
    """The reports owned inside the client's jurisdiction changed at or after `since`, oldest
    change first: all of them with the scope to read in full, otherwise only those whose
    publication is allowed. At most `limit`, but never splitting reports changed at the same
    moment across pages."""
    full_read = Scope.READ_FULL in client.scopes
    reports = reports_to_export(
        client.jurisdiction, kind=kind, since=since, publishable_only=not full_read
    )
    page = list(reports[: limit + 1])
    has_more = len(page) > limit
    if has_more:
        page, last = page[:limit], page[limit - 1]
        page += reports.filter(updated_at=last.updated_at, pk__gt=last.pk)
        has_more = reports.filter(updated_at__gt=last.updated_at).exists()
    # Times are kept to the microsecond, so the next page starts just after this one ends.
    next_since = page[-1].updated_at + timedelta(microseconds=1) if page else since
    return PfifPage(reports=page, full_read=full_read, next_since=next_since, has_more=has_more)


def reviewing_unit(client: ApiClient) -> Unit:
    """The unit whose officials review the PFIF files this client sends."""
    if client.unit is None:
        raise exceptions.PermissionDenied(
            _(
                "This API key has no unit to review the PFIF files it sends; ask the "
                "administrators to set one."
            ),
            code=NO_REVIEWING_UNIT,
        )
    return client.unit


def received_file_for(client: ApiClient, received_id: int) -> ReceivedFile:
    """A PFIF file this client sent; any other is answered as if it did not exist."""
    received = ReceivedFile.objects.filter(pk=received_id, received_by=client.account).first()
    if received is None:
        raise Http404
    return received
