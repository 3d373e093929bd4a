"""Who may open which child in care, and what they may do there.

A Child Care Institution sees its own children (and, after a transfer, what it wrote while the
child was with it); the district's CWC and DCPU see every child placed in the district, the JJB
the children in conflict with law; district, state and national officials their scope. Police
never open care records: they meet children in care only through national search and matching.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction, official_unit
from apps.accounts.models import Level
from apps.care.choices import CareStatus, Category, TransferStatus
from apps.care.models import CareOrder, CarePlan, ChildInCare, DischargeRequest, Transfer
from apps.directory.models import CCI_UNIT_TYPES, POLICE_UNIT_TYPES, Unit, UnitType
from apps.reports.choices import Placement, ReportKind, Status
from apps.reports.models import Report

# Units that watch over every child placed in their district, whatever their own level.
DISTRICT_CARE_UNITS = frozenset({UnitType.CWC, UnitType.DCPU, UnitType.JJB})
DECIDING_BODIES = frozenset({UnitType.CWC, UnitType.JJB})
# The JJ Act sends children in need of care to the CWC and children in conflict with law to the JJB.
DECIDING_BODY_FOR = {
    Category.CARE_AND_PROTECTION: UnitType.CWC,
    Category.CONFLICT_WITH_LAW: UnitType.JJB,
}
RECORD_RELATIONS = ("report", "institution__district", "deciding_body")
# A care plan is due this long before its review date, so that the review is prepared in time.
PLAN_DUE_AHEAD = timedelta(days=7)


@dataclass(frozen=True)
class CareAccess:
    """What one official may do with one child's record."""

    read_all: bool = False
    own_entries_of: Unit | None = None  # a former institution reads only its own entries
    write_entries: bool = False
    record_orders: bool = False
    manage_stay: bool = False

    @property
    def any(self) -> bool:
        return self.read_all or self.own_entries_of is not None


def can_see_children_in_care(user) -> bool:
    unit = official_unit(user)
    return unit is not None and unit.unit_type not in POLICE_UNIT_TYPES and _scope(user) is not None


def can_admit(user) -> bool:
    unit = official_unit(user)
    return unit is not None and unit.is_cci


def _scope(user) -> Q | None:
    """The children in care the user oversees, as a filter; None for none."""
    unit = official_unit(user)
    if unit is None or unit.unit_type in POLICE_UNIT_TYPES:
        return None
    if unit.is_cci:
        return Q(institution=unit)
    if unit.unit_type == UnitType.JJB:
        return Q(institution__district_id=unit.district_id, category=Category.CONFLICT_WITH_LAW)
    scope = Jurisdiction.watching(user)
    return None if scope.level == Level.UNIT else Q(**scope.lookups("institution"))


def access_to(user, child: ChildInCare) -> CareAccess:
    scope = _scope(user)
    unit = official_unit(user)
    if scope is None:
        return CareAccess()
    if not ChildInCare.objects.filter(scope, pk=child.pk).exists():
        if unit.is_cci and _was_transferred_from(child, unit):
            return CareAccess(own_entries_of=unit)
        return CareAccess()
    current_home = unit.pk == child.institution_id
    in_district = unit.district_id == child.institution.district_id
    deciding = in_district and unit.unit_type == DECIDING_BODY_FOR[child.category]
    care_team = current_home or (unit.unit_type == UnitType.DCPU and in_district)
    return CareAccess(
        read_all=True,
        write_entries=care_team,
        record_orders=deciding,
        manage_stay=current_home or (unit.unit_type == UnitType.CWC and in_district),
    )


def _was_transferred_from(child: ChildInCare, unit: Unit) -> bool:
    return child.transfers.filter(from_institution=unit, status=TransferStatus.ACCEPTED).exists()


def child_for(user, pk: int) -> tuple[ChildInCare, CareAccess]:
    child = get_object_or_404(ChildInCare.objects.select_related(*RECORD_RELATIONS), pk=pk)
    access = access_to(user, child)
    if not access.any:
        raise PermissionDenied
    return child, access


def children_in_care_for(user, *, status: str = CareStatus.IN_CARE, name: str = ""):
    scope = _scope(user)
    if scope is None:
        return ChildInCare.objects.none()
    children = ChildInCare.objects.filter(scope)
    if status:
        children = children.filter(status=status)
    if name.strip():
        children = children.filter(
            Q(report__full_name__icontains=name.strip())
            | Q(report__name_local__icontains=name.strip())
        )
    return children.select_related(*RECORD_RELATIONS).order_by("-arrived_at", "-pk")


def care_plans_due_for(user):
    """Children in care the user oversees whose Individual Care Plan is to be written (none yet) or
    reviewed (the latest plan's review date is past or within PLAN_DUE_AHEAD)."""
    latest_review = Subquery(
        CarePlan.objects.filter(child=OuterRef("pk"))
        .order_by("-version")
        .values("next_review_on")[:1]
    )
    horizon = timezone.localdate() + PLAN_DUE_AHEAD
    return (
        children_in_care_for(user)
        .annotate(review_on=latest_review)
        .filter(Q(review_on__isnull=True) | Q(review_on__lte=horizon))
    )


def decides_orders(user) -> bool:
    """A CWC or JJB: it makes the orders for the children in care of its district."""
    unit = official_unit(user)
    return unit is not None and unit.unit_type in DECIDING_BODIES


