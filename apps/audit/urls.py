from django.urls import path

from apps.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.access_log, name="access_log"),
    path("review/", views.access_review, name="access_review"),
]
