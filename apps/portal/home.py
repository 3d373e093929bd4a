"""What an official's home page starts with: the main actions of their unit, with how much waits.

Each count comes from the selector of the app that owns the records, scoped to the official's
jurisdiction, so a home page never counts another unit's work.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.accounts.jurisdiction import official_unit
from apps.care.selectors import (
    can_admit,
    care_plans_due_for,
    decides_orders,
    orders_due_for,
    placed_here_not_admitted,
)
from apps.citizens.models import CitizenReportKind, CitizenReportStatus
from apps.citizens.selectors import can_see_citizen_reports, complaints_waiting_for
from apps.compliance.selectors import work_queue_for
from apps.dashboards.selectors import can_see_dashboards
from apps.directory.models import POLICE_UNIT_TYPES
from apps.grievances.selectors import can_see_grievances, grievances_for
from apps.reports.choices import ReportKind
from apps.reports.selectors import can_file, can_search

# A count beyond this shows as "999+": counting a whole State's queue costs more than it tells.
COUNT_CAP = 999


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    count: int | None = None  # how many records wait; None when the action is no queue
    more: bool = False  # more than COUNT_CAP wait


def _url(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def _queue(label, url: str, queryset) -> Action:
    counted = queryset.order_by()[: COUNT_CAP + 1].count()
    return Action(label, url, count=min(counted, COUNT_CAP), more=counted > COUNT_CAP)


def is_police_unit(user) -> bool:
    unit = official_unit(user)
    return unit is not None and unit.unit_type in POLICE_UNIT_TYPES


def main_actions_for(user) -> list[Action]:
    """Police: file a missing or a found child, families' complaints waiting; a children's home:
    admit a child, care plans due; a CWC/JJB: orders due; district, State and national
    officials: overdue work and their dashboard; anyone: grievances waiting, when some are. An
    official of several kinds sees each."""
    return [
        *_police_actions(user),
        *_institution_actions(user),
        *_deciding_body_actions(user),
        *_oversight_actions(user),
        *_grievance_actions(user),
    ]


def other_actions_for(user) -> list[Action]:
    if not can_search(user):
        return []
    return [
        Action(_("Search missing and found children"), _url("reports:search")),
        Action(_("Matches"), _url("matching:queue")),
    ]


def _police_actions(user) -> list[Action]:
    actions = []
    if can_file(user, ReportKind.MISSING):
        actions.append(Action(_("File a missing child report"), _url("reports:file_missing")))
        actions.append(Action(_("File a found child report"), _url("reports:file_found")))
    if is_police_unit(user) and can_see_citizen_reports(user):
        waiting = {"status": CitizenReportStatus.RECEIVED, "kind": CitizenReportKind.MISSING}
        url = _url("citizens:queue", **waiting)
        actions.append(_queue(_("Citizens' complaints waiting"), url, complaints_waiting_for(user)))
    return actions


def _institution_actions(user) -> list[Action]:
    if not can_admit(user):
        return []
    return [
        # How many children a CWC placed here wait to be admitted.
        _queue(_("Admit a child"), _url("care:start_admission"), placed_here_not_admitted(user)),
        _queue(_("Care plans due"), _url("care:children", due="plan"), care_plans_due_for(user)),
    ]


def _deciding_body_actions(user) -> list[Action]:
    if not decides_orders(user):
        return []
    return [_queue(_("Orders due"), _url("care:children", due="order"), orders_due_for(user))]


def _grievance_actions(user) -> list[Action]:
    """Grievances waiting for an answer, whatever the unit, shown only when there are some."""
    if not can_see_grievances(user):
        return []
    waiting = _queue(
        _("Grievances waiting"), _url("grievances:queue"), grievances_for(user, waiting=True)
    )
    return [waiting] if waiting.count else []


def _oversight_actions(user) -> list[Action]:
    if not can_see_dashboards(user):
        return []
    return [
        _queue(_("Overdue work"), _url("compliance:queue"), work_queue_for(user)),
        Action(_("Dashboard"), _url("dashboards:mine")),
    ]
