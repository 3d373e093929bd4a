"""The events the time-bound upload protocol watches, each with its deadline rule."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PRODUCTION = "production", _("Found child produced before the CWC / JJB")
    ADMISSION = "admission", _("Admission recorded after the child arrived")
    CARE_PLAN = "care_plan", _("Individual Care Plan written")
    PROGRESS = "progress", _("Progress report filed")
    PLAN_REVIEW = "plan_review", _("Care plan reviewed by its review date")
    ORDER = "order", _("CWC / JJB order recorded")
    FOUND_FILING = "found_filing", _("Found report filed by the police after recovery")
    MISSING_FILING = "missing_filing", _("Missing report entered by the police after its FIR / GD")
    COMPLAINT = "complaint", _("Citizen's complaint answered by the police station")
    REPATRIATION = "repatriation", _("Repatriation step of a child of another country done")


# What the portal asks unless an administrator changes the rule (hours).
DEFAULT_ALLOWED_HOURS = {
    Event.PRODUCTION: 24,
    Event.ADMISSION: 24,
    Event.CARE_PLAN: 30 * 24,
    Event.PROGRESS: 90 * 24,
    # Counted from the start of the review date: overdue from the day after it.
    Event.PLAN_REVIEW: 24,
    Event.ORDER: 7 * 24,
    Event.FOUND_FILING: 24,
    Event.MISSING_FILING: 24,
    # Escalated to the district's SP office and DCPU once past.
    Event.COMPLAINT: 48,
    # Each step has its own time (REPATRIATION_STEP_DAYS), counted in days: overdue from the
    # day after the step's due date.
    Event.REPATRIATION: 24,
}

# Items about a child's care: never shown to police, who meet children in care only through
# national search and matching.
CARE_EVENTS = frozenset(
    {Event.ADMISSION, Event.CARE_PLAN, Event.PROGRESS, Event.PLAN_REVIEW, Event.ORDER}
)
# A late filing is over once it happens: it is counted in the compliance figures, never queued.
LATE_FILING_EVENTS = frozenset({Event.FOUND_FILING, Event.MISSING_FILING})
QUEUED_EVENTS = tuple(event for event in Event if event not in LATE_FILING_EVENTS)
