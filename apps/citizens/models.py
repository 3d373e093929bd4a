"""What citizens send through Khoya-Paya: missing-child complaints, sightings and parents'
inquiries among found children, with the mobile number that vouches for each."""

import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.directory.models import District, State, Unit
from apps.messaging.phones import MOBILE_PATTERN
from apps.reports.choices import Sex
from apps.reports.models import Report

MOBILE_VALIDATOR = RegexValidator(
    rf"^{MOBILE_PATTERN}$", _("Enter a 10-digit Indian mobile number, for example 9876543210.")
)


# Crockford's alphabet: no I, L, O or U to misread on a phone screen or over the telephone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    return "KP" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class CitizenReportKind(models.TextChoices):
    MISSING = "missing", _("Missing child")
    SIGHTING = "sighting", _("Child seen alone or in danger")
    INQUIRY = "inquiry", _("Looking for my child among found children")


class CitizenReportStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for the mobile number to be confirmed")
    RECEIVED = "received", _("Received: the police station will act on it")
    CONVERTED = "converted", _("Registered by the police as a missing child report")
    FORWARDED = "forwarded", _("Passed to the police and child protection unit, and being matched")
    ANSWERED = "answered", _("Checked against found children")
    DECLINED = "declined", _("Closed by the police station")


class Moderation(models.TextChoices):
    GENUINE = "genuine", _("Genuine")
    DUPLICATE = "duplicate", _("Duplicate")
    ABUSIVE = "abusive", _("Abusive or false")


