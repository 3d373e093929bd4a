from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)

from apps.api import views

app_name = "api"

urlpatterns = [
    path("v1/cctns/firs/", views.FirView.as_view(), name="firs"),
    path("v1/cctns/changes/", views.ChangesView.as_view(), name="changes"),
    path("v1/helpline/sightings/", views.HelplineSightingView.as_view(), name="sightings"),
    path("v1/helpline/found-children/", views.HelplineFoundChildView.as_view(), name="found"),
    path("v1/reports/<int:report_id>/", views.ReportView.as_view(), name="report"),
    path("v1/pfif/", views.PfifView.as_view(), name="pfif"),
    path(
        "v1/pfif/imports/<int:received_id>/",
        views.PfifImportView.as_view(),
        name="pfif_import",
    ),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", views.NotFoundView.as_view()),
]
