"""Who sees which overdue items and whose compliance figures.

Jurisdiction follows apps.accounts.jurisdiction (nation, State/UT, district, own unit), with one
widening: a DCPU, a CWC or the district's SP office watches over every unit of its district, so
it sees the district's items and figures as a district official does (the SP office and the DCPU
are where a citizen's complaint left unanswered escalates). Police units never see items about a
child's care; a police station sees its own items only (found children not yet produced before
the CWC, citizens' complaints it has not answered, its missing reports entered late).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from apps.accounts.jurisdiction import DISTRICT_WATCH_UNITS, Jurisdiction
from apps.accounts.models import Level
from apps.compliance import rules
from apps.compliance.choices import CARE_EVENTS, QUEUED_EVENTS, Event
from apps.compliance.models import DeadlineRule, OverdueItem, UnitCompliance
from apps.compliance.uploading import RECENT, UPLOADING_UNIT_TYPES
from apps.directory.models import POLICE_UNIT_TYPES, District, State, Unit, UnitType

ITEM_RELATIONS = ("responsible_unit", "district")
COMPLIANCE_WATCH_UNITS = DISTRICT_WATCH_UNITS | {UnitType.DISTRICT_POLICE}


def compliance_scope(user) -> Jurisdiction | None:
    """How far the user sees overdue items and figures; None when not at all."""
    scope = Jurisdiction.watching(user, COMPLIANCE_WATCH_UNITS)
    return None if scope.level is None else scope


def can_see_compliance(user) -> bool:
    return compliance_scope(user) is not None


def _is_police(user) -> bool:
    return user.unit.unit_type in POLICE_UNIT_TYPES


def _item_lookups(scope: Jurisdiction) -> dict:
    return {
        Level.NATION: {},
        Level.STATE: {"state_id": scope.state_id},
        Level.DISTRICT: {"district_id": scope.district_id},
        Level.UNIT: {"responsible_unit_id": scope.unit_id},
    }[scope.level]


def events_for(user) -> list[Event]:
    """The events whose items the user may see, for the queue's filter."""
    if not can_see_compliance(user):
        return []
    return [event for event in QUEUED_EVENTS if not (_is_police(user) and event in CARE_EVENTS)]


def sees_police_work(user) -> bool:
    """Whether the user's scope takes in police stations (their own, or a district and up)."""
    scope = compliance_scope(user)
    if scope is None:
        return False
    return scope.level != Level.UNIT or _is_police(user)


def open_items_of_unit(unit: Unit) -> QuerySet:
    """Everything the unit owes now, oldest deadline first: the alerts read this."""
    return OverdueItem.objects.filter(responsible_unit=unit, resolved_at__isnull=True).order_by(
        "due_at", "pk"
    )


def work_queue_for(user, *, event: str = "", unit_type: str = "", unit: Unit | None = None):
    """Open overdue items in the user's scope (of one unit when `unit` is given)."""
    scope = compliance_scope(user)
    if scope is None:
        return OverdueItem.objects.none()
    items = OverdueItem.objects.filter(resolved_at__isnull=True, **_item_lookups(scope))
    if _is_police(user):
        # Nor the repatriation of a child in care, which the institution answers for.
        items = items.exclude(event__in=CARE_EVENTS).exclude(
            event=Event.REPATRIATION, child__isnull=False
        )
    if event:
        items = items.filter(event=event)
    if unit_type:
        items = items.filter(responsible_unit__unit_type=unit_type)
    if unit is not None:
        items = items.filter(responsible_unit=unit)
    return items.select_related(*ITEM_RELATIONS).order_by("due_at", "pk")


def late_missing_reports_for(user, *, unit: Unit | None = None) -> QuerySet:
    """Missing reports of the user's scope (of one unit when `unit` is given) entered later than
    the rule allows after their FIR/GD, within `RECENT` of now: a late entry is over once made,
    so it is shown beside the overdue items rather than queued. Newest first; each with
    `hours_late` (hours from the FIR/GD to the entry)."""
    scope = compliance_scope(user)
    rule = DeadlineRule.objects.filter(event=Event.MISSING_FILING, is_active=True).first()
    if scope is None or rule is None:
        return rules.late_missing_reports(RECENT).none()
    reports = rules.late_missing_reports(rule.allowed).filter(
        created_at__gte=timezone.now() - RECENT, **scope.lookups("owning_unit")
    )
    if unit is not None:
        reports = reports.filter(owning_unit=unit)
    return (
        reports.annotate(hours_late=rules.hours_after_fir())
        .select_related("owning_unit")
        .order_by("-created_at", "-pk")
    )


def figures_as_of() -> datetime | None:
    """When the figures were last computed; None before the first computation."""
    return UnitCompliance.objects.aggregate(latest=Max("computed_at"))["latest"]


