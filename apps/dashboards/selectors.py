"""Who may open which dashboard, and the figures a dashboard reads (summary tables only, on the
read replica if there is one).

District officials open their district's dashboard, state officials their State/UT's and its
districts', national officials every one. Everyone else is refused, also officials of units
that watch a district (DCPU staff, CWC members) unless they hold the district official's role.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from apps.accounts.jurisdiction import Jurisdiction
from apps.accounts.models import Level
from apps.care.choices import CareStatus
from apps.care.models import ChildInCare
from apps.compliance import selectors as compliance
from apps.core.replicas import replica_alias
from apps.dashboards.choices import Scope
from apps.dashboards.models import (
    CareTally,
    CircumstanceTally,
    FiguresRefresh,
    MatchDelayTally,
    ReportTally,
)
from apps.dashboards.tallies import REPORT_MEASURES
from apps.directory.models import District, State, Unit
from apps.drives import selectors as drives
from apps.drives.models import Drive
from apps.grievances import selectors as grievances
from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate
from apps.repatriation import selectors as repatriation
from apps.reports.choices import ReportKind, Status
from apps.reports.models import CLOSED_AS_DUPLICATE, Report

CARE_MEASURES = ("in_care", "care_plans_overdue")


def dashboard_scope(user) -> Jurisdiction | None:
    scope = Jurisdiction.of(user)
    if scope.level is None or scope.level < Level.DISTRICT:
        return None
    return scope


def can_see_dashboards(user) -> bool:
    return dashboard_scope(user) is not None


@dataclass(frozen=True)
class Area:
    """The area a dashboard is about: India, a State/UT or a district."""

    scope: Scope
    pk: int  # 0 for India
    state: State | None = None
    district: District | None = None

    def __str__(self):
        return str(self.district or self.state or _("India"))

    @property
    def parts(self) -> Scope:
        """The level a dashboard's breakdown by area lists."""
        return Scope(self.scope - 1)

    @property
    def units(self) -> QuerySet:
        """The compliance figures of the area's units."""
        return compliance.units_in(state=self.state, district=self.district)

    @property
    def jurisdiction(self) -> Jurisdiction:
        """The area as a jurisdiction, to keep the records owned inside it."""
        level = {Scope.NATION: Level.NATION, Scope.STATE: Level.STATE}.get(self.scope)
        return Jurisdiction(
            level=level or Level.DISTRICT,
            state_id=self.state.pk if self.state else None,
            district_id=self.district.pk if self.district else None,
        )


def nation_for(user) -> Area:
    scope = dashboard_scope(user)
    if scope is None or scope.level != Level.NATION:
        raise PermissionDenied
    return Area(Scope.NATION, 0)


def state_for(user, lgd_code: int) -> Area:
    state = State.objects.filter(lgd_code=lgd_code).first()
    scope = dashboard_scope(user)
    # Not found and not allowed look the same: the page does not say which codes exist.
    if state is None or scope is None or not scope.covers_state(state):
        raise PermissionDenied
    return Area(Scope.STATE, state.pk, state=state)


def district_for(user, lgd_code: int) -> Area:
    district = District.objects.select_related("state").filter(lgd_code=lgd_code).first()
    scope = dashboard_scope(user)
    if district is None or scope is None or not scope.covers_district(district):
        raise PermissionDenied
    return Area(Scope.DISTRICT, district.pk, state=district.state, district=district)


def own_dashboard(user) -> tuple[str, list]:
    """The dashboard of the user's whole jurisdiction: (url name, arguments)."""
    scope = dashboard_scope(user)
    if scope is None:
        raise PermissionDenied
    if scope.level == Level.NATION:
        return "dashboards:nation", []
    if scope.level == Level.STATE:
        return "dashboards:state", [user.unit.state.lgd_code]
    return "dashboards:district", [user.unit.district.lgd_code]


