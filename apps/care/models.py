"""A child's stay in a Child Care Institution and everything written about it.

The child's particulars live in a found report (apps.reports), so every child in care is in the
national search and in matching; this app keeps what the JJ Act asks of the institution:
admission, CWC/JJB orders, Individual Care Plans, progress reports, home investigations,
transfers, restoration and follow-up, and leaving care.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.care.choices import (
    AdmissionRoute,
    CareOption,
    CareStatus,
    Category,
    DocumentKind,
    LeavingReason,
    OrderKind,
    Recommendation,
    TransferStatus,
    Wellbeing,
)
from apps.core.countries import NOT_KNOWN, is_foreign, nationality_choices
from apps.core.versions import Versioned
from apps.directory.models import Unit
from apps.drives.models import Drive
from apps.reports.models import Report


class ChildInCare(Versioned):
    report = models.ForeignKey(
        Report,
        on_delete=models.PROTECT,
        related_name="care_stays",
        verbose_name=_("found report"),
    )
    # The institution holding the child now; a transfer moves the whole record.
    institution = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="children_in_care",
        verbose_name=_("Child Care Institution"),
    )
    category = models.CharField(_("category"), max_length=4, choices=Category.choices)
    route = models.CharField(_("how the child came"), max_length=12, choices=AdmissionRoute.choices)
    arrived_at = models.DateTimeField(_("arrived at the institution on"))
    # As the institution establishes it (first the found report's); a child of another country
    # is flagged for repatriation (apps.repatriation).
    nationality = models.CharField(
        _("nationality"),
        max_length=2,
        choices=nationality_choices,
        blank=True,
        default=NOT_KNOWN,
        help_text=_("A child of another country is flagged for repatriation."),
    )
    deciding_body = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CWC / JJB"),
    )
    produced_at = models.DateTimeField(_("produced before the CWC / JJB on"), null=True, blank=True)
    order_number = models.CharField(_("admission order number"), max_length=100, blank=True)
    order_date = models.DateField(_("admission order date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CareStatus.choices,
        default=CareStatus.IN_CARE,
        db_index=True,
    )
    # An admission made during a special drive (apps.drives), counted in the drive's figures.
    drive = models.ForeignKey(
        Drive,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admissions",
        verbose_name=_("special drive"),
    )
    progress_interval_days = models.PositiveSmallIntegerField(
        _("progress report every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text=_("Leave empty for the national default."),
    )
    left_on = models.DateField(_("left care on"), null=True, blank=True)
    leaving_reason = models.CharField(
        _("reason for leaving"), max_length=10, choices=LeavingReason.choices, blank=True
    )
    leaving_note = models.TextField(_("about leaving care"), blank=True)
    aftercare = models.BooleanField(_("in aftercare"), default=False)
    aftercare_details = models.TextField(_("aftercare arrangements"), blank=True)
    # Opened for the police when the child runs away, so the child enters matching at once.
    missing_report = models.ForeignKey(
        Report,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("missing report"),
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        verbose_name = _("child in care")
        verbose_name_plural = _("children in care")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status="in_care"),
                name="one_current_stay_per_child",
                violation_error_message=_("This child is already in care."),
            )
        ]
        indexes = [models.Index(fields=["institution", "status"], name="care_institution_status")]

    def __str__(self):
        return f"{self.case_number} {self.report.display_name}"

    def get_absolute_url(self):
        return reverse("care:detail", args=[self.pk])

    @property
    def case_number(self) -> str:
        return f"C-{self.pk:07d}" if self.pk else "C"

    @property
    def is_in_care(self) -> bool:
        return self.status == CareStatus.IN_CARE

    @property
    def is_foreign_national(self) -> bool:
        """A child of another country: flagged for repatriation."""
        return is_foreign(self.nationality)


class CareEntry(models.Model):
    """What every entry in the record says besides its content: who wrote it, where and when."""

    # The institution holding the child when the entry was written: after a transfer the
    # sending institution still reads its own entries, and only those.
    institution = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written on"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name}, {self.child.case_number}"


class CareOrder(CareEntry):
    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(_("order"), max_length=12, choices=OrderKind.choices)
    number = models.CharField(_("order number"), max_length=100)
    order_date = models.DateField(_("order date"))
    deciding_body = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("CWC / JJB")
    )
    details = models.TextField(_("details"), blank=True)

    class Meta(CareEntry.Meta):
        ordering = ["-order_date", "-pk"]
        verbose_name = _("CWC / JJB order")
        verbose_name_plural = _("CWC / JJB orders")


def _care_options_field():
    return ArrayField(
        models.CharField(max_length=12, choices=CareOption.choices),
        verbose_name=_("care options, most preferred first"),
    )


class CarePlan(CareEntry):
    """One version of the Individual Care Plan; a revision is a new row, never an overwrite."""

    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, related_name="care_plans")
    version = models.PositiveSmallIntegerField(_("version"))
    care_options = _care_options_field()
    health_nutrition = models.TextField(_("health and nutrition"))
    education_training = models.TextField(_("education and vocational training"))
    emotional_support = models.TextField(_("emotional and psychological support"))
    recreation = models.TextField(_("leisure and recreation"), blank=True)
    protection = models.TextField(_("protection from abuse, neglect and exploitation"))
    family_contact = models.TextField(_("family contact and restoration plan"))
    goals = models.TextField(_("goals for the coming months"))
    next_review_on = models.DateField(_("next review on"))
    follow_up_after_restoration = models.TextField(_("follow-up after restoration"), blank=True)

    class Meta(CareEntry.Meta):
        ordering = ["-version"]
        verbose_name = _("Individual Care Plan")
        verbose_name_plural = _("Individual Care Plans")
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_care_plan_per_version")
        ]

    def get_care_options_display(self) -> list[str]:
        return [str(CareOption(option).label) for option in self.care_options]


class ProgressReport(CareEntry):
    child = models.ForeignKey(
        ChildInCare, on_delete=models.CASCADE, related_name="progress_reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    health = models.TextField(_("health"))
    education = models.TextField(_("education"))
    behaviour = models.TextField(_("behaviour"))
    skills = models.TextField(_("life and vocational skills"), blank=True)
    family_contact = models.TextField(_("family contact"), blank=True)
    counselling = models.TextField(_("counselling"), blank=True)
    notes = models.TextField(_("other notes"), blank=True)

    class Meta(CareEntry.Meta):
        ordering = ["-period_end", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")


class HomeInvestigation(CareEntry):
    """The social investigation of the family once it is traced (Model Rules, Form 22)."""

    child = models.ForeignKey(
        ChildInCare, on_delete=models.CASCADE, related_name="home_investigations"
    )
    visited_on = models.DateField(_("family visited on"))
    family_address = models.TextField(_("where the family lives"))
    family_members = models.TextField(_("family members met"))
    findings = models.TextField(_("findings"))
    recommendation = models.CharField(
        _("recommendation"), max_length=16, choices=Recommendation.choices
    )

    class Meta(CareEntry.Meta):
        verbose_name = _("home investigation report")
        verbose_name_plural = _("home investigation reports")


class FollowUpVisit(CareEntry):
    """A visit to the child after restoration, as the care plan's follow-up asks."""

    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, related_name="follow_ups")
    visited_on = models.DateField(_("visited on"))
    wellbeing = models.CharField(_("how the child is"), max_length=10, choices=Wellbeing.choices)
    notes = models.TextField(_("notes"))

    class Meta(CareEntry.Meta):
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")


