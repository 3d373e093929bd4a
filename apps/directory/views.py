from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie

from apps.accounts.jurisdiction import Jurisdiction
from apps.core.pagination import paginate
from apps.directory import selectors
from apps.directory.forms import UnitSearchForm
from apps.directory.models import District, State, Unit

UNITS_PER_PAGE = 25


def search(request):
    form = UnitSearchForm(request.GET or None)
    units = Unit.objects.none()
    if form.is_valid():
        units = selectors.search_units(
            query=form.cleaned_data["q"].strip(),
            state=form.cleaned_data["state"],
            district=form.cleaned_data["district"],
            unit_type=form.cleaned_data["unit_type"],
        )
    elif not form.is_bound:
        units = selectors.search_units()
    page, query_string = paginate(request, units, UNITS_PER_PAGE)
    return render(
        request, "directory/search.html", {"form": form, "page": page, "query_string": query_string}
    )


def state_list(request):
    return render(request, "directory/state_list.html", {"states": selectors.states_with_counts()})


def state_detail(request, lgd_code):
    state = get_object_or_404(State, lgd_code=lgd_code)
    return render(
        request,
        "directory/state_detail.html",
        {
            "state": state,
            "districts": selectors.districts_of(state),
            "state_units": selectors.search_units(state=state).filter(district__isnull=True),
            "nodal_officers": selectors.nodal_officers_of_state(state),
        },
    )


# Public data that changes only when the LGD snapshot is loaded again; names follow the language.
@cache_control(public=True, max_age=3600)
@vary_on_cookie
def state_districts(request, lgd_code):
    """The current districts of a State/UT, for the district lists of forms (trackchild.js)."""
    state = get_object_or_404(State, lgd_code=lgd_code)
    districts = [
        {"id": district.pk, "name": district.name}
        for district in selectors.current_districts_of(state)
    ]
    return JsonResponse({"districts": districts})


def district_detail(request, lgd_code):
    district = get_object_or_404(District.objects.select_related("state"), lgd_code=lgd_code)
    return render(
        request,
        "directory/district_detail.html",
        {
            "district": district,
            "units": selectors.search_units(district=district),
            "nodal_officers": selectors.nodal_officers_of_district(district),
        },
    )


def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("state", "district"), pk=pk)
    return render(
        request,
        "directory/unit_detail.html",
        {
            "unit": unit,
            "nodal_officers": unit.nodal_officers.all(),
            "can_see_officials": Jurisdiction.of(request.user).covers_unit(unit),
        },
    )
