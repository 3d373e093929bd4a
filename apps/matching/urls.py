from django.urls import path

from apps.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.compare, name="compare"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/agree/", views.agree, name="agree"),
    path("<int:pk>/merge/", views.merge, name="merge"),
]
