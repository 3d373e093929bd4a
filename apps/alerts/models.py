"""The monthly digest of each district, kept so the dashboard shows what the DM and SP were sent."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.directory.models import District


class DistrictDigest(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="digests", verbose_name=_("district")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month summarised."))
    missing_reported = models.PositiveIntegerField(_("missing children reported"))
    found_reported = models.PositiveIntegerField(_("found or recovered children reported"))
    matched = models.PositiveIntegerField(_("matched on the portal"))
    restored = models.PositiveIntegerField(_("restored to family"))
    open_over_30_days = models.PositiveIntegerField(
        _("missing children still not found after 30 days")
    )
    institutions = models.PositiveIntegerField(_("institutions expected to upload"))
    institutions_late = models.PositiveIntegerField(_("institutions not uploading on time"))
    late_institution_names = ArrayField(
        models.CharField(max_length=200), default=list, verbose_name=_("late institutions")
    )
    computed_at = models.DateTimeField(_("computed on"))

    class Meta:
        ordering = ["-month", "district"]
        verbose_name = _("monthly district digest")
        verbose_name_plural = _("monthly district digests")
        constraints = [
            models.UniqueConstraint(fields=["district", "month"], name="one_digest_per_month")
        ]

    def __str__(self):
        return f"{self.district} {self.month:%m/%Y}"
