"""Feedback and grievances: lodged by a citizen on Khoya-Paya (mobile confirmed by a code) or by
an official, about a case, a unit or the portal; answered by the unit they are routed to, or by
the State/UT's nodal unit and then the ministry when nobody below answered in time."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.citizens.models import REFERENCE_ALPHABET
from apps.directory.models import District, State, Unit
from apps.reports.models import Report


def new_reference() -> str:
    """GR and 8 letters and digits that cannot be misread: told apart from Khoya-Paya's KP."""
    return "GR" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class Subject(models.TextChoices):
    CASE = "case", _("A case (a missing or found child report)")
    UNIT = "unit", _("A police station, office or institution")
    PORTAL = "portal", _("The portal itself")


class AnswerLevel(models.TextChoices):
    """Who is to answer now: it goes up a level each time the deadline passes unanswered."""

    UNIT = "unit", _("The unit responsible")
    STATE = "state", _("The State/UT's nodal unit")
    NATION = "nation", _("The ministry")


class Grievance(models.Model):
    reference = models.CharField(
        _("reference"), max_length=10, unique=True, default=new_reference, editable=False
    )
    subject = models.CharField(_("about"), max_length=6, choices=Subject.choices)
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    # A unit is named as the person wrote it; the grievance goes to its State/UT (`state`).
    about_unit_name = models.CharField(_("unit complained about"), max_length=200, blank=True)
    text = models.TextField(_("grievance"), max_length=4000)
    # A citizen: name, mobile and the code that proved it (only its hash), as for complaints.
    name = models.CharField(_("name"), max_length=120, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=10, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=7, default=settings.LANGUAGE_CODE)
    code_hash = models.CharField(max_length=128, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    # An official lodges it signed in, with no code.
    lodged_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lodged by"),
    )
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    # Set when it reaches officials: the citizen's code confirmed, or lodged by an official.
    lodged_at = models.DateTimeField(_("lodged on"), null=True, blank=True, db_index=True)
    # Where it was routed first, and the district and State/UT whose figures it counts in (the
    # case's or the unit's; none for the portal).
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit responsible"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("district")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("State/UT")
    )
    # Who is to answer now, and by when; `answer_due_at` is the first deadline, which "answered
    # in time" is measured against.
    level = models.CharField(
        _("to be answered by"), max_length=6, choices=AnswerLevel.choices, default=AnswerLevel.UNIT
    )
    answering_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("answering unit")
    )
    answer_due_at = models.DateTimeField(_("answer due by"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at this level by"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("last escalated on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("grievance")
        verbose_name_plural = _("grievances")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lodged_by__isnull=False) | ~models.Q(mobile=""),
                name="grievance_lodged_by_an_official_or_a_mobile",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("grievances:detail", args=[self.reference])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def answered_in_time(self) -> bool:
        return self.is_answered and self.answered_at <= self.answer_due_at
