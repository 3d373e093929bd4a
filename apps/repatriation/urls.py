from django.urls import path

from apps.repatriation import views

app_name = "repatriation"

urlpatterns = [
    path("found/<int:pk>/", views.report_case, name="report"),
    path("care/<int:pk>/", views.child_case, name="child"),
    path("documents/<uuid:public_id>/", views.document, name="document"),
]
