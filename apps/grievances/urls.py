from django.urls import path

from apps.grievances import views

app_name = "grievances"

urlpatterns = [
    # Khoya-Paya: no account needed (officials signed in lodge from the same address).
    path("khoya-paya/grievance/", views.lodge, name="lodge"),
    path("khoya-paya/grievance/track/", views.track, name="track"),
    path("khoya-paya/grievance/<str:reference>/confirm/", views.confirm, name="confirm"),
    # Officials.
    path("grievances/", views.queue, name="queue"),
    path("grievances/<str:reference>/", views.detail, name="detail"),
    path("grievances/<str:reference>/answer/", views.answer, name="answer"),
]
