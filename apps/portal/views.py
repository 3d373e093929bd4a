from django.shortcuts import render

from apps.directory.selectors import directory_size
from apps.portal.home import main_actions_for, other_actions_for
from apps.reports.selectors import can_see_national_feed, new_missing_children

# The police home page shows the newest few; the feed's own page has them all.
HOME_FEED_LENGTH = 5


def home(request):
    """A visitor lands on Khoya-Paya's actions; an official on the main actions of their unit,
    and police officials on the newest missing children across India."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "portal/public_home.html", directory_size())
    context = {
        "main_actions": main_actions_for(user),
        "other_actions": other_actions_for(user),
    }
    if can_see_national_feed(user):
        context["new_missing"] = list(new_missing_children(user)[:HOME_FEED_LENGTH])
    return render(request, "portal/home.html", context)
