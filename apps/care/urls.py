from django.urls import path

from apps.care import views

app_name = "care"

urlpatterns = [
    path("", views.children, name="children"),
    path("admit/", views.start_admission, name="start_admission"),
    path("admit/<int:report_pk>/", views.admit, name="admit"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/add/<slug:kind>/", views.add_entry, name="add_entry"),
    path("<int:pk>/plans/<int:version>/", views.care_plan, name="care_plan"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/ran-away/", views.runaway, name="runaway"),
    path("transfers/<int:transfer_pk>/", views.incoming_transfer, name="incoming_transfer"),
    path("discharges/<int:pk>/", views.act_on_discharge_request, name="act_on_discharge"),
    path("documents/<uuid:public_id>/", views.document, name="document"),
]
