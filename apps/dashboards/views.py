from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from apps.dashboards import selectors
from apps.dashboards.dashboard import build_dashboard, build_drive_page, trail
from apps.dashboards.exports import FORMATS
from apps.dashboards.forms import DashboardFilterForm


@login_required
def mine(request):
    """The dashboard of the official's whole jurisdiction."""
    name, args = selectors.own_dashboard(request.user)
    return redirect(name, *args)


@login_required
def nation(request):
    return _dashboard(request, selectors.nation_for(request.user))


@login_required
def state(request, lgd_code):
    return _dashboard(request, selectors.state_for(request.user, lgd_code))


@login_required
def district(request, lgd_code):
    return _dashboard(
        request, selectors.district_for(request.user, lgd_code), "dashboards/district.html"
    )


@login_required
def drive(request, code):
    page = build_drive_page(request.user, selectors.drive_for(request.user, code))
    if "download" in request.GET:
        return _download(page, request.GET["download"], request.GET.get("as", "csv"))
    return render(request, "dashboards/drive.html", {"page": page, "now": timezone.now()})


def _dashboard(request, area, template="dashboards/dashboard.html"):
    form = DashboardFilterForm.from_query(request.GET)
    dashboard = build_dashboard(request.user, area, form.filters())
    if "download" in request.GET:
        return _download(dashboard, request.GET["download"], request.GET.get("as", "csv"))
    downloads = request.GET.copy()
    downloads.pop("download", None)
    downloads.pop("as", None)
    return render(
        request,
        template,
        {
            "dashboard": dashboard,
            "form": form,
            "trail": trail(request.user, area),
            "query": downloads.urlencode(),
            "now": timezone.now(),
        },
    )


def _download(dashboard, table_name: str, file_format: str) -> HttpResponse:
    """A table of a dashboard or of a drive's page as a file."""
    if file_format not in FORMATS:
        raise Http404
    table = dashboard.table(table_name)
    write, content_type = FORMATS[file_format]
    response = HttpResponse(write(table), content_type=content_type)
    day = timezone.localdate().strftime("%Y-%m-%d")
    area = slugify(str(getattr(dashboard, "drive", "") or dashboard.area)) or "area"
    name = f"trackchild-{area}-{table.name}-{day}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
