from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "TrackChild administration"
admin.site.site_title = "TrackChild"

urlpatterns = [
    path("", include("apps.portal.urls")),
    path("", include("apps.core.urls")),
    path("", include("apps.operations.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("directory/", include("apps.directory.urls")),
    path("drives/", include("apps.drives.urls")),
    path("reports/", include("apps.reports.urls")),
    path("matches/", include("apps.matching.urls")),
    path("care/", include("apps.care.urls")),
    path("repatriation/", include("apps.repatriation.urls")),
    path("messaging/", include("apps.messaging.urls")),
    path("", include("apps.citizens.urls")),
    path("captcha/", include("captcha.urls")),
    path("compliance/", include("apps.compliance.urls")),
    path("", include("apps.grievances.urls")),
    path("alerts/", include("apps.alerts.urls")),
    path("audit/", include("apps.audit.urls")),
    path("pfif/", include("apps.pfif.urls")),
    path("bulk/", include("apps.bulk.urls")),
    path("dashboards/", include("apps.dashboards.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("apps.api.urls")),
]

# API calls that fail or are refused outside their view still answer JSON; other pages get
# Django's 400 and 500 pages.
handler400 = "apps.api.errors.bad_request"
handler500 = "apps.api.errors.server_error"
