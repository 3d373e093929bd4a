"""PFIF files received from partners, and the review queue of the persons they hold."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.progress import Progress
from apps.directory.models import Unit
from apps.reports.choices import ReportKind
from apps.reports.models import Report


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be imported")
    IMPORTING = "importing", _("Being imported")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Could not be imported")


class ReceivedFile(models.Model):
    """A partner's file, stored when received and imported by the worker
    (apps.pfif.tasks.import_received_file), which keeps the counts below as it goes."""

    source_name = models.CharField(_("partner"), max_length=200)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    version = models.CharField(_("PFIF version"), max_length=5)
    file = models.FileField(upload_to="pfif/", blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.QUEUED
    )
    persons_total = models.PositiveIntegerField(_("persons"), default=0)
    # Persons of the file imported so far, in file order: a run that died resumes after them.
    persons_done = models.PositiveIntegerField(default=0)
    # The queue entries of the file's persons (new or already known), in file order.
    entry_ids = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The importing official's unit: the queue is reviewed within its jurisdiction.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received on"), auto_now_add=True)
    persons_new = models.PositiveIntegerField(default=0)
    persons_updated = models.PositiveIntegerField(default=0)
    notes_added = models.PositiveIntegerField(default=0)
    # Records the reader left out, as (record id, field, code), for the importing official.
    skipped = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("received PFIF file")
        verbose_name_plural = _("received PFIF files")

    def __str__(self):
        return f"{self.source_name} {self.file_name}"

    def get_absolute_url(self):
        return reverse("pfif:import_status", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED)

    @property
    def progress(self) -> Progress:
        return Progress(
            status=self.get_state_display(),
            done=self.persons_done,
            total=self.persons_total,
            finished=self.is_finished,
            summary=""
            if self.is_finished
            else gettext("%(done)s of %(total)s persons imported")
            % {"done": self.persons_done, "total": self.persons_total},
        )


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted as a new report")
    DUPLICATE = "duplicate", _("Duplicate of an existing report")
    REJECTED = "rejected", _("Rejected")


class ImportedPerson(models.Model):
    """One partner's person record (with its notes), waiting for an official's decision."""

    received_file = models.ForeignKey(
        ReceivedFile, on_delete=models.PROTECT, related_name="persons"
    )
    person_record_id = models.CharField(_("partner's record id"), max_length=500, unique=True)
    # The record in the shape of apps.pfif.format.Person, notes included.
    record = models.JSONField()
    full_name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    # [[report id, score], ...] from the matching engine, strongest first.
    likely_duplicates = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
        db_index=True,
    )
    # The report filed from this record, or the existing report it duplicates.
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("imported person")
        verbose_name_plural = _("imported persons")

    def __str__(self):
        return f"{self.person_record_id} {self.full_name}"

    def get_absolute_url(self):
        return reverse("pfif:person", args=[self.pk])
