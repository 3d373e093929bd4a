"""Reads of grievances: officials see those routed to a unit of their jurisdiction or waiting
for one; whoever lodged one sees it by its reference and mobile number."""

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction, official_unit
from apps.directory.selectors import public_contact_for
from apps.grievances.models import Grievance
from apps.reports.models import Report
from apps.reports.selectors import report_by_case_number


def can_see_grievances(user) -> bool:
    return official_unit(user) is not None


def _in_jurisdiction(user) -> Q | None:
    scope = Jurisdiction.of(user)
    first, now = scope.lookups("unit"), scope.lookups("answering_unit")
    if first is None:
        return None
    if not first:
        # The nation: every grievance. (Q() | Q(lodged_by=user) would keep only the user's own.)
        return Q()
    return Q(**first) | Q(**now) | Q(lodged_by=user)


def grievances_for(user, *, waiting: bool = False) -> QuerySet:
    """Lodged grievances routed to a unit the user oversees, or waiting for one now (after it
    went up to the State/UT or the ministry), and those the user lodged; `waiting` keeps the
    unanswered ones."""
    scope = _in_jurisdiction(user)
    if scope is None:
        return Grievance.objects.none()
    grievances = Grievance.objects.filter(scope, lodged_at__isnull=False)
    if waiting:
        grievances = grievances.filter(answered_at__isnull=True)
    return grievances.select_related("unit", "answering_unit", "report", "state")


def grievance_for(user, reference: str) -> Grievance:
    """Not found, for a reference outside the user's jurisdiction as for one that does not exist."""
    return get_object_or_404(grievances_for(user), reference=reference)


def can_answer(user, grievance: Grievance) -> bool:
    """The unit it waits for answers (or an official over that unit), once."""
    return not grievance.is_answered and Jurisdiction.of(user).covers_unit(grievance.answering_unit)


def pending_grievance(reference: str) -> Grievance:
    return get_object_or_404(Grievance, reference=reference, lodged_by__isnull=True)


def grievance_for_tracking(reference: str, mobile: str) -> Grievance | None:
    """The citizen's own grievance, or None, whether the reference is unknown or not theirs."""
    return Grievance.objects.filter(
        reference=reference, mobile=mobile, lodged_at__isnull=False
    ).first()


def public_answerer(grievance: Grievance) -> str:
    """Whom the person who lodged it is told it waits for: a police unit, a State/UT office or
    the ministry by name; for a children's home, a CWC or another district unit, the district's
    DCPU (or police office) that oversees it, so that no one learns where a child is sheltered."""
    unit = grievance.answering_unit
    if unit.district_id is None:
        return unit.name
    return (public_contact_for(unit, where=None) or unit).name


def case_named(case_number: str) -> Report | None:
    """The report a case number names exactly (M-0012345, F-0012345)."""
    case_number = (case_number or "").strip().upper()
    report = report_by_case_number(case_number)
    if report is None or report.case_number != case_number:
        return None
    return report


# --- Figures (apps.dashboards) ---

FIGURES = ("received", "answered_in_time", "answered_late", "overdue", "waiting")


def figures_by(*, state_id: int | None = None, district_id: int | None = None, part: str = ""):
    """Grievances lodged about a State/UT or district (all India when neither is given): their
    counts, one dict of FIGURES per value of `part` ("state", "district" or "unit": the unit
    responsible), or in total under None when no part is given."""
    grievances = Grievance.objects.filter(lodged_at__isnull=False)
    if state_id is not None:
        grievances = grievances.filter(state_id=state_id)
    if district_id is not None:
        grievances = grievances.filter(district_id=district_id)
    now = timezone.now()
    answered = Q(answered_at__isnull=False)
    in_time = answered & Q(answered_at__lte=F("answer_due_at"))
    counts = {
        "received": Count("pk"),
        "answered_in_time": Count("pk", filter=in_time),
        "answered_late": Count("pk", filter=answered & ~Q(answered_at__lte=F("answer_due_at"))),
        "overdue": Count("pk", filter=~answered & Q(answer_due_at__lt=now)),
        "waiting": Count("pk", filter=~answered),
    }
    key = {"state": F("state_id"), "district": F("district_id"), "unit": F("unit_id")}
    if not part:
        return {None: grievances.aggregate(**counts)}
    rows = grievances.annotate(part=key[part]).order_by().values("part").annotate(**counts)
    return {row.pop("part"): row for row in rows}
