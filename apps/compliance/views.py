from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.compliance import selectors
from apps.compliance.choices import Event
from apps.core.pagination import paginate

ITEMS_PER_PAGE = 50
# The newest late missing reports shown beside the items; the figures count them all.
LATE_REPORTS_SHOWN = 50
UNITS_PER_PAGE = 50


def _choice(request, name: str, allowed) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


@login_required
def queue(request):
    """The overdue items the official's unit, district, State/UT or the nation must act on."""
    if not selectors.can_see_compliance(request.user):
        raise PermissionDenied
    events = selectors.events_for(request.user)
    event = _choice(request, "event", events)
    unit_types = dict(selectors.UNIT_TYPE_CHOICES)
    unit_type = _choice(request, "type", unit_types)
    items = selectors.work_queue_for(request.user, event=event, unit_type=unit_type)
    page, query_string = paginate(request, items, ITEMS_PER_PAGE)
    return render(
        request,
        "compliance/queue.html",
        {
            "page": page,
            "query_string": query_string,
            "event_choices": [(value, Event(value).label) for value in events],
            "event": event,
            "unit_type_choices": selectors.UNIT_TYPE_CHOICES,
            "unit_type": unit_type,
            "as_of": selectors.figures_as_of(),
            "figures_url": _widest_url(request.user),
            **_late_reports(request.user),
        },
    )


def _late_reports(user, unit=None) -> dict:
    if not selectors.sees_police_work(user):
        return {}
    late = selectors.late_missing_reports_for(user, unit=unit)
    return {
        "late_reports": late[:LATE_REPORTS_SHOWN],
        "late_count": late.count(),
        "recent_days": selectors.RECENT.days,
    }


@login_required
def overview(request):
    """The compliance figures of the official's whole scope."""
    return redirect(_widest_url(request.user))


def _widest_url(user) -> str:
    name, args = selectors.widest_page_for(user)
    return reverse(name, args=args)


def _area_page(request, *, title, trail, units, area=None, list_units=False):
    unit_type = _choice(request, "type", dict(selectors.UNIT_TYPE_CHOICES))
    as_of = selectors.figures_as_of()
    context = {
        "title": title,
        "trail": trail,
        "as_of": as_of,
        "by_type": selectors.figures_by_type(units, as_of),
        "unit_type_choices": selectors.UNIT_TYPE_CHOICES,
        "unit_type": unit_type,
        "recent_days": selectors.RECENT.days,
    }
    if unit_type:
        units = units.filter(unit_type=unit_type)
    if list_units:
        page, query_string = paginate(request, selectors.unit_rows(units), UNITS_PER_PAGE)
        context |= {"page": page, "query_string": query_string}
    else:
        context["areas"] = selectors.figures_by_area(units, as_of, area=area)
        context["area_kind"] = area
    return render(request, "compliance/area.html", context)


@login_required
def nation(request):
    if not selectors.can_open_nation(request.user):
        raise PermissionDenied
    return _area_page(
        request,
        title=None,
        trail=[],
        units=selectors.units_in(),
        area="state",
    )


@login_required
def state(request, lgd_code):
    state = selectors.state_for(request.user, lgd_code)
    return _area_page(
        request,
        title=state,
        trail=_trail(request.user, state=state),
        units=selectors.units_in(state=state),
        area="district",
    )


@login_required
def district(request, lgd_code):
    district = selectors.district_for(request.user, lgd_code)
    return _area_page(
        request,
        title=district,
        trail=_trail(request.user, state=district.state, district=district),
        units=selectors.units_in(district=district),
        list_units=True,
    )


@login_required
def unit(request, pk):
    unit = selectors.unit_for(request.user, pk)
    items = selectors.work_queue_for(request.user, unit=unit)
    page, query_string = paginate(request, items, ITEMS_PER_PAGE)
    return render(
        request,
        "compliance/unit.html",
        {
            "unit": unit,
            "figures": selectors.figures_of(unit),
            "trail": _trail(request.user, state=unit.state, district=unit.district, unit=unit),
            "page": page,
            "query_string": query_string,
            "as_of": selectors.figures_as_of(),
            **_late_reports(request.user, unit=unit),
        },
    )


def _trail(user, *, state=None, district=None, unit=None) -> list[tuple[str, str | None]]:
    """Breadcrumbs nation → State/UT → district → unit; a level links only when it may be opened."""
    trail = [
        (_("India"), reverse("compliance:nation") if selectors.can_open_nation(user) else None)
    ]
    if state is not None:
        allowed = selectors.can_open_state(user, state)
        trail.append(
            (str(state), reverse("compliance:state", args=[state.lgd_code]) if allowed else None)
        )
    if district is not None:
        allowed = selectors.can_open_district(user, district)
        url = reverse("compliance:district", args=[district.lgd_code]) if allowed else None
        trail.append((str(district), url))
    if unit is not None:
        trail.append((str(unit), None))
    return trail
