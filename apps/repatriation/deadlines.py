"""When each repatriation step is due: REPATRIATION_STEP_DAYS[step] days after the step before
(the first after the child was flagged: the found report filed, or the child's arrival in care).

Only the next step of a record is due; the steps are recorded in order (services.record_step).
`next_step` answers for one record on its page; `found_children_awaiting_step` and
`children_in_care_awaiting_step` for all of them in one query, for the overdue items
(apps.compliance.rules).
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from apps.care.choices import CareStatus
from apps.care.models import ChildInCare
from apps.repatriation.choices import STEPS, Step
from apps.repatriation.models import RepatriationStep
from apps.reports.choices import ReportKind, Status
from apps.reports.models import FOREIGN_NATIONAL, Report


def step_days(step: Step) -> int:
    return settings.REPATRIATION_STEP_DAYS[step.value]


def next_step(done: dict[Step, date], started_on: date) -> tuple[Step, date] | None:
    """The first step not done and the day it is due; None once the child is handed over."""
    since = started_on
    for step in STEPS:
        if step not in done:
            return step, since + timedelta(days=step_days(step))
        since = done[step]
    return None


def found_children_awaiting_step() -> QuerySet:
    """Found children of another country whose case is still open and who are not in care (the
    institution holding a child answers for it), with a step left: annotated as below."""
    in_care = ChildInCare.objects.filter(report=OuterRef("pk"), status=CareStatus.IN_CARE)
    reports = (
        Report.objects.filter(FOREIGN_NATIONAL, kind=ReportKind.FOUND)
        .exclude(status__in=[Status.RESTORED, Status.CLOSED])
        .exclude(Exists(in_care))
    )
    return _awaiting_step(reports, subject="report", started="created_at")


def children_in_care_awaiting_step() -> QuerySet:
    children = ChildInCare.objects.filter(FOREIGN_NATIONAL, status=CareStatus.IN_CARE)
    return _awaiting_step(children, subject="child", started="arrived_at")


def _awaiting_step(records: QuerySet, *, subject: str, started: str) -> QuerySet:
    """`records` with a step left, each with `repatriation_from` (the day the next step's time
    started) and `repatriation_days` (the days it is given)."""
    done = {
        step: Subquery(
            RepatriationStep.objects.filter(**{subject: OuterRef("pk")}, step=step).values(
                "done_on"
            )[:1]
        )
        for step in STEPS
    }
    verified, ordered = Step.VERIFICATION, Step.CWC_ORDER
    return (
        records.annotate(
            r_verified=done[verified],
            r_ordered=done[ordered],
            r_handed_over=done[Step.HANDOVER],
            r_started=TruncDate(started, tzinfo=ZoneInfo(settings.TIME_ZONE)),
        )
        .filter(r_handed_over__isnull=True)
        .annotate(
            repatriation_from=Case(
                When(r_verified__isnull=True, then=F("r_started")),
                When(r_ordered__isnull=True, then=F("r_verified")),
                default=F("r_ordered"),
            ),
            repatriation_days=Case(
                When(r_verified__isnull=True, then=Value(step_days(verified))),
                When(r_ordered__isnull=True, then=Value(step_days(ordered))),
                default=Value(step_days(Step.HANDOVER)),
                output_field=IntegerField(),
            ),
        )
    )
