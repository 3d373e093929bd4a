from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from apps.directory.models import District, State, Unit


def home(request):
    return render(
        request,
        "core/home.html",
        {
            "state_count": State.objects.count(),
            "district_count": District.objects.current().count(),
            "unit_count": Unit.objects.filter(is_active=True).count(),
        },
    )


def health(request):
    """For load balancers and the process supervisor: is the database reachable?"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
