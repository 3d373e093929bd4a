"""sitemap.xml and robots.txt: what search engines may list. Only public pages are named: the home
page, Khoya-Paya's forms and search, the directory and the website's policies; never a child's
record, a family's own case page or any official's page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.directory.models import District, State
from apps.portal.policies import POLICY_PAGES

# Officials' areas, a family's own pages (their links are private) and machine endpoints.
PRIVATE_PREFIXES = [
    "/accounts/",
    "/admin/",
    "/alerts/",
    "/api/",
    "/audit/",
    "/bulk/",
    "/captcha/",
    "/care/",
    "/citizen-reports/",
    "/compliance/",
    "/dashboards/",
    "/grievances/",
    "/healthz/",
    "/i18n/",
    "/khoya-paya/case/",
    "/khoya-paya/verify/",
    "/kp/",
    "/matches/",
    "/messaging/",
    "/metrics",
    "/pfif/",
    "/reports/",
]

PUBLIC_PAGES = [
    "portal:home",
    "citizens:home",
    "citizens:search",
    "citizens:track",
    ("citizens:report", "missing"),
    ("citizens:report", "sighting"),
    ("citizens:report", "inquiry"),
    "grievances:lodge",
    "grievances:track",
    "directory:search",
    "directory:states",
]


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return PUBLIC_PAGES

    def location(self, item):
        name, *args = (item,) if isinstance(item, str) else item
        return reverse(name, args=args)


class PolicyPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return POLICY_PAGES

    def location(self, item):
        return reverse(item.url_name)

    def lastmod(self, item):
        return item.updated


class DirectorySitemap(Sitemap):
    """Each State/UT's and district's page of the public directory."""

    changefreq = "monthly"

    def items(self):
        states = State.objects.order_by("lgd_code").values_list("lgd_code", flat=True)
        districts = District.objects.order_by("lgd_code").values_list("lgd_code", flat=True)
        return [("directory:state", code) for code in states] + [
            ("directory:district", code) for code in districts
        ]

    def location(self, item):
        name, code = item
        return reverse(name, args=[code])


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "policies": PolicyPagesSitemap,
    "directory": DirectorySitemap,
}