def can_open(user, area_model) -> bool:
    """Whether the user may drill down into this State/UT or district."""
    scope = dashboard_scope(user)
    if scope is None:
        return False
    if isinstance(area_model, State):
        return scope.covers_state(area_model)
    return scope.covers_district(area_model)


# --- Figures ---


@dataclass(frozen=True)
class Filters:
    since: date | None  # the first month counted; None counts from the first report
    until: date  # the last month counted
    sex: str = ""
    age_band: int | None = None

    def applied(self, rows: QuerySet, *, monthly: bool = True) -> QuerySet:
        if monthly and self.since:
            rows = rows.filter(month__gte=self.since)
        if monthly:
            rows = rows.filter(month__lte=self.until)
        if self.sex:
            rows = rows.filter(sex=self.sex)
        if self.age_band is not None:
            rows = rows.filter(age_band=self.age_band)
        return rows


def refreshed() -> FiguresRefresh | None:
    return FiguresRefresh.objects.using(replica_alias()).first()


def _own(model, area: Area) -> QuerySet:
    return model.objects.using(replica_alias()).filter(scope=area.scope, area_id=area.pk)


def _parts(model, area: Area) -> QuerySet:
    return model.objects.using(replica_alias()).filter(scope=area.parts, parent_id=area.pk)


def report_rows(area: Area, filters: Filters) -> list[dict]:
    """The area's figures per month, sex and age band (one row each)."""
    fields = ["month", "sex", "age_band", *REPORT_MEASURES]
    return list(filters.applied(_own(ReportTally, area)).values(*fields))


def care_rows(area: Area, filters: Filters) -> list[dict]:
    """Children in care now and care plans overdue, per sex and age band."""
    rows = filters.applied(_own(CareTally, area), monthly=False)
    return list(rows.values("sex", "age_band", *CARE_MEASURES))


def circumstances(area: Area, filters: Filters) -> dict[str, int]:
    rows = filters.applied(_own(CircumstanceTally, area)).order_by().values("circumstance")
    return {row["circumstance"]: row["missing"] for row in rows.annotate(missing=Sum("missing"))}


def days_to_match(area: Area, filters: Filters) -> dict[int, int]:
    """How many missing reports were confirmed as matched how many days after filing."""
    rows = filters.applied(_own(MatchDelayTally, area)).order_by().values("days")
    return {row["days"]: row["matched"] for row in rows.annotate(matched=Sum("matched"))}


def figures_by_part(area: Area, filters: Filters) -> dict[int, dict]:
    """Every State/UT, district or unit one level down: its summed figures, by id."""
    figures = defaultdict(lambda: dict.fromkeys([*REPORT_MEASURES, *CARE_MEASURES], 0))
    totals = {name: Sum(name) for name in REPORT_MEASURES}
    reports = filters.applied(_parts(ReportTally, area)).order_by().values("area_id")
    for row in reports.annotate(**totals):
        figures[row.pop("area_id")].update(row)
    care = filters.applied(_parts(CareTally, area), monthly=False).order_by().values("area_id")
    for row in care.annotate(**{name: Sum(name) for name in CARE_MEASURES}):
        figures[row.pop("area_id")].update(row)
    return dict(figures)


def parts_of(area: Area, with_figures: set[int]) -> list:
    """The States/UTs or districts one level down (all of them, in name order), or the units
    of a district that have figures."""
    if area.parts == Scope.STATE:
        return list(State.objects.all())
    if area.parts == Scope.DISTRICT:
        districts = District.objects.filter(state_id=area.pk)
        return list(districts.filter(Q(retired_on__isnull=True) | Q(pk__in=with_figures)))
    return list(Unit.objects.filter(pk__in=with_figures).order_by("name"))


def compliance_by_type(area: Area):
    as_of = compliance.figures_as_of()
    return compliance.figures_by_type(area.units.using(replica_alias()), as_of), as_of


