from django.urls import path

from apps.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("states/", views.state_list, name="states"),
    path("states/<int:lgd_code>/", views.state_detail, name="state"),
    path("states/<int:lgd_code>/districts.json", views.state_districts, name="state_districts"),
    path("districts/<int:lgd_code>/", views.district_detail, name="district"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
]
