from django.http import JsonResponse

from apps.core.health import check as health_check


def health(request):
    """For load balancers and the process supervisor: 200 only when every part answers."""
    state = health_check()
    return JsonResponse(state, status=200 if state["status"] == "ok" else 503)
