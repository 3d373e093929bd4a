from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Waiting to be handed to a worker")
    HANDED = "handed", _("Handed to a worker")
    DONE = "done", _("Done")


class OutboxTask(models.Model):
    """Background work a save needs, written in the save's own transaction, so that it is never
    lost when the broker is down or a worker dies: the sweeper hands it over until it is done."""

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    state = models.CharField(
        _("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(_("hand-overs"), default=0)
    next_attempt_at = models.DateTimeField(_("next hand-over"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.task}{tuple(self.args)} [{self.state}]"

    @property
    def celery_id(self) -> str:
        return f"outbox-{self.pk}"
