from django.http import JsonResponse
from django.shortcuts import render

from apps.core.health import check as health_check
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
    """For load balancers and the process supervisor: 200 only when every part answers."""
    state = health_check()
    return JsonResponse(state, status=200 if state["status"] == "ok" else 503)
