"""The time-bound upload protocol: deadlines per event, the items that missed them, and a
nightly snapshot of every unit's compliance.

Overdue items and snapshots are written only by `services.recompute_compliance` (the daily
beat job and the `compute_overdue` command); nobody edits them by hand.
"""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.care.models import ChildInCare
from apps.citizens.models import CitizenReport
from apps.compliance.choices import Event
from apps.directory.models import District, State, Unit, UnitType
from apps.reports.models import Report


class DeadlineRule(models.Model):
    """How long the portal allows for one event; changed by administrators in Django admin."""

    event = models.CharField(_("event"), max_length=20, choices=Event.choices, unique=True)
    allowed_hours = models.PositiveIntegerField(
        _("allowed time (hours)"),
        help_text=_("For example 24 for a day, 720 for 30 days, 2160 for 90 days."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive rule raises no overdue items.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["event"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self):
        return str(self.get_event_display())

    @property
    def allowed(self) -> timedelta:
        return timedelta(hours=self.allowed_hours)


class OverdueItem(models.Model):
    """One record that missed one deadline, in the work queue of the unit responsible for it.

    An item is open until the record is brought up to date (or its deadline moves), when the
    next computation sets `resolved_at`; it is never deleted, so the history of lateness stays.
    """

    event = models.CharField(_("what is overdue"), max_length=20, choices=Event.choices)
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("responsible unit")
    )
    # The responsible unit's district and State/UT, kept here so scoped lists need no join.
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("district")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("State/UT")
    )
    # The record the item is about: a child in care, a found report or a citizen's complaint.
    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, null=True, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, related_name="+")
    citizen_report = models.ForeignKey(
        CitizenReport, on_delete=models.CASCADE, null=True, related_name="+"
    )
    # The record's case number (C-… or F-…) or the complaint's reference (KP…), never the
    # child's name: the label travels in alerts.
    label = models.CharField(_("record"), max_length=20)
    due_at = models.DateTimeField(_("due on"))
    detected_at = models.DateTimeField(_("first found overdue on"))
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("overdue item")
        verbose_name_plural = _("overdue items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(child__isnull=False, report__isnull=True, citizen_report__isnull=True)
                    | models.Q(
                        child__isnull=True, report__isnull=False, citizen_report__isnull=True
                    )
                    | models.Q(
                        child__isnull=True, report__isnull=True, citizen_report__isnull=False
                    )
                ),
                name="overdue_item_has_one_subject",
            ),
            # One open item per record, event, responsible unit and deadline: computing twice
            # adds nothing (INSERT … ON CONFLICT DO NOTHING relies on this index).
            models.UniqueConstraint(
                fields=["event", "responsible_unit", "child", "report", "citizen_report", "due_at"],
                condition=models.Q(resolved_at__isnull=True),
                nulls_distinct=False,
                name="one_open_overdue_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["responsible_unit", "due_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_unit",
            ),
            models.Index(
                fields=["district", "due_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_district",
            ),
            models.Index(
                fields=["state", "due_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_state",
            ),
            models.Index(
                fields=["child"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_child",
            ),
            models.Index(
                fields=["report"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_report",
            ),
            models.Index(
                fields=["citizen_report"],
                condition=models.Q(resolved_at__isnull=True),
                name="overdue_open_citizen_report",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.get_event_display()}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def get_subject_url(self) -> str:
        if self.event == Event.REPATRIATION:
            if self.child_id:
                return reverse("repatriation:child", args=[self.child_id])
            return reverse("repatriation:report", args=[self.report_id])
        if self.child_id:
            return reverse("care:detail", args=[self.child_id])
        if self.citizen_report_id:
            # The label of a complaint's item is its reference.
            return reverse("citizens:detail", args=[self.label])
        return reverse("reports:detail", args=[self.report_id])


class UnitCompliance(models.Model):
    """One unit's figures as of the last computation (one row per active uploading unit)."""

    unit = models.OneToOneField(
        Unit,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="compliance",
        verbose_name=_("unit"),
    )
    unit_type = models.CharField(_("type"), max_length=20, choices=UnitType.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("district")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("State/UT")
    )
    is_registered = models.BooleanField(_("registered on the portal"))
    last_upload_at = models.DateTimeField(_("last upload"), null=True)
    open_items = models.PositiveIntegerField(_("items overdue"))
    records = models.PositiveIntegerField(_("records"))
    records_overdue = models.PositiveIntegerField(_("records with an overdue item"))
    late_filings = models.PositiveIntegerField(_("found reports filed late, last 30 days"))
    late_missing_reports = models.PositiveIntegerField(
        _("missing reports entered late after their FIR / GD, last 30 days"), default=0
    )
    computed_at = models.DateTimeField(_("figures as of"))

    class Meta:
        ordering = ["unit__name"]
        verbose_name = _("unit compliance")
        verbose_name_plural = _("unit compliance")
        indexes = [
            models.Index(fields=["district", "unit_type"], name="compliance_district_type"),
            models.Index(fields=["state", "unit_type"], name="compliance_state_type"),
        ]

    def __str__(self):
        return str(self.unit)

    @property
    def records_current(self) -> int:
        return self.records - self.records_overdue

    @property
    def share_current(self) -> float | None:
        """The share of the unit's records with nothing overdue; None when it has none."""
        if not self.records:
            return None
        return (self.records - self.records_overdue) / self.records
