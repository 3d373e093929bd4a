from django.urls import path

from apps.bulk import views

app_name = "bulk"

urlpatterns = [
    path("", views.index, name="index"),
    path("template/<str:kind>.<str:file_format>", views.template, name="template"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.status, name="status"),
    path("<int:pk>/progress.json", views.progress, name="progress"),
    path("<int:pk>/errors.<str:file_format>", views.error_report, name="errors"),
]
