"""Who opened which child's record, when and from where: kept for every sensitive read."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.directory.models import Unit


class AccessAction(models.TextChoices):
    VIEW_RECORD = "view_record", _("Opened the full record")
    VIEW_SUMMARY = "view_summary", _("Opened a tracing summary")
    SEARCH = "search", _("Searched")
    VIEW_PHOTO = "view_photo", _("Fetched a photo")
    VIEW_NOTICE = "view_notice", _("Opened a notice")
    API_READ = "api_read", _("Read through the API")
    EXPORT = "export", _("Exported a result list")
    VIEW_HISTORY = "view_history", _("Opened the change history")
    VIEW_MATCH = "view_match", _("Compared a proposed match")
    DECIDE_MATCH = "decide_match", _("Decided on a proposed match")
    # Changes to how an official proves who they are: a stolen password must not pass unseen.
    ADD_AUTHENTICATOR = "add_authenticator", _("Set up an authenticator app")
    REMOVE_AUTHENTICATOR = "remove_authenticator", _("Removed an authenticator app")


class AccessLog(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # Entries outlive accounts: the username is kept even if the official is removed.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("official"),
    )
    username = models.CharField(_("username"), max_length=150)
    user_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("official's unit"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    record_type = models.CharField(_("kind of record"), max_length=50, blank=True)
    record_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    record_label = models.CharField(_("record"), max_length=200, blank=True)
    # The unit that owns the record decides which supervisors may read this entry.
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owning unit"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    # Kept at write time so the access review reads one partition, not the directory.
    outside_jurisdiction = models.BooleanField(
        _("outside the official's jurisdiction"), default=False
    )
    rows = models.PositiveIntegerField(_("rows exported"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self):
        return f"{self.username} {self.action} {self.record_label}"
