"""Spreadsheets uploaded by units with poor connectivity, and the rows they imported."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.bulk.kinds import KIND_CHOICES
from apps.care.models import ChildInCare
from apps.core.progress import Progress
from apps.directory.models import Unit
from apps.reports.models import Report


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be processed")
    PROCESSING = "processing", _("Being processed")
    DONE = "done", _("Processed")
    FAILED = "failed", _("Could not be read")


class Upload(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Row messages are written in the language the official uploaded in.
    language = models.CharField(max_length=10)
    file = models.FileField(upload_to="bulk/")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(_("imported"), default=0)
    rows_skipped = models.PositiveIntegerField(_("already imported"), default=0)
    rows_failed = models.PositiveIntegerField(_("with errors"), default=0)
    # [[row number, column, value, message], ...]
    errors = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("bulk upload")
        verbose_name_plural = _("bulk uploads")
        indexes = [models.Index(fields=["unit", "kind", "sha256"], name="bulk_upload_file")]

    def __str__(self):
        return f"{self.file_name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("bulk:status", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (UploadStatus.DONE, UploadStatus.FAILED)

    @property
    def progress(self) -> Progress:
        counted = not self.is_finished and self.rows_total
        return Progress(
            status=self.get_status_display(),
            done=self.rows_done,
            total=self.rows_total,
            finished=self.is_finished,
            summary=gettext("%(done)s of %(total)s rows checked")
            % {"done": self.rows_done, "total": self.rows_total}
            if counted
            else "",
        )


class ImportedRow(models.Model):
    """A unit's own reference for a child, once imported: the same reference is never imported
    again, whichever file brings it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    reference = models.CharField(max_length=100)
    upload = models.ForeignKey(Upload, on_delete=models.PROTECT, related_name="imported_rows")
    row_number = models.PositiveIntegerField()
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        ChildInCare, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "reference"], name="one_import_per_reference"
            )
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.kind}/{self.reference}"