# --- Who may open which compliance page ---


def can_open_nation(user) -> bool:
    scope = compliance_scope(user)
    return scope is not None and scope.level == Level.NATION


def can_open_state(user, state: State) -> bool:
    scope = compliance_scope(user)
    if scope is None:
        return False
    return scope.level == Level.NATION or (
        scope.level == Level.STATE and scope.state_id == state.pk
    )


def can_open_district(user, district: District) -> bool:
    scope = compliance_scope(user)
    return scope is not None and scope.covers_district(district)


def can_open_unit(user, unit: Unit) -> bool:
    scope = compliance_scope(user)
    return scope is not None and scope.covers_unit(unit)


def state_for(user, lgd_code: int) -> State:
    state = State.objects.filter(lgd_code=lgd_code).first()
    if state is None or not can_open_state(user, state):
        # Not found and not allowed look the same: the page does not say which states exist.
        raise PermissionDenied
    return state


def district_for(user, lgd_code: int) -> District:
    district = District.objects.select_related("state").filter(lgd_code=lgd_code).first()
    if district is None or not can_open_district(user, district):
        raise PermissionDenied
    return district


def unit_for(user, pk: int) -> Unit:
    unit = Unit.objects.select_related("district__state", "state").filter(pk=pk).first()
    if unit is None or not can_open_unit(user, unit):
        raise PermissionDenied
    return unit


def figures_of(unit: Unit) -> UnitCompliance | None:
    return UnitCompliance.objects.filter(unit=unit).first()


def widest_page_for(user) -> tuple[str, list]:
    """The compliance page that covers the user's whole scope: (url name, arguments)."""
    scope = compliance_scope(user)
    if scope is None:
        raise PermissionDenied
    if scope.level == Level.NATION:
        return "compliance:nation", []
    if scope.level == Level.STATE:
        return "compliance:state", [user.unit.state.lgd_code]
    if scope.level == Level.DISTRICT:
        return "compliance:district", [user.unit.district.lgd_code]
    return "compliance:unit", [user.unit_id]


# --- Figures ---


@dataclass(frozen=True)
class TypeFigures:
    """Units of one type in an area: how many, registered, uploaded in the last 30 days."""

    unit_type: str
    units: int
    registered: int
    uploaded: int
    open_items: int
    late_missing_reports: int

    @property
    def label(self) -> str:
        return str(UnitType(self.unit_type).label)


def _figures(as_of: datetime | None) -> dict:
    uploaded = Q(last_upload_at__gte=as_of - RECENT) if as_of else Q(pk__in=[])
    return {
        "units": Count("pk"),
        "registered": Count("pk", filter=Q(is_registered=True)),
        "uploaded": Count("pk", filter=uploaded),
        "open_items": Sum("open_items", default=0),
        "late_missing_reports": Sum("late_missing_reports", default=0),
    }


def units_in(*, state: State | None = None, district: District | None = None, unit_type=""):
    units = UnitCompliance.objects.all()
    if state is not None:
        units = units.filter(state=state)
    if district is not None:
        units = units.filter(district=district)
    if unit_type:
        units = units.filter(unit_type=unit_type)
    return units


def figures_by_type(units: QuerySet, as_of: datetime | None) -> list[TypeFigures]:
    """One row per unit type present in `units`, in the directory's order of types."""
    rows = units.order_by().values("unit_type").annotate(**_figures(as_of))
    by_type = {row.pop("unit_type"): row for row in rows}
    return [
        TypeFigures(unit_type=unit_type, **by_type[unit_type])
        for unit_type in UnitType.values
        if unit_type in by_type
    ]


@dataclass(frozen=True)
class AreaFigures:
    area: State | District
    units: int
    registered: int
    uploaded: int
    open_items: int
    late_missing_reports: int


def figures_by_area(units: QuerySet, as_of: datetime | None, *, area: str) -> list[AreaFigures]:
    """One row per State/UT (`area="state"`) or district (`area="district"`) of `units`."""
    model = State if area == "state" else District
    rows = list(units.order_by().values(f"{area}_id").annotate(**_figures(as_of)))
    areas = model.objects.in_bulk([row[f"{area}_id"] for row in rows])
    figures = [
        AreaFigures(area=areas[row.pop(f"{area}_id")], **row)
        for row in rows
        if row[f"{area}_id"] in areas
    ]
    return sorted(figures, key=lambda row: str(row.area))


def unit_rows(units: QuerySet) -> QuerySet:
    return units.select_related("unit").order_by("unit__name", "pk")


UNIT_TYPE_CHOICES = [
    (value, label) for value, label in UnitType.choices if value in UPLOADING_UNIT_TYPES
]