def grievance_figures(area: Area) -> tuple[dict, dict]:
    """The area's grievances (apps.grievances.selectors.FIGURES): in total, and by State/UT,
    district or unit responsible one level down (None: not about one, such as the portal).
    Counted from the grievances themselves: they are few, and one grouped query."""
    where = _area_ids(area)
    part = {Scope.STATE: "state", Scope.DISTRICT: "district", Scope.UNIT: "unit"}[area.parts]
    return grievances.figures_by(**where)[None], grievances.figures_by(**where, part=part)


def repatriation_figures(area: Area) -> dict:
    """The area's found children of other countries by nationality
    (apps.repatriation.selectors.FIGURES)."""
    return repatriation.figures_by_country(**_area_ids(area))


def _area_ids(area: Area) -> dict:
    return {
        "state_id": area.state.pk if area.state else None,
        "district_id": area.district.pk if area.district else None,
    }


def names_of(area: Area, pks) -> dict[int, str]:
    """The names of the States/UTs, districts or units one level down, by id."""
    model = {Scope.STATE: State, Scope.DISTRICT: District, Scope.UNIT: Unit}[area.parts]
    return {part.pk: str(part) for part in model.objects.filter(pk__in=[pk for pk in pks if pk])}


# --- Special drives ---
# Counted from the tagged records themselves, not from summary tables: a drive tags a few
# thousand records at most, found through the indexes of their drive columns.

DRIVE_MEASURES = ("found", "matched", "restored", "admitted", "in_care")


def drives_of(area: Area):
    """The drives whose figures an area's dashboard shows: every drive for India, else those of
    all India and of the area's State/UT."""
    return drives.drives_covering(area.state.pk if area.state else None)


def drive_for(user, code: str) -> Drive:
    """A drive whose figures the user may open: one covering (part of) their jurisdiction."""
    scope = dashboard_scope(user)
    drive = drives.drive_by_code(code)
    # Not found and not allowed look the same, as for areas.
    if drive is None or scope is None:
        raise PermissionDenied
    if scope.level != Level.NATION and not drive.covers(scope.state_id):
        raise PermissionDenied
    return drive


def drive_figures(drives_counted, scope: Jurisdiction, *, by: str = "drive") -> dict:
    """The figures of `drives_counted` inside `scope`, summed by drive (`by="drive"`) or by the
    owning unit's `state_id`, `district_id` or `id`: {key: {measure: count}}.

    Found: found reports tagged with the drive (not closed as duplicates), where their owning
    unit is; matched: those with a confirmed match; restored: those restored to family;
    admitted: admissions tagged with the drive; in care: children still in care whose
    admission or found report is tagged, where the institution holding them is."""
    figures = defaultdict(lambda: dict.fromkeys(DRIVE_MEASURES, 0))
    report_key = "drive_id" if by == "drive" else f"owning_unit__{by}"
    confirmed = MatchCandidate.objects.filter(
        kind=CandidateKind.MATCH, status=CandidateStatus.CONFIRMED, other_id=OuterRef("pk")
    )
    reports = (
        Report.objects.filter(kind=ReportKind.FOUND, drive__in=drives_counted)
        .exclude(CLOSED_AS_DUPLICATE)
        .filter(**scope.lookups("owning_unit"))
        .values(key=F(report_key))
        .annotate(
            found=Count("pk"),
            matched=Count("pk", filter=Q(Exists(confirmed))),
            restored=Count("pk", filter=Q(status=Status.RESTORED)),
        )
        .order_by()
    )
    for row in reports:
        figures[row.pop("key")].update(row)
    stays = (
        ChildInCare.objects.filter(
            Q(drive__in=drives_counted) | Q(report__drive__in=drives_counted)
        )
        .filter(**scope.lookups("institution"))
        .annotate(
            key=Coalesce("drive_id", "report__drive_id")
            if by == "drive"
            else F(f"institution__{by}")
        )
        .values("key")
        .annotate(
            admitted=Count("pk", filter=Q(drive__in=drives_counted)),
            in_care=Count("pk", filter=Q(status=CareStatus.IN_CARE)),
        )
        .order_by()
    )
    for row in stays:
        figures[row.pop("key")].update(row)
    return dict(figures)
