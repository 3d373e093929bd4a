"""A dashboard page's content: one area's headline figures and tables, built at each request.

Built from: only the summary tables (`apps/dashboards/models.py`, read through
`apps.dashboards.selectors`), the compliance app's figures per unit, the grievances (a few
thousand a year, counted by one grouped query) and the directory's names of areas; never the
reports or care tables, so a page costs the same for two million reports as for two hundred.
The one exception is the special drives' figures (`selectors.drive_figures`), counted from the
few records tagged with a drive. The filters pick summary rows (months filed, sex, age band);
totals, the month series, breakdowns and the median are summed here from those rows, with
labels translated into the request's language.

Cached: nothing here; the summary tables are the cache. The beat task
`apps.dashboards.tasks.refresh_dashboard_figures` recounts them every 5 minutes
(`services.recount_dashboard_figures`), and compliance's nightly job writes the units' upload
figures and the overdue items that "care plans overdue" counts. So each page says how old it is:
`Dashboard.refreshed` (the last recount) and `Dashboard.compliance_as_of` (the last compliance
computation).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import Level
from apps.compliance.uploading import RECENT
from apps.core.countries import country_name
from apps.dashboards import selectors
from apps.dashboards.choices import AgeBand, CaseAge, Scope
from apps.dashboards.selectors import Area, Filters
from apps.dashboards.tables import Row, Table, median_of
from apps.dashboards.tallies import REPORT_MEASURES
from apps.directory.models import District, State, Unit
from apps.grievances.selectors import FIGURES
from apps.repatriation.selectors import FIGURES as REPATRIATION_FIGURES
from apps.reports.choices import Circumstance, Sex

OPEN_COLUMNS = {
    CaseAge.RECENT: ("missing_open_recent", "found_open_recent"),
    CaseAge.MONTHS: ("missing_open_months", "found_open_months"),
    CaseAge.OLD: ("missing_open_old", "found_open_old"),
}
OPEN_MEASURES = [name for pair in OPEN_COLUMNS.values() for name in pair]


@dataclass(frozen=True)
class Dashboard:
    """What one dashboard page shows: its headline table, its other tables in page order, and
    the moments its figures were counted (None before the first count)."""

    area: Area
    headline: Table
    tables: tuple[Table, ...]
    refreshed: object  # FiguresRefresh or None before the first refresh
    compliance_as_of: object

    def table(self, name: str) -> Table:
        """The table a download names; a name the page does not show is not found (404)."""
        for table in (self.headline, *self.tables):
            if table.name == name:
                return table
        raise Http404


def build_dashboard(user, area: Area, filters: Filters) -> Dashboard:
    """The dashboard of `area` under `filters`, as `user` sees it: the breakdown by area links
    only to the States/UTs and districts they may open. The caller has checked that they may
    open `area` itself (the selectors' `*_for`)."""
    reports = selectors.report_rows(area, filters)
    care = selectors.care_rows(area, filters)
    by_type, compliance_as_of = selectors.compliance_by_type(area)
    totals = _sum(reports, REPORT_MEASURES)
    care_totals = _sum(care, selectors.CARE_MEASURES)
    days = selectors.days_to_match(area, filters)
    grievance_totals, grievances_by_part = selectors.grievance_figures(area)
    tables = (
        _open_cases(totals),
        _trend(reports, filters),
        _breakdown(
            "by_sex", _("By sex"), _("Sex"), reports, care, "sex", {s.value: s.label for s in Sex}
        ),
        _breakdown(
            "by_age_band",
            _("By age band"),
            _("Age band"),
            reports,
            care,
            "age_band",
            {band.value: band.label for band in AgeBand},
        ),
        _circumstances(selectors.circumstances(area, filters)),
        _funnel(totals, days),
        _by_part(user, area, filters),
        _compliance(by_type),
        _grievances(area, grievances_by_part),
        _repatriation(selectors.repatriation_figures(area)),
        _drives(area),
    )
    return Dashboard(
        area=area,
        headline=_headline(totals, care_totals, days, grievance_totals),
        tables=tables,
        refreshed=selectors.refreshed(),
        compliance_as_of=compliance_as_of,
    )


def _sum(rows: list[dict], names) -> dict:
    return {name: sum(row[name] for row in rows) for name in names}


def _headline(totals: dict, care: dict, days: dict, grievances: dict) -> Table:
    still_open = {
        age: totals[missing] + totals[found] for age, (missing, found) in OPEN_COLUMNS.items()
    }
    figures = [
        (_("Missing children reported"), totals["missing"]),
        (_("Found / recovered children reported"), totals["found"]),
        (_("Matched on the portal"), totals["matched"]),
        (_("Restored to family"), totals["restored"]),
        *(
            (_("Still open: %(age)s") % {"age": age.label}, count)
            for age, count in still_open.items()
        ),
        (_("Children in care now"), care["in_care"]),
        (_("Care plans overdue now"), care["care_plans_overdue"]),
        (_("Median days from report to confirmed match"), median_of(days)),
        (_("Grievances received"), grievances["received"]),
        (_("Grievances answered in time"), grievances["answered_in_time"]),
        (_("Grievances overdue now"), grievances["overdue"]),
    ]
    return Table(
        name="headline",
        title=_("Headline figures"),
        label_heading=_("Figure"),
        headings=(_("Number"),),
        rows=tuple(Row(label, (value,)) for label, value in figures),
    )


def _open_cases(totals: dict) -> Table:
    rows = tuple(
        Row(str(age.label), (totals[missing], totals[found], totals[missing] + totals[found]))
        for age, (missing, found) in OPEN_COLUMNS.items()
    )
    return Table(
        name="open_cases",
        title=_("Cases still open, by age of case"),
        label_heading=_("Open for"),
        headings=(_("Missing reports"), _("Found reports"), _("Total")),
        rows=rows,
        chart="bar",
    )


def _months(reports: list[dict], filters: Filters) -> list[date]:
    """Every month of the period, also those without reports, so the trend shows them as 0."""
    first = filters.since or min((row["month"] for row in reports), default=filters.until)
    months, month = [], first
    while month <= filters.until:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


REPORT_COLUMNS = ("missing", "found", "matched", "restored")


def _report_headings() -> tuple[str, ...]:
    return (
        _("Missing reported"),
        _("Found / recovered"),
        _("Matched on the portal"),
        _("Restored to family"),
    )


def _trend(reports: list[dict], filters: Filters) -> Table:
    by_month = defaultdict(lambda: defaultdict(int))
    for row in reports:
        for name in REPORT_COLUMNS:
            by_month[row["month"]][name] += row[name]
    rows = tuple(
        Row(date_format(month, "M Y"), tuple(by_month[month][name] for name in REPORT_COLUMNS))
        for month in _months(reports, filters)
    )
    return Table(
        name="trend",
        title=_("By month filed"),
        label_heading=_("Month"),
        headings=_report_headings(),
        rows=rows,
        chart="line",
    )


def _breakdown(name, title, heading, reports, care, field, labels) -> Table:
    figures = defaultdict(lambda: defaultdict(int))
    for row in reports:
        for column in REPORT_COLUMNS:
            figures[row[field]][column] += row[column]
    for row in care:
        figures[row[field]]["in_care"] += row["in_care"]
    columns = (*REPORT_COLUMNS, "in_care")
    rows = tuple(
        Row(str(label), tuple(figures[value][column] for column in columns))
        for value, label in labels.items()
    )
    return Table(
        name=name,
        title=title,
        label_heading=heading,
        headings=(*_report_headings(), _("Children in care now")),
        rows=rows,
        chart="bar",
    )


def _circumstances(counts: dict[str, int]) -> Table:
    labels = dict(Circumstance.choices)
    labels[""] = _("Not stated")
    rows = tuple(
        Row(str(label), (counts.get(value, 0),))
        for value, label in labels.items()
        if value or counts.get(value)
    )
    return Table(
        name="by_circumstance",
        title=_("Missing children by what happened"),
        label_heading=_("What happened"),
        headings=(_("Missing reported"),),
        rows=rows,
        chart="bar",
    )


def _funnel(totals: dict, days: dict) -> Table:
    stages = [
        (_("Missing reports with a found child proposed by matching"), totals["proposed"]),
        (_("Match confirmed by an official"), totals["matched"]),
        (_("Matched and restored to family"), totals["matched_restored"]),
    ]
    return Table(
        name="funnel",
        title=_("Matching on the portal"),
        label_heading=_("Stage"),
        headings=(_("Missing reports"),),
        rows=tuple(Row(label, (count,)) for label, count in stages),
        chart="bar",
    )


def _part_url(user, area: Area, part) -> str:
    if area.parts == Scope.STATE and selectors.can_open(user, part):
        return reverse("dashboards:state", args=[part.lgd_code])
    if area.parts == Scope.DISTRICT and selectors.can_open(user, part):
        return reverse("dashboards:district", args=[part.lgd_code])
    if area.parts == Scope.UNIT:
        return reverse("compliance:unit", args=[part.pk])
    return ""


PART_COLUMNS = (*REPORT_COLUMNS, *OPEN_MEASURES, "in_care", "care_plans_overdue")


def _by_part(user, area: Area, filters: Filters) -> Table:
    """One row per State/UT, district or unit one level down, with the link to drill down."""
    figures = selectors.figures_by_part(area, filters)
    empty = dict.fromkeys(PART_COLUMNS, 0)
    rows = []
    for part in selectors.parts_of(area, set(figures)):
        values = figures.get(part.pk, empty)
        still_open = sum(values[name] for name in OPEN_MEASURES)
        rows.append(
            Row(
                str(part),
                (
                    *(values[name] for name in REPORT_COLUMNS),
                    still_open,
                    values["in_care"],
                    values["care_plans_overdue"],
                ),
                url=_part_url(user, area, part),
            )
        )
    heading = {Scope.STATE: _("State/UT"), Scope.DISTRICT: _("District"), Scope.UNIT: _("Unit")}
    titles = {
        Scope.STATE: _("By State/UT"),
        Scope.DISTRICT: _("By district"),
        Scope.UNIT: _("By unit"),
    }
    return Table(
        name="by_area",
        title=titles[area.parts],
        label_heading=heading[area.parts],
        headings=(
            *_report_headings(),
            _("Still open"),
            _("Children in care now"),
            _("Care plans overdue now"),
        ),
        rows=tuple(sorted(rows, key=lambda row: row.label)),
    )


def _compliance(by_type) -> Table:
    return Table(
        name="compliance",
        title=_("Institutions and units uploading"),
        label_heading=_("Type of unit"),
        headings=(
            _("Units"),
            _("Registered on the portal"),
            _("Uploaded in the last %(days)s days") % {"days": RECENT.days},
            _("Items overdue"),
        ),
        rows=tuple(
            Row(row.label, (row.units, row.registered, row.uploaded, row.open_items))
            for row in by_type
        ),
    )


def _grievances(area: Area, by_part: dict) -> Table:
    """Grievances by the State/UT, district or unit they are about; what is about none of them
    (the portal, or a unit of the State/UT as a whole) has its own row."""
    names = selectors.names_of(area, by_part)
    heading = {Scope.STATE: _("State/UT"), Scope.DISTRICT: _("District"), Scope.UNIT: _("Unit")}
    elsewhere = {
        Scope.STATE: _("The portal and national units"),
        Scope.DISTRICT: _("State/UT level"),
        Scope.UNIT: _("Units outside the district"),
    }
    rows = sorted(
        (
            Row(
                names.get(pk) or str(elsewhere[area.parts]), tuple(values[name] for name in FIGURES)
            )
            for pk, values in by_part.items()
        ),
        key=lambda row: row.label,
    )
    return Table(
        name="grievances",
        title=_("Grievances"),
        label_heading=heading[area.parts],
        headings=(
            _("Received"),
            _("Answered in time"),
            _("Answered late"),
            _("Overdue now"),
            _("Waiting for an answer"),
        ),
        rows=tuple(rows),
    )


def _repatriation(by_country: dict) -> Table:
    """Found children of other countries by nationality, and how far their repatriation went."""
    rows = sorted(
        (
            Row(country_name(code), tuple(values[name] for name in REPATRIATION_FIGURES))
            for code, values in by_country.items()
        ),
        key=lambda row: row.label,
    )
    return Table(
        name="repatriation",
        title=_("Children of other countries"),
        label_heading=_("Nationality"),
        headings=(
            _("Found children"),
            _("Home country verified"),
            _("CWC order for repatriation"),
            _("Handed over at the border"),
        ),
        rows=tuple(rows),
    )


def _drive_headings() -> tuple[str, ...]:
    return (
        _("Children found"),
        _("Matched (confirmed)"),
        _("Restored to family"),
        _("Admitted to care"),
        _("In care now"),
    )


def _drives(area: Area) -> Table:
    """One row per special drive of the area, counted inside the area, linking to its page.
    Drive figures are counted whenever tagged, whatever the page's filters."""
    drives = list(selectors.drives_of(area))
    figures = selectors.drive_figures(drives, area.jurisdiction)
    empty = dict.fromkeys(selectors.DRIVE_MEASURES, 0)
    return Table(
        name="drives",
        title=_("Special drives"),
        label_heading=_("Drive"),
        headings=_drive_headings(),
        rows=tuple(
            Row(
                str(drive),
                tuple(figures.get(drive.pk, empty)[name] for name in selectors.DRIVE_MEASURES),
                url=reverse("dashboards:drive", args=[drive.code]),
            )
            for drive in drives
        ),
    )


@dataclass(frozen=True)
class DrivePage:
    """One special drive's figures inside the viewer's jurisdiction: in all, and by State/UT
    (nation), district (State/UT) or unit (district)."""

    drive: object
    area: str
    headline: Table
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        """The table a download names; any other name is not found (404)."""
        for table in (self.headline, *self.tables):
            if table.name == name:
                return table
        raise Http404


# What a drive's figures are broken down by, for each level of viewer: the owning unit's field
# and the model it names.
PARTS_OF = {
    Level.NATION: ("state_id", State),
    Level.STATE: ("district_id", District),
    Level.DISTRICT: ("id", Unit),
}


def build_drive_page(user, drive) -> DrivePage:
    scope = selectors.dashboard_scope(user)
    measures = selectors.DRIVE_MEASURES
    totals = selectors.drive_figures([drive], scope).get(drive.pk, {})
    headline = Table(
        name="headline",
        title=_("Figures of the drive"),
        label_heading=_("Figure"),
        headings=(_("Number"),),
        rows=tuple(
            Row(label, (totals.get(name, 0),))
            for label, name in zip(_drive_headings(), measures, strict=True)
        ),
    )
    key, model = PARTS_OF[scope.level]
    figures = selectors.drive_figures([drive], scope, by=key)
    parts = model.objects.filter(pk__in=list(figures))
    headings = {
        Level.NATION: (_("By State/UT"), _("State/UT")),
        Level.STATE: (_("By district"), _("District")),
        Level.DISTRICT: (_("By unit"), _("Unit")),
    }
    title, heading = headings[scope.level]
    by_part = Table(
        name="by_area",
        title=title,
        label_heading=heading,
        headings=_drive_headings(),
        rows=tuple(
            sorted(
                (
                    Row(str(part), tuple(figures[part.pk][name] for name in measures))
                    for part in parts
                ),
                key=lambda row: row.label,
            )
        ),
    )
    area = {
        Level.NATION: _("India"),
        Level.STATE: str(user.unit.state),
        Level.DISTRICT: str(user.unit.district),
    }[scope.level]
    return DrivePage(drive=drive, area=area, headline=headline, tables=(by_part,))


def trail(user, area: Area) -> list[tuple[str, str | None]]:
    """Breadcrumbs India → State/UT → district; a level links only when it may be opened."""
    scope = selectors.dashboard_scope(user)
    crumbs = [(_("India"), reverse("dashboards:nation") if scope.level == Level.NATION else None)]
    if area.state is not None:
        url = reverse("dashboards:state", args=[area.state.lgd_code])
        crumbs.append((str(area.state), url if selectors.can_open(user, area.state) else None))
    if area.district is not None:
        crumbs.append((str(area.district), None))
    return crumbs
