"""Whose repatriation page opens to whom.

A child's repatriation is recorded on the record that flags it, by the unit owning that record
and the officials over it (the district's CWC and DCPU, district, State/UT, nation:
apps.accounts.jurisdiction): the police unit that filed the found report, or the institution
holding the child in care. No one else opens the page or its documents.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction, official_unit
from apps.care.models import ChildInCare
from apps.core.countries import country_name
from apps.directory.models import Unit
from apps.repatriation import deadlines
from apps.repatriation.choices import STEPS, Step
from apps.repatriation.models import RepatriationDocument, RepatriationStep
from apps.reports.choices import ReportKind
from apps.reports.models import FOREIGN_NATIONAL, Report


@dataclass(frozen=True)
class Case:
    """The repatriation of the child of one record: a found report or a stay in care."""

    record: Report | ChildInCare

    @property
    def is_in_care(self) -> bool:
        return isinstance(self.record, ChildInCare)

    @property
    def subject(self) -> dict:
        """The step's field naming the record, as filter or create arguments."""
        return {"child": self.record} if self.is_in_care else {"report": self.record}

    @property
    def owner(self) -> Unit:
        return self.record.institution if self.is_in_care else self.record.owning_unit

    @property
    def report(self) -> Report:
        return self.record.report if self.is_in_care else self.record

    @property
    def country(self) -> str:
        return country_name(self.record.nationality)

    @property
    def started_on(self) -> date:
        started = self.record.arrived_at if self.is_in_care else self.record.created_at
        return timezone.localdate(started)

    @property
    def is_flagged(self) -> bool:
        return self.record.is_foreign_national

    def get_absolute_url(self) -> str:
        name = "repatriation:child" if self.is_in_care else "repatriation:report"
        return reverse(name, args=[self.record.pk])


def can_repatriate(user, case: Case) -> bool:
    """The owning unit of the record and the officials over it, among them the district's CWC
    (which orders the repatriation) and DCPU, which watch over every unit of their district."""
    return official_unit(user) is not None and Jurisdiction.watching(user).covers_unit(case.owner)


def _opened(user, case: Case) -> Case:
    if not can_repatriate(user, case):
        raise PermissionDenied
    if not case.is_flagged:
        # Nothing to repatriate: the child is Indian or of a nationality not known.
        raise Http404
    return case


def case_of_report(user, pk: int) -> Case:
    report = get_object_or_404(
        Report.objects.select_related("owning_unit"), pk=pk, kind=ReportKind.FOUND
    )
    return _opened(user, Case(report))


def case_of_child(user, pk: int) -> Case:
    child = get_object_or_404(ChildInCare.objects.select_related("institution", "report"), pk=pk)
    return _opened(user, Case(child))


def document_for(user, public_id) -> tuple[RepatriationDocument, Case]:
    document = get_object_or_404(
        RepatriationDocument.objects.select_related(
            "step__report__owning_unit", "step__child__institution", "step__child__report"
        ),
        public_id=public_id,
    )
    case = Case(document.step.child or document.step.report)
    if not can_repatriate(user, case):
        raise PermissionDenied
    return document, case


@dataclass(frozen=True)
class StepState:
    step: Step
    done: RepatriationStep | None
    due_on: date | None  # for the next step only
    documents: list[RepatriationDocument]

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()


def steps_of(case: Case) -> list[StepState]:
    """Every step in order: done (with its documents), next (with its due date), or later."""
    recorded = {
        Step(row.step): row
        for row in RepatriationStep.objects.filter(**case.subject).select_related("recorded_by")
    }
    documents: dict[int, list] = {}
    for document in RepatriationDocument.objects.filter(step__in=recorded.values()):
        documents.setdefault(document.step_id, []).append(document)
    following = deadlines.next_step(
        {step: row.done_on for step, row in recorded.items()}, case.started_on
    )
    return [
        StepState(
            step=step,
            done=recorded.get(step),
            due_on=following[1] if following and following[0] == step else None,
            documents=documents.get(recorded[step].pk, []) if step in recorded else [],
        )
        for step in STEPS
    ]


# What the dashboards count of the children of other countries, by nationality.
FIGURES = ("flagged", "verified", "ordered", "handed_over")


def figures_by_country(*, state_id: int | None = None, district_id: int | None = None) -> dict:
    """Found children of another country whose report is owned in the State/UT or district (all
    India when neither is given), one count each however many stays in care followed: by
    nationality, how many and how many have each step done, recorded on the found report or on a
    stay in care of the child. One grouped query; such children are few."""
    reports = Report.objects.filter(FOREIGN_NATIONAL, kind=ReportKind.FOUND)
    if state_id is not None:
        reports = reports.filter(owning_unit__state_id=state_id)
    if district_id is not None:
        reports = reports.filter(owning_unit__district_id=district_id)

    def done(step: Step) -> Exists:
        return Exists(
            RepatriationStep.objects.filter(
                Q(report=OuterRef("pk")) | Q(child__report=OuterRef("pk")), step=step
            )
        )

    rows = (
        reports.order_by()
        .values("nationality")
        .annotate(
            flagged=Count("pk"),
            verified=Count("pk", filter=done(Step.VERIFICATION)),
            ordered=Count("pk", filter=done(Step.CWC_ORDER)),
            handed_over=Count("pk", filter=done(Step.HANDOVER)),
        )
    )
    return {row.pop("nationality"): row for row in rows}