def orders_due_for(user):
    """Children in care waiting for an order of the user's CWC/JJB (no admission order number and
    no order recorded): those who name it, and those who name no body yet but whose category it
    decides. Any other official: none."""
    if not decides_orders(user):
        return ChildInCare.objects.none()
    unit = user.unit
    category = next(cat for cat, body in DECIDING_BODY_FOR.items() if body == unit.unit_type)
    return (
        children_in_care_for(user)
        .filter(order_number="")
        .exclude(Exists(CareOrder.objects.filter(child=OuterRef("pk"))))
        .filter(Q(deciding_body=unit) | Q(deciding_body__isnull=True, category=category))
    )


# The lists of children with something due, as the children page filters them (`?due=plan`).
DUE_LISTS = {"plan": care_plans_due_for, "order": orders_due_for}


def transferred_out_of(unit: Unit):
    """Children who left this institution by transfer: it keeps reading what it wrote."""
    return (
        ChildInCare.objects.filter(
            transfers__from_institution=unit, transfers__status=TransferStatus.ACCEPTED
        )
        .exclude(institution=unit)
        .select_related(*RECORD_RELATIONS)
        .distinct()
    )


def discharge_requests_for(user):
    """Stays of the user's scope whose child's case ended under a report, waiting to be ended."""
    scope = _scope(user)
    if scope is None:
        return DischargeRequest.objects.none()
    return DischargeRequest.objects.filter(
        done_at__isnull=True, child__in=ChildInCare.objects.filter(scope)
    ).select_related("child__report", "child__institution", "because_of")


def discharge_request_for(user, pk: int) -> DischargeRequest:
    """One waiting request of the user's scope; any other is not found."""
    return get_object_or_404(discharge_requests_for(user), pk=pk)


def waiting_discharges_of(child: ChildInCare):
    return child.discharge_requests.filter(done_at__isnull=True).select_related("because_of")


def entries_visible(entries, access: CareAccess):
    if access.read_all:
        return entries
    return entries.filter(institution=access.own_entries_of)


def incoming_transfers_for(user):
    unit = official_unit(user)
    if unit is None or not unit.is_cci:
        return Transfer.objects.none()
    return Transfer.objects.filter(
        to_institution=unit, status=TransferStatus.PENDING
    ).select_related("child__report", "from_institution__district__state")


def incoming_transfer_for(user, pk: int) -> Transfer:
    return get_object_or_404(incoming_transfers_for(user), pk=pk)


def receiving_institutions(child: ChildInCare):
    """Any active Child Care Institution in the country except the child's own."""
    return (
        Unit.objects.filter(unit_type__in=CCI_UNIT_TYPES, is_active=True)
        .exclude(pk=child.institution_id)
        .select_related("district__state")
        .order_by("state__name_en", "district__name_en", "name")
    )


def police_stations_near(child: ChildInCare):
    return Unit.objects.filter(
        unit_type__in=[UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE],
        district_id=child.institution.district_id,
        is_active=True,
    ).order_by("name")


def deciding_bodies_near(institution: Unit):
    return Unit.objects.filter(
        unit_type__in=DECIDING_BODIES, district_id=institution.district_id, is_active=True
    ).order_by("unit_type", "name")


def _placed_with(unit: Unit) -> dict:
    """A CWC's placement of a child with this institution, as field values: the one definition
    that may_admit checks a report against and placed_here_not_admitted queries by."""
    return {"placement": Placement.CCI, "placed_at_id": unit.pk}


def may_admit(user, report) -> bool:
    """A found child comes to an institution by the CWC's placement with it, or from its own
    district (found there, or sent there by its CWC); a transfer between institutions goes
    through accept_transfer instead. Nobody else's child can be taken into care by case number."""
    unit = official_unit(user)
    if unit is None or not unit.is_cci or report.kind != ReportKind.FOUND:
        return False
    placed_here = all(
        getattr(report, field) == value for field, value in _placed_with(unit).items()
    )
    filed_nearby = unit.district_id is not None and (
        report.owning_unit.district_id == unit.district_id
    )
    return placed_here or filed_nearby


def placed_here_not_admitted(user) -> QuerySet:
    """Open found reports whose child a CWC placed with the user's institution and who is in no
    institution's care yet, the newest first."""
    unit = official_unit(user)
    if unit is None or not unit.is_cci:
        return Report.objects.none()
    in_care = ChildInCare.objects.filter(report=OuterRef("pk"), status=CareStatus.IN_CARE)
    waiting = Report.objects.filter(
        kind=ReportKind.FOUND, status=Status.OPEN, **_placed_with(unit)
    ).exclude(Exists(in_care))
    return waiting.only(
        "id",
        "kind",
        "full_name",
        "name_local",
        "sex",
        "age_min",
        "age_max",
        "event_at",
        "cwc_order_reference",
    ).order_by("-event_at", "-pk")


def admittable_report(user, pk: int):
    """A found report this institution may admit (admit_child refuses a child in care)."""
    report = get_object_or_404(
        Report.objects.select_related("owning_unit"), pk=pk, kind=ReportKind.FOUND
    )
    if not may_admit(user, report):
        raise PermissionDenied
    return report
