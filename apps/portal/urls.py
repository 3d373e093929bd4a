from django.contrib.sitemaps.views import sitemap
from django.urls import path

from apps.portal import views
from apps.portal.policies import POLICY_PAGES
from apps.portal.sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *(
        path(f"{page.slug}/", views.policy_page, {"slug": page.slug}, name=page.slug)
        for page in POLICY_PAGES
    ),
]
