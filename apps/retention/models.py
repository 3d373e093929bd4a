"""What each run of the retention rules removed: kept so an auditor can see it was done."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.retention.rules import RULE_CHOICES


class RetentionRun(models.Model):
    started_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # "beat" for the nightly job, or the command's user on the server.
    started_by = models.CharField(_("started by"), max_length=50)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.started_by})"


class RuleOutcome(models.Model):
    """One rule of one run. Its count grows with each batch committed, so a run cut short
    still says what it removed."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="outcomes")
    rule = models.CharField(_("rule"), max_length=30, choices=RULE_CHOICES)
    cutoff = models.DateTimeField(_("older than"))
    removed = models.PositiveBigIntegerField(_("records removed or minimised"), default=0)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("rule outcome")
        verbose_name_plural = _("rule outcomes")
        constraints = [
            models.UniqueConstraint(fields=["run", "rule"], name="one_outcome_per_rule_and_run")
        ]

    def __str__(self):
        return f"{self.rule}: {self.removed}"
