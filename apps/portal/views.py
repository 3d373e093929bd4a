from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from apps.directory.selectors import directory_size
from apps.portal.home import main_actions_for, other_actions_for
from apps.portal.policies import POLICY_PAGES, POLICY_PAGES_BY_SLUG
from apps.portal.sitemaps import PRIVATE_PREFIXES
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


def policy_page(request, slug):
    """Help, contact, accessibility and the website's policies, in the visitor's language."""
    page = POLICY_PAGES_BY_SLUG[slug]
    return render(
        request,
        page.template,
        {
            "page": page,
            "policy_pages": POLICY_PAGES,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
        },
    )


def robots_txt(request):
    """Search engines may index the public pages, never officials' areas or a family's own pages."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
