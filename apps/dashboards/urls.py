from django.urls import path

from apps.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("india/", views.nation, name="nation"),
    path("states/<int:lgd_code>/", views.state, name="state"),
    path("districts/<int:lgd_code>/", views.district, name="district"),
    path("drives/<slug:code>/", views.drive, name="drive"),
]
