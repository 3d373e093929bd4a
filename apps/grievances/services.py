"""Lodging, answering and escalating grievances. Each function is one transaction."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.citizens import limits, mobile_codes
from apps.directory.models import State, Unit
from apps.directory.selectors import national_unit, state_nodal_unit
from apps.grievances import selectors
from apps.grievances.models import AnswerLevel, Grievance, Subject
from apps.grievances.signals import grievances_escalated
from apps.messaging.catalogue import GRIEVANCE_ANSWERED
from apps.messaging.models import Channel
from apps.messaging.services import queue_message
from apps.reports.models import Report

GRIEVANCES_PER_MOBILE_PER_DAY = 5
CODES_PER_GRIEVANCE = 3
TOO_MANY_GRIEVANCES = gettext_lazy(
    "This mobile number has lodged too many grievances today. Please try again tomorrow."
)
NOBODY_TO_ANSWER = gettext_lazy(
    "No office is named yet to answer this grievance. Please call the child helpline 1098."
)
NEXT_LEVEL = {AnswerLevel.UNIT: AnswerLevel.STATE, AnswerLevel.STATE: AnswerLevel.NATION}


@dataclass(frozen=True)
class About:
    """What a grievance is about, as the form gave it."""

    subject: str
    report: Report | None = None
    state: State | None = None
    unit_name: str = ""


def _route(grievance: Grievance, about: About) -> None:
    """The case's owning unit answers for a case; the State/UT's nodal unit for a unit of the
    State/UT (the ministry when the State/UT names none); the ministry for the portal."""
    grievance.subject = about.subject
    if about.subject == Subject.CASE:
        unit = about.report.owning_unit
        grievance.report = about.report
        grievance.district_id, grievance.state_id = unit.district_id, unit.state_id
    elif about.subject == Subject.UNIT:
        unit = state_nodal_unit(about.state.pk) or national_unit()
        grievance.about_unit_name = about.unit_name.strip()
        grievance.state = about.state
    else:
        unit = national_unit()
    if unit is None:
        raise ValidationError(NOBODY_TO_ANSWER)
    grievance.unit = grievance.answering_unit = unit
    grievance.level = AnswerLevel.NATION if unit.is_national else AnswerLevel.UNIT


def _start_deadline(grievance: Grievance) -> None:
    grievance.lodged_at = timezone.now()
    grievance.answer_due_at = grievance.due_at = grievance.lodged_at + timedelta(
        days=settings.GRIEVANCE_ANSWER_DAYS
    )


@transaction.atomic
def lodge_as_citizen(
    *, about: About, text: str, name: str, mobile: str, language: str
) -> Grievance:
    """Keep what the citizen wrote and text a code to the mobile; nobody sees the grievance
    before the code is typed (`confirm_mobile`)."""
    since = timezone.now() - timedelta(days=1)
    if (
        Grievance.objects.filter(mobile=mobile, created_at__gte=since).count()
        >= GRIEVANCES_PER_MOBILE_PER_DAY
    ):
        raise limits.RateLimitError(TOO_MANY_GRIEVANCES)
    grievance = Grievance(text=text.strip(), name=name.strip(), mobile=mobile, language=language)
    _route(grievance, about)
    _send_code(grievance)
    return grievance


def _send_code(grievance: Grievance) -> None:
    """A first code, or a new one in place of the last (each grievance gets a few at most, so
    that its form cannot be used to send SMS to a number again and again)."""
    if grievance.codes_sent >= CODES_PER_GRIEVANCE:
        raise limits.RateLimitError(limits.TOO_MANY_CODES)
    sent = mobile_codes.send(
        mobile=grievance.mobile,
        language=grievance.language,
        alert_key=f"grievance-code:{grievance.reference}:{grievance.codes_sent}",
    )
    grievance.code_hash, grievance.code_expires_at = sent.code_hash, sent.expires_at
    grievance.code_attempts = 0
    grievance.codes_sent += 1
    grievance.save()


@transaction.atomic
def send_new_code(grievance: Grievance) -> None:
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    if grievance.lodged_at is None:
        _send_code(grievance)


@transaction.atomic
def confirm_mobile(*, grievance: Grievance, code: str) -> bool:
    """The code proves the mobile; the grievance then reaches its unit and its 30 days run."""
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    if grievance.lodged_at is not None:
        return True
    if not mobile_codes.confirm(grievance, code):
        return False
    _start_deadline(grievance)
    grievance.save()
    return True


@transaction.atomic
def lodge_as_official(*, official, about: About, text: str) -> Grievance:
    if not selectors.can_see_grievances(official):
        raise PermissionDenied
    grievance = Grievance(text=text.strip(), lodged_by=official)
    _route(grievance, about)
    _start_deadline(grievance)
    grievance.save()
    return grievance


@transaction.atomic
def answer(*, grievance: Grievance, official, text: str) -> Grievance:
    """The unit it waits for answers; a citizen who lodged it is told by SMS to read the answer
    on Khoya-Paya (the answer itself is not sent)."""
    grievance = (
        Grievance.objects.select_for_update(of=("self",))
        .select_related("answering_unit")
        .get(pk=grievance.pk)
    )
    if grievance.is_answered:
        raise ValidationError(_("This grievance has already been answered."))
    if not selectors.can_answer(official, grievance):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    grievance.answer = text.strip()
    grievance.answered_by = official
    grievance.answered_at = timezone.now()
    grievance.save()
    if grievance.mobile:
        queue_message(
            channel=Channel.SMS,
            template=GRIEVANCE_ANSWERED,
            context={
                "reference": grievance.reference,
                "unit": selectors.public_answerer(grievance),
                "link": settings.PORTAL_URL.rstrip("/") + reverse("grievances:track"),
            },
            recipient=grievance.mobile,
            language=grievance.language,
            alert_key=f"grievance-answered:{grievance.reference}",
        )
    return grievance


def _next_unit(grievance: Grievance) -> Unit | None:
    if grievance.level == AnswerLevel.UNIT and grievance.state_id is not None:
        unit = state_nodal_unit(grievance.state_id)
        if unit is not None and unit.pk != grievance.answering_unit_id:
            return unit
    return national_unit()


@transaction.atomic
def escalate_overdue(*, now: datetime | None = None) -> int:
    """Grievances unanswered past the deadline of their level go up one: from the unit to the
    State/UT's nodal unit, from there to the ministry, each with GRIEVANCE_ANSWER_DAYS more; the
    unit they reach hears of it (apps.alerts, through `grievances_escalated`). A grievance
    already at the ministry stays there, overdue.
    Run again, it moves nothing twice. Returns how many went up."""
    now = now or timezone.now()
    overdue = (
        Grievance.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(
            lodged_at__isnull=False,
            answered_at__isnull=True,
            due_at__lt=now,
            level__in=list(NEXT_LEVEL),
        )
        .select_related("answering_unit")
        .order_by("pk")
    )
    escalated = 0
    for grievance in overdue:
        unit = _next_unit(grievance)
        if unit is None or unit.pk == grievance.answering_unit_id:
            continue
        grievance.level = AnswerLevel.NATION if unit.is_national else NEXT_LEVEL[grievance.level]
        grievance.answering_unit = unit
        grievance.escalated_at = now
        grievance.due_at = now + timedelta(days=settings.GRIEVANCE_ANSWER_DAYS)
        grievance.save(update_fields=["level", "answering_unit", "escalated_at", "due_at"])
        escalated += 1
    if escalated:
        grievances_escalated.send(sender=Grievance, escalated_at=now)
    return escalated
