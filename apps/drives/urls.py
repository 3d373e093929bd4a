from django.urls import path

from apps.drives import views

app_name = "drives"

urlpatterns = [
    path("", views.drive_list, name="list"),
    path("declare/", views.declare, name="declare"),
]
