"""Every SMS and e-mail the portal sends, with what became of it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.directory.models import Unit


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DELIVERED = "delivered", _("Delivered")
    # Written to the log but never sent: the recipient asked for no more of these.
    OPTED_OUT = "opted_out", _("Not sent: the recipient opted out")
    # An SMS a phone sent us (a reply such as STOP), through the gateway's inbound webhook.
    RECEIVED = "received", _("Received")


class Direction(models.TextChoices):
    OUTGOING = "out", _("Sent by the portal")
    INCOMING = "in", _("Received from a phone")


class Message(models.Model):
    # Travels to the gateway as our reference, so a copy resent after a crash can be dropped.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # "<alert>:<period>:<channel>:<recipient>": a second request for the same one finds this row
    # instead of sending again.
    dedupe_key = models.CharField(_("alert key"), max_length=250, unique=True)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.OUTGOING
    )
    # For a message received, the phone that sent it.
    recipient = models.CharField(_("recipient"), max_length=254)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template = models.CharField(_("template"), max_length=50)
    dlt_template_id = models.CharField(_("DLT template ID"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    # An e-mail's HTML part, beside its plain text; empty for SMS and plain-text e-mails.
    html = models.TextField(_("HTML text"), blank=True)
    encoding = models.CharField(_("encoding"), max_length=5, blank=True)
    parts = models.PositiveSmallIntegerField(_("SMS parts"), default=1)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # While status is "sending", no other worker may send it before this time: a sender still
    # waiting on the gateway is never doubled, and one killed mid-send is taken over after it.
    lease_until = models.DateTimeField(_("sending leased until"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    gateway_reference = models.CharField(
        _("gateway reference"), max_length=100, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("queued on"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("message log")

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} → {self.recipient}"
