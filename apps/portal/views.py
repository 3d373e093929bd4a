from django.shortcuts import render

from apps.directory.selectors import directory_size
from apps.reports.selectors import can_see_national_feed, new_missing_children

# The police home page shows the newest few; the feed's own page has them all.
HOME_FEED_LENGTH = 5


def home(request):
    context = directory_size()
    if can_see_national_feed(request.user):
        context["new_missing"] = list(new_missing_children(request.user)[:HOME_FEED_LENGTH])
    return render(request, "portal/home.html", context)
