from django.urls import path

from apps.compliance import views

app_name = "compliance"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("figures/", views.overview, name="overview"),
    path("india/", views.nation, name="nation"),
    path("states/<int:lgd_code>/", views.state, name="state"),
    path("districts/<int:lgd_code>/", views.district, name="district"),
    path("units/<int:pk>/", views.unit, name="unit"),
]
