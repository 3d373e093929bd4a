from django.shortcuts import render

from apps.directory.selectors import directory_size
from apps.portal.home import is_police_unit, main_actions_for, other_actions_for


def home(request):
    """A visitor lands on Khoya-Paya's actions; an official on the main actions of their unit."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "portal/public_home.html", directory_size())
    context = {
        "main_actions": main_actions_for(user),
        "other_actions": other_actions_for(user),
        "police_unit": is_police_unit(user),
    }
    return render(request, "portal/home.html", context)
