"""The repatriation of a child of another country: each step done, with its date, reference and
documents.

A child is flagged for repatriation by the nationality on its record: a found report's
(`Report.nationality`, while the police unit owns the case) or a stay in care's
(`ChildInCare.nationality`, while the institution holds the child). The steps are recorded on
that record, by its owning unit and the officials over it (`selectors.can_repatriate`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.care.models import ChildInCare
from apps.repatriation.choices import Step
from apps.reports.models import Report


class RepatriationStep(models.Model):
    """One step done. Recorded again, it is corrected (one row per record and step)."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="repatriation_steps",
        verbose_name=_("found report"),
    )
    child = models.ForeignKey(
        ChildInCare,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="repatriation_steps",
        verbose_name=_("child in care"),
    )
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    done_on = models.DateField(_("done on"))
    reference = models.CharField(
        _("reference"),
        max_length=150,
        blank=True,
        help_text=_(
            "The embassy's or the Ministry's letter number, the order's number, the border post."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now=True)

    class Meta:
        ordering = ["done_on", "pk"]
        verbose_name = _("repatriation step")
        verbose_name_plural = _("repatriation steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, child__isnull=True)
                | models.Q(report__isnull=True, child__isnull=False),
                name="repatriation_step_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["report", "step"],
                condition=models.Q(report__isnull=False),
                name="one_repatriation_step_per_report",
            ),
            models.UniqueConstraint(
                fields=["child", "step"],
                condition=models.Q(child__isnull=False),
                name="one_repatriation_step_per_child",
            ),
        ]

    def __str__(self):
        return f"{self.get_step_display()}: {self.done_on}"


def _document_path(instance, _filename: str) -> str:
    return f"repatriation/{uuid.uuid4().hex}.{instance.extension}"


class RepatriationDocument(models.Model):
    # Addressed by a random identifier, never by a counter that could be walked.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    step = models.ForeignKey(RepatriationStep, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(upload_to=_document_path)
    content_type = models.CharField(max_length=40)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("repatriation document")
        verbose_name_plural = _("repatriation documents")

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return "pdf" if self.content_type == "application/pdf" else "jpg"
