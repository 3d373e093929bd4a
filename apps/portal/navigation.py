"""The menu each official sees: only what their roles let them do."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.alerts.selectors import own_digest_district
from apps.audit.selectors import can_read_access_log
from apps.bulk.selectors import can_bulk_upload
from apps.care.selectors import can_see_children_in_care
from apps.citizens.selectors import can_see_citizen_reports
from apps.compliance.selectors import can_see_compliance
from apps.dashboards.selectors import can_see_dashboards
from apps.pfif.selectors import can_exchange_pfif


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str


def menu_for(user) -> list[MenuItem]:
    items = [MenuItem(_("Directory"), reverse("directory:search"))]
    if not user.is_authenticated:
        return items
    if user.level is not None:
        items.append(MenuItem(_("Children"), reverse("reports:search")))
        items.append(MenuItem(_("Matches"), reverse("matching:queue")))
    if can_see_dashboards(user):
        items.append(MenuItem(_("Dashboard"), reverse("dashboards:mine")))
    digest_district = own_digest_district(user)
    if digest_district is not None:
        url = reverse("alerts:district_digest", args=[digest_district.lgd_code])
        items.append(MenuItem(_("Monthly digest"), url))
    if can_see_citizen_reports(user):
        items.append(MenuItem(_("Citizens' reports"), reverse("citizens:queue")))
    if can_see_children_in_care(user):
        items.append(MenuItem(_("Children in care"), reverse("care:children")))
    if can_see_compliance(user):
        items.append(MenuItem(_("Overdue work"), reverse("compliance:queue")))
    if can_bulk_upload(user):
        items.append(MenuItem(_("Bulk upload"), reverse("bulk:index")))
    if can_exchange_pfif(user):
        items.append(MenuItem(_("PFIF exchange"), reverse("pfif:exchange")))
    if user.level is not None:
        items.append(MenuItem(_("Officials"), reverse("accounts:officials")))
    if can_read_access_log(user):
        items.append(MenuItem(_("Access log"), reverse("audit:access_log")))
    if user.is_staff:
        items.append(MenuItem(_("Administration"), reverse("admin:index")))
    return items
