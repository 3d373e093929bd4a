from django.urls import path

from apps.alerts import views

app_name = "alerts"

urlpatterns = [
    path("digests/<int:lgd_code>/", views.district_digest, name="district_digest"),
]
