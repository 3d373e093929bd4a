"""The menu each official sees: only what their roles let them do, grouped in a few dropdowns so
that it stays on one line of a laptop's screen and folds behind one button on a phone."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.alerts.selectors import own_digest_district
from apps.audit.selectors import can_read_access_log
from apps.bulk.selectors import can_bulk_upload
from apps.care.selectors import can_admit, can_see_children_in_care
from apps.citizens.selectors import can_see_citizen_reports
from apps.compliance.selectors import can_see_compliance
from apps.dashboards.selectors import can_see_dashboards
from apps.drives.selectors import can_declare
from apps.grievances.selectors import can_see_grievances
from apps.pfif.selectors import can_exchange_pfif
from apps.reports.choices import ReportKind
from apps.reports.selectors import can_file, can_search


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str


@dataclass(frozen=True)
class MenuGroup:
    """A dropdown of the menu bar: its label and what it opens."""

    label: str
    items: tuple[MenuItem, ...]

    @property
    def url(self) -> str:
        """Where the group's button leads when scripts are off: its first page."""
        return self.items[0].url


def menu_for(user) -> list[MenuItem | MenuGroup]:
    """The menu bar: the directory, then each group the user has something in, always in the
    same order and under the same name, so that it is found in the same place by everyone."""
    entries = [MenuItem(_("Directory"), reverse("directory:search"))]
    if not user.is_authenticated:
        return entries
    groups = [
        (_("Missing & found"), _missing_and_found(user)),
        (_("Children in care"), _care(user)),
        (_("Work"), _work(user)),
        (_("Figures"), _figures(user)),
        (_("Admin"), _admin(user)),
    ]
    entries.extend(MenuGroup(label, tuple(items)) for label, items in groups if items)
    return entries


def _missing_and_found(user) -> list[MenuItem]:
    if not can_search(user):
        return []
    items = [MenuItem(_("Search missing and found children"), reverse("reports:search"))]
    if can_file(user, ReportKind.MISSING):
        items.append(MenuItem(_("File a missing child report"), reverse("reports:file_missing")))
    if can_file(user, ReportKind.FOUND):
        items.append(MenuItem(_("File a found child report"), reverse("reports:file_found")))
    return items


def _care(user) -> list[MenuItem]:
    if not can_see_children_in_care(user):
        return []
    items = [MenuItem(_("Children in care"), reverse("care:children"))]
    if can_admit(user):
        items.append(MenuItem(_("Admit a child"), reverse("care:start_admission")))
    return items


def _work(user) -> list[MenuItem]:
    items = []
    if can_search(user):
        items.append(MenuItem(_("Matches"), reverse("matching:queue")))
        items.append(MenuItem(_("Outcomes to record"), reverse("reports:outcome_requests")))
    if can_see_citizen_reports(user):
        items.append(MenuItem(_("Citizens' reports"), reverse("citizens:queue")))
        items.append(MenuItem(_("Data requests"), reverse("citizens:data_requests")))
    if can_see_compliance(user):
        items.append(MenuItem(_("Overdue work"), reverse("compliance:queue")))
    if can_see_grievances(user):
        items.append(MenuItem(_("Grievances"), reverse("grievances:queue")))
    if can_bulk_upload(user):
        items.append(MenuItem(_("Bulk upload"), reverse("bulk:index")))
    if can_exchange_pfif(user):
        items.append(MenuItem(_("PFIF exchange"), reverse("pfif:exchange")))
    return items


def _figures(user) -> list[MenuItem]:
    items = []
    if can_see_dashboards(user):
        items.append(MenuItem(_("Dashboard"), reverse("dashboards:mine")))
        items.append(MenuItem(_("Special drives"), reverse("drives:list")))
    digest_district = own_digest_district(user)
    if digest_district is not None:
        url = reverse("alerts:district_digest", args=[digest_district.lgd_code])
        items.append(MenuItem(_("Monthly digest"), url))
    return items


def _admin(user) -> list[MenuItem]:
    items = []
    if user.level is not None:
        items.append(MenuItem(_("Officials"), reverse("accounts:officials")))
    if can_declare(user):
        items.append(MenuItem(_("Declare a special drive"), reverse("drives:declare")))
    if can_read_access_log(user):
        items.append(MenuItem(_("Access log"), reverse("audit:access_log")))
        items.append(MenuItem(_("Access review"), reverse("audit:access_review")))
    if user.is_staff:
        items.append(MenuItem(_("Administration"), reverse("admin:index")))
    return items