def _document_path(instance, _filename: str) -> str:
    return f"care/{uuid.uuid4().hex}.{instance.extension}"


class CareDocument(CareEntry):
    # Documents are addressed by a random identifier, never by a counter that could be walked.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=14, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(upload_to=_document_path)
    content_type = models.CharField(max_length=40)

    class Meta(CareEntry.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def extension(self) -> str:
        return "pdf" if self.content_type == "application/pdf" else "jpg"


class Transfer(models.Model):
    child = models.ForeignKey(ChildInCare, on_delete=models.CASCADE, related_name="transfers")
    from_institution = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("from")
    )
    to_institution = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("to")
    )
    order_number = models.CharField(_("transfer order number"), max_length=100)
    order_date = models.DateField(_("transfer order date"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), null=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(status="pending"),
                name="one_pending_transfer_per_child",
                violation_error_message=_("A transfer of this child is already waiting."),
            )
        ]

    def __str__(self):
        return f"{self.child.case_number}: {self.from_institution} → {self.to_institution}"


class DischargeRequest(models.Model):
    """The child's case ended under a report (the matched missing report restored, or the found
    report closed for what became of the child) by an official who may not end the stay: an
    item in the queue of the institution holding the child (and of the district's CWC) until
    one of them ends the stay (one click) or it ends otherwise."""

    child = models.ForeignKey(
        ChildInCare, on_delete=models.CASCADE, related_name="discharge_requests"
    )
    because_of = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="+", verbose_name=_("ended under")
    )
    report_status = models.CharField(_("outcome"), max_length=12)
    closure_reason = models.CharField(_("reason for closing"), max_length=20, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("stay to end")
        verbose_name_plural = _("stays to end")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "because_of"],
                condition=models.Q(done_at__isnull=True),
                name="one_open_discharge_request_per_report",
            )
        ]

    def __str__(self):
        return f"{self.because_of.case_number} → {self.child.case_number}"
