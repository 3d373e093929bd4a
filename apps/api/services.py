"""Issuing and revoking API keys, logging calls, and what machine clients write: FIRs pushed by
CCTNS and reports from child helplines. Each function is one transaction."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.api import keys, records
from apps.api.models import ApiCall, ApiClient, HelplineCall
from apps.core.images import CleanPhoto
from apps.reports import services as report_services
from apps.reports.choices import FoundBy, Placement, RegistrationKind, ReportKind
from apps.reports.forms import FoundReportForm, MissingReportForm
from apps.reports.models import Report

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class Written:
    report: Report
    outcome: str  # CREATED, UPDATED or UNCHANGED


@transaction.atomic
def create_client(
    *, name: str, state, district, scopes: list[str], calls_per_minute: int, unit=None
):
    """A new client and its key; the key is returned once and never stored."""
    issued = keys.new_key()
    account = get_user_model().objects.create(
        username=f"api-{issued.prefix}", first_name=name[:150], is_active=False
    )
    account.set_unusable_password()
    account.save(update_fields=["password"])
    client = ApiClient.objects.create(
        name=name,
        state=state or (district.state if district else None),
        district=district,
        scopes=scopes,
        unit=unit,
        calls_per_minute=calls_per_minute,
        account=account,
        key_prefix=issued.prefix,
        key_hash=issued.digest,
        key_issued_at=timezone.now(),
    )
    return client, issued.key


@transaction.atomic
def rotate_key(*, client: ApiClient) -> str:
    """A new key replaces the old one at once (and brings a revoked client back)."""
    issued = keys.new_key()
    client.key_prefix, client.key_hash = issued.prefix, issued.digest
    client.key_issued_at, client.revoked_at = timezone.now(), None
    client.save(update_fields=["key_prefix", "key_hash", "key_issued_at", "revoked_at"])
    return issued.key


@transaction.atomic
def revoke(*, client: ApiClient) -> None:
    ApiClient.objects.filter(pk=client.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def log_call(*, client, method: str, path: str, status: int, duration_ms: int, ip_address):
    return ApiCall.objects.create(
        client=client,
        method=method,
        path=path[:300],
        status=status,
        duration_ms=duration_ms,
        ip_address=ip_address,
    )


@transaction.atomic
def push_fir(
    *,
    client: ApiClient,
    station,
    fields: dict,
    marks: list[dict] | None,
    photos: list[CleanPhoto] | None,
) -> Written:
    """Create or update the missing report of one FIR, keyed by (station, registration kind,
    year, number). Sending the same FIR again changes nothing; `marks` or `photos` left out
    (None) keep the report's own, and so do the fields left out."""
    if not client.jurisdiction.covers_unit(station):
        raise PermissionDenied(_("This API key may not write reports of this police station."))
    fields.pop("fir_year")  # FirSerializer checked it against fir_registered_at
    year = timezone.localtime(fields["fir_registered_at"]).year
    existing = _fir_report(station, fields, year)
    if existing is None:
        try:
            # A savepoint, so that losing the race to another push leaves this one usable.
            with transaction.atomic():
                return _file_fir(client, station, fields, marks or [], photos or [])
        except (IntegrityError, ValidationError):
            # The same FIR pushed at the same moment was filed first (the unique constraint, or
            # the form's check once the other push committed): this push becomes its update.
            existing = _fir_report(station, fields, year)
            if existing is None:
                raise
    return _update_fir(client, existing, fields, marks, photos)


def _fir_report(station, fields: dict, year: int) -> Report | None:
    return (
        Report.objects.select_for_update()
        .filter(
            kind=ReportKind.MISSING,
            owning_unit=station,
            registration_kind=fields.get("registration_kind", RegistrationKind.FIR),
            fir_year=year,
            fir_number__iexact=fields["fir_number"].strip(),
        )
        .first()
    )


def _file_fir(client, station, fields, marks, photos) -> Written:
    report = Report(kind=ReportKind.MISSING, owning_unit=station)
    report = records.validated_report(
        MissingReportForm, report=report, fields=fields, account=client.account
    )
    report_services.file_report(
        report=report,
        filed_by=client.account,
        owning_unit=station,
        marks=records.with_defaults(marks),
        photos=_named(photos),
    )
    return Written(report, CREATED)


def _named(photos: list[CleanPhoto]) -> list[tuple[str, CleanPhoto]]:
    """Photos as the report services take them (under a name, which the API has none of)."""
    return [("photo.jpg", photo) for photo in photos]


def _update_fir(client, report, fields, marks, photos) -> Written:
    before = records.snapshot(report, MissingReportForm)
    reason = _("Updated from CCTNS")
    report = records.validated_report(
        MissingReportForm, report=report, fields=fields, account=client.account, reason=reason
    )
    new_marks = records.stored_marks(report) if marks is None else records.with_defaults(marks)
    stored_photos = records.photo_digests(report)
    photos_changed = photos is not None and stored_photos != [
        records.digest(photo.image) for photo in photos
    ]
    if (
        records.snapshot(report, MissingReportForm) == before
        and new_marks == records.stored_marks(report)
        and not photos_changed
    ):
        return Written(report, UNCHANGED)
    report_services.update_report(
        report=report,
        edited_by=client.account,
        reason=reason,
        marks=new_marks,
        new_photos=_named(photos) if photos_changed else [],
        removed_photos=list(report.photos.all()) if photos_changed else [],
    )
    return Written(report, UPDATED)


@transaction.atomic
def take_helpline_report(
    *,
    client: ApiClient,
    kind: ReportKind,
    helpline: str,
    call_id: str,
    station,
    fields: dict,
    photos: list[CleanPhoto],
) -> Written:
    """A child seen by, or in the care of, a helpline caller enters the same flow as a
    citizen's sighting: a report of the police station of the place, matched at once. The call
    reference stays with it; the same call sent again files nothing new."""
    if not client.covers_place(
        state_id=fields["event_state"], district_id=fields["event_district"]
    ):
        raise PermissionDenied(_("This API key may not write reports of this State/UT."))
    earlier = HelplineCall.objects.filter(client=client, helpline=helpline, call_id=call_id)
    if earlier.exists():
        return Written(earlier.select_related("report").get().report, UNCHANGED)
    reference = f"{helpline}/{call_id}"
    heard = _("Reported to helpline %(line)s, call %(reference)s.") % {
        "line": helpline,
        "reference": reference,
    }
    # Not a field of the found report form: what the caller said goes on the record as is.
    told = fields.pop("circumstances_detail", "")
    report = Report(
        kind=kind,
        circumstances_detail=f"{heard}\n{told}" if told else heard,
        # Checked on filing: running today in the State/UT of the report's police station.
        drive=fields.pop("drive", None),
    )
    fields["found_by"] = FoundBy.CHILD_HELPLINE
    fields.setdefault("placement", Placement.NOT_PLACED)  # a sighting: nobody holds the child
    report = records.validated_report(
        FoundReportForm, report=report, fields=fields, account=client.account
    )
    report_services.file_for_station_of_place(
        report=report,
        filed_by=client.account,
        police_station=station,
        photos=_named(photos),
    )
    HelplineCall.objects.create(client=client, helpline=helpline, call_id=call_id, report=report)
    return Written(report, CREATED)