def _photo_path(_instance, filename: str) -> str:
    return f"citizens/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class CitizenReport(models.Model):
    reference = models.CharField(
        _("reference"), max_length=10, unique=True, default=new_reference, editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CitizenReportKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CitizenReportStatus.choices,
        default=CitizenReportStatus.UNVERIFIED,
        db_index=True,
    )
    reporter_name = models.CharField(_("your name"), max_length=120)
    reporter_mobile = models.CharField(
        _("your mobile number"), max_length=10, validators=[MOBILE_VALIDATOR], db_index=True
    )
    mobile_verified_at = models.DateTimeField(null=True, blank=True)
    # The citizen's language on Khoya-Paya: later SMS are written in it.
    language = models.CharField(_("language"), max_length=7, default=settings.LANGUAGE_CODE)

    child_name = models.CharField(_("child's name"), max_length=150, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(
        _("age (years)"), validators=[MinValueValidator(0), MaxValueValidator(17)]
    )
    description = models.TextField(
        _("description"),
        help_text=_("Height, build, clothes, anything that helps recognise the child."),
    )
    identification_marks = models.CharField(_("identification marks"), max_length=250, blank=True)
    father_name = models.CharField(_("father's name"), max_length=150, blank=True)
    mother_name = models.CharField(_("mother's name"), max_length=150, blank=True)

    event_at = models.DateTimeField(_("when"))
    event_state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="+", verbose_name=_("State/UT")
    )
    event_district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    event_locality = models.CharField(_("place or landmark"), max_length=200)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    photo = models.FileField(upload_to=_photo_path, blank=True)
    thumbnail = models.FileField(upload_to=_photo_path, blank=True)

    police_station = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        related_name="citizen_reports",
        verbose_name=_("police station"),
    )
    child_protection_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The official report it became: the FIR-backed missing report, or the sighting on record.
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # For an inquiry: the found reports the engine proposed, whose units were told.
    possible_matches = ArrayField(models.BigIntegerField(), default=list, blank=True)
    # An inquiry is checked against every found child and sighting filed or changed until
    # then, unless the parent stops it; stopping empties the keys.
    searching_until = models.DateTimeField(_("searching until"), null=True, blank=True)
    search_stopped_at = models.DateTimeField(_("search stopped on"), null=True, blank=True)
    # What a found child looks the inquiry up by (apps.matching.services.lookup_keys); emptied
    # when the search ends, so the index holds only inquiries still searching.
    search_keys = ArrayField(models.CharField(max_length=48), default=list, blank=True)
    decision_note = models.TextField(_("why"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, blank=True, db_index=True
    )
    moderated_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("citizen's report")
        verbose_name_plural = _("citizens' reports")
        indexes = [
            models.Index(fields=["police_station", "status"], name="citizen_station_status"),
            GinIndex(
                fields=["search_keys"],
                condition=~models.Q(search_keys=[]),
                name="citizen_inquiry_search_keys",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("citizens:case", args=[self.reference])

    @property
    def is_searching(self) -> bool:
        """selectors.searching_inquiries, for one inquiry at hand."""
        return (
            self.search_stopped_at is None
            and self.searching_until is not None
            and self.searching_until > timezone.now()
        )


class LaterMatch(models.Model):
    """A found child or sighting, filed or changed while a parent's inquiry was searching, that
    may be the parent's child: the parent was sent one SMS about it. One row per inquiry and
    report, so checking again never texts the parent twice."""

    inquiry = models.ForeignKey(
        CitizenReport, on_delete=models.CASCADE, related_name="later_matches"
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "report"], name="one_later_match_per_report")
        ]

    def __str__(self):
        return f"{self.inquiry.reference} ~ {self.report_id}"


class MobileVerification(models.Model):
    """One one-time code sent to a reporter's mobile; only its hash is kept."""

    citizen_report = models.ForeignKey(
        CitizenReport, on_delete=models.CASCADE, related_name="verifications"
    )
    mobile = models.CharField(max_length=10, db_index=True)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"code for {self.citizen_report.reference}"


class FormSubmission(models.Model):
    """A citizen's form, by the one-time token it was shown with. Posted again (a double click, a
    reload), it leads to what the first post made instead of making it twice."""

    token = models.UUIDField(primary_key=True)
    result_url = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return str(self.token)


class OptOutVia(models.TextChoices):
    LINK = "link", _("The stop link in an SMS")
    REPLY = "reply", _("A reply STOP")


class FamilyOptOut(models.Model):
    """A family asked for no more SMS about their missing child's report: for that report (the
    stop link in an SMS), or for every report their mobile number is the contact of (a reply
    STOP, which cannot say which report). Nothing more is sent to them after it; the messages
    that would have been are written to the message log as not sent."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mobile = models.CharField(_("mobile number"), max_length=10, blank=True, db_index=True)
    via = models.CharField(_("asked by"), max_length=5, choices=OptOutVia.choices)
    # The reply STOP in the message log.
    message = models.ForeignKey(
        "messaging.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("family's SMS opt-out")
        verbose_name_plural = _("families' SMS opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(report__isnull=False),
                name="one_opt_out_per_report",
            ),
            models.UniqueConstraint(
                fields=["mobile"],
                condition=models.Q(report__isnull=True),
                name="one_opt_out_per_mobile",
            ),
            models.CheckConstraint(
                condition=models.Q(report__isnull=False) | ~models.Q(mobile=""),
                name="opt_out_names_a_report_or_a_mobile",
            ),
        ]

    def __str__(self):
        return self.report.case_number if self.report_id else self.mobile


class DataRightsKind(models.TextChoices):
    SEE = "see", _("See the data held about us")
    CORRECT = "correct", _("Correct the data")
    ERASE = "erase", _("Erase the data")


class DataRightsOutcome(models.TextChoices):
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class DataRightsRequest(models.Model):
    """A family's request (Digital Personal Data Protection Act 2023) to see, correct or erase
    what a report holds about them, lodged on Khoya-Paya from the report's contact mobile and
    answered by the report's owning unit by due_at."""

    reference = models.CharField(
        _("reference"), max_length=10, unique=True, default=new_reference, editable=False
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("request"), max_length=7, choices=DataRightsKind.choices)
    details = models.TextField(_("what to correct"), blank=True)
    mobile = models.CharField(_("mobile number"), max_length=10)
    language = models.CharField(_("language"), max_length=7, default=settings.LANGUAGE_CODE)
    # The one-time code that proves the mobile (only its hash), as for complaints.
    code_hash = models.CharField(max_length=128)
    code_expires_at = models.DateTimeField()
    code_attempts = models.PositiveSmallIntegerField(default=0)
    mobile_verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True, db_index=True)
    due_at = models.DateTimeField(_("answer due by"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=7, choices=DataRightsOutcome.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("data rights request")
        verbose_name_plural = _("data rights requests")

    def __str__(self):
        return f"{self.reference} ({self.kind})"
