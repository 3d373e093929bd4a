"""Machine clients of the REST API (a state's CCTNS, a helpline centre), their keys and every
call they make."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.jurisdiction import Jurisdiction
from apps.accounts.models import Level
from apps.core.fields import ChoiceArrayField
from apps.directory.models import District, State, Unit

DEFAULT_CALLS_PER_MINUTE = 120


class Scope(models.TextChoices):
    READ = "read", _("Read reports, match candidates and changes")
    WRITE_MISSING = "write_missing", _("Push missing-child FIRs")
    WRITE_FOUND = "write_found", _("Report found children")
    WRITE_SIGHTINGS = "write_sightings", _("Report sightings")
    READ_FULL = "read_full", _("Read every particular, beyond publication consent")
    WRITE_PFIF = "write_pfif", _("Send PFIF files from a partner")


class ApiClient(models.Model):
    """One machine client. Its jurisdiction is a State/UT (or one district of it), or the whole
    country when no State/UT is set; only the hash of its key is kept."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("State/UT"),
        help_text=_("Leave empty for a national client."),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Only for a client limited to one district of the State/UT."),
    )
    scopes = ChoiceArrayField(
        models.CharField(max_length=20, choices=Scope.choices),
        default=list,
        verbose_name=_("scopes"),
    )
    calls_per_minute = models.PositiveIntegerField(
        _("calls per minute"), default=DEFAULT_CALLS_PER_MINUTE
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewing unit"),
        help_text=_(
            "The unit whose officials review this client's PFIF imports, for example the "
            "State/UT's SCPS. Needed for the scope to send PFIF files."
        ),
    )
    # The key's first characters, shown in admin and used to find the client; the rest is secret.
    key_prefix = models.CharField(_("key prefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    # Reports and history rows need an account: this one has no roles and cannot sign in.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    key_issued_at = models.DateTimeField(_("key issued on"))
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.unit is None:
            if Scope.WRITE_PFIF in self.scopes:
                raise ValidationError(
                    {"unit": _("A client that sends PFIF files needs a unit to review them.")}
                )
        elif not self.jurisdiction.covers_unit(self.unit):
            raise ValidationError({"unit": _("This unit is outside the client's jurisdiction.")})

    @property
    def jurisdiction(self) -> Jurisdiction:
        if self.district_id:
            return Jurisdiction(
                level=Level.DISTRICT, state_id=self.state_id, district_id=self.district_id
            )
        if self.state_id:
            return Jurisdiction(level=Level.STATE, state_id=self.state_id)
        return Jurisdiction(level=Level.NATION)

    def covers_place(self, *, state_id: int, district_id: int | None = None) -> bool:
        if self.district_id:
            return self.district_id == district_id
        return self.state_id is None or self.state_id == state_id


class ApiCall(models.Model):
    """One request to the API, kept whatever its outcome (refusals too)."""

    client = models.ForeignKey(
        ApiClient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("client"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=300)
    status = models.PositiveSmallIntegerField(_("status"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")
        indexes = [models.Index(fields=["client", "-at"], name="api_call_client_at")]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"


class Helpline(models.TextChoices):
    CHILDLINE = "1098", _("1098 child helpline")
    EMERGENCY = "112", _("112 emergency response (ERSS)")


class HelplineCall(models.Model):
    """The call a helpline report came from: sending the same call again files nothing new."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    helpline = models.CharField(_("helpline"), max_length=4, choices=Helpline.choices)
    call_id = models.CharField(_("call ID"), max_length=40)
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="helpline_call"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("helpline call")
        verbose_name_plural = _("helpline calls")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "helpline", "call_id"], name="one_report_per_helpline_call"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.helpline}/{self.call_id}"


class IdempotentRequest(models.Model):
    """A POST sent with an Idempotency-Key header, and the answer it got: the same key sent
    again by the same client within a day gets this answer instead of a second write."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # SHA-256 of the method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Empty while the first request with the key is still being answered.
    status = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True, encoder=DjangoJSONEncoder)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "key"], name="one_request_per_idempotency_key"
            )
        ]

    def __str__(self):
        return f"{self.client_id}/{self.key}"
