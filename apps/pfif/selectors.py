"""Who may exchange PFIF files, which reports they export, and which imported persons they review.

District, state and national officials exchange records with partners: they export the reports
owned inside their jurisdiction. A district official reviews the persons imported by their own
unit; state and national officials those imported by any unit of their State/UT or the country.
Officials of a single unit (a police station, an institution) neither export nor review.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from apps.accounts.jurisdiction import Jurisdiction, scope_to_jurisdiction
from apps.accounts.models import Level
from apps.care.choices import CareStatus
from apps.care.models import ChildInCare
from apps.core.replicas import replica_alias
from apps.pfif.models import ImportedPerson, ReceivedFile, ReviewStatus
from apps.reports.choices import ConsentPurpose, Status
from apps.reports.models import Report
from apps.reports.selectors import consented_to, withdrawn_from

EXPORT_RELATIONS = (
    "owning_unit",
    "event_state",
    "event_district",
    "permanent_state",
    "permanent_district",
)


def can_exchange_pfif(user) -> bool:
    return user.is_authenticated and user.level is not None and user.level >= Level.DISTRICT


def _require_exchange(user) -> None:
    if not can_exchange_pfif(user):
        raise PermissionDenied


def exportable_reports(user, *, kind: str = "", since=None, country: str = ""):
    """Reports owned inside the official's jurisdiction, oldest change first (as PFIF's
    incremental export expects), optionally only one kind, only those changed since and only
    the children of one other country (for that country's portal)."""
    _require_exchange(user)
    reports = reports_to_export(Jurisdiction.of(user), kind=kind, since=since)
    return of_nationality(reports, country) if country else reports


def of_nationality(reports, country: str):
    """The found children of `country`: by their found report, or by their stay in care (the
    institution establishes the nationality of the children it holds)."""
    in_care_as = ChildInCare.objects.filter(
        report=OuterRef("pk"), status=CareStatus.IN_CARE, nationality=country
    )
    return reports.filter(Q(nationality=country) | Exists(in_care_as))


def reports_to_export(
    jurisdiction: Jurisdiction, *, kind: str = "", since=None, publishable_only: bool = False
):
    """As `exportable_reports`, for any jurisdiction (an API key's); `publishable_only` keeps
    the reports partners may have (consent to share with them in force, child still sought)
    and those whose consent was withdrawn, which go out as expiry records. Each report carries
    `shared` (consent in force) and `withdrawn` (a consent withdrawn) for export_reports. Read
    on the replica, if any."""
    lookups = jurisdiction.lookups("owning_unit")
    if lookups is None:
        return Report.objects.none()
    reports = Report.objects.using(replica_alias()).filter(**lookups)
    if kind:
        reports = reports.filter(kind=kind)
    if since:
        reports = reports.filter(updated_at__gte=since)
    reports = reports.annotate(
        shared=consented_to(ConsentPurpose.PARTNER_SHARING),
        withdrawn=withdrawn_from(ConsentPurpose.PARTNER_SHARING),
    )
    if publishable_only:
        reports = reports.filter(Q(shared=True, status=Status.OPEN) | Q(withdrawn=True))
    return (
        reports.select_related(*EXPORT_RELATIONS)
        .prefetch_related("marks")
        .order_by("updated_at", "pk")
    )


def review_queue_for(user, *, status: str = ReviewStatus.PENDING):
    persons = _of_reviewed_files(user, ImportedPerson.objects.all(), "received_file__unit")
    if status:
        persons = persons.filter(status=status)
    return persons.select_related("received_file", "report")


def _of_reviewed_files(user, queryset, unit_path: str):
    _require_exchange(user)
    if user.level == Level.DISTRICT:
        # A district's units import separately; one does not decide on another's partner file.
        return queryset.filter(**{unit_path: user.unit})
    return scope_to_jurisdiction(queryset, user, unit_path=unit_path)


def received_file_for(user, pk: int) -> ReceivedFile:
    """A file imported for a unit the official reviews, as for its persons."""
    return get_object_or_404(_of_reviewed_files(user, ReceivedFile.objects.all(), "unit"), pk=pk)


def imported_person_for(user, pk: int) -> ImportedPerson:
    return get_object_or_404(review_queue_for(user, status=""), pk=pk)


def reports_by_pk(pks: list[int]) -> dict[int, Report]:
    return Report.objects.select_related("owning_unit", "event_district").in_bulk(pks)
