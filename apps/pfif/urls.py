from django.urls import path

from apps.pfif import views

app_name = "pfif"

urlpatterns = [
    path("", views.exchange, name="exchange"),
    path("export/", views.export, name="export"),
    path("import/", views.import_file, name="import"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("import/<int:pk>/progress.json", views.import_progress, name="import_progress"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:pk>/", views.person, name="person"),
    path("queue/<int:pk>/accept/", views.accept, name="accept"),
    path("queue/<int:pk>/duplicate/", views.duplicate, name="duplicate"),
    path("queue/<int:pk>/reject/", views.reject, name="reject"),
]
