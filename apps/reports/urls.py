from django.urls import path

from apps.reports import views
from apps.reports.choices import ReportKind

app_name = "reports"

urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export, name="export"),
    path("missing/new-across-india/", views.national_feed, name="national_feed"),
    path("missing/new/", views.file_report, {"kind": ReportKind.MISSING}, name="file_missing"),
    path("found/new/", views.file_report, {"kind": ReportKind.FOUND}, name="file_found"),
    path("outcomes/", views.outcome_requests, name="outcome_requests"),
    path("outcomes/<int:pk>/", views.act_on_outcome_request, name="act_on_outcome_request"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit_report, name="edit"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/notes/", views.add_note, name="add_note"),
    path("<int:pk>/consent/", views.record_consent, name="record_consent"),
    path("<int:pk>/consent/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/notice/", views.notice, name="notice"),
    path("photos/<uuid:public_id>/", views.photo, name="photo"),
    path("photos/<uuid:public_id>/thumbnail/", views.photo, {"thumbnail": True}, name="thumbnail"),
]
