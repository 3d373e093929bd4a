from django.urls import path

from apps.citizens import views

app_name = "citizens"

urlpatterns = [
    # The public side, Khoya-Paya: no account needed.
    path("khoya-paya/", views.home, name="home"),
    path("khoya-paya/search/", views.search, name="search"),
    path("khoya-paya/track/", views.track, name="track"),
    path("khoya-paya/report/<slug:kind>/", views.report, name="report"),
    path("khoya-paya/verify/<str:reference>/", views.verify, name="verify"),
    path("khoya-paya/case/<str:reference>/", views.case, name="case"),
    path("khoya-paya/my-data/", views.my_data, name="my_data"),
    path("khoya-paya/my-data/<str:reference>/", views.my_data_verify, name="my_data_verify"),
    # Short: it travels in an SMS (apps.citizens.stop_links).
    path("kp/<str:reference>/<str:signature>/", views.stop_search, name="stop_search"),
    path("kp/s/<str:case_number>/<str:token>/", views.stop_family_sms, name="stop_family_sms"),
    # Officials.
    path("citizen-reports/", views.queue, name="queue"),
    path("data-requests/", views.data_requests, name="data_requests"),
    path(
        "data-requests/<str:reference>/answer/",
        views.answer_data_request,
        name="answer_data_request",
    ),
    path("citizen-reports/<str:reference>/", views.detail, name="detail"),
    path("citizen-reports/<str:reference>/photo/", views.photo, name="photo"),
    path("citizen-reports/<str:reference>/convert/", views.convert, name="convert"),
    path("citizen-reports/<str:reference>/decline/", views.decline, name="decline"),
    path("citizen-reports/<str:reference>/moderate/", views.moderate, name="moderate"),
]
