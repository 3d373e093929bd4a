from django.urls import path

from apps.messaging import views

app_name = "messaging"

urlpatterns = [
    path("delivery-report/", views.delivery_report, name="delivery_report"),
    path("incoming/", views.incoming_sms, name="incoming_sms"),
]
