"""Missing and found child reports: one table, so one national search covers both kinds."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.countries import INDIA, NOT_KNOWN, is_foreign, nationality_choices
from apps.core.fields import ChoiceArrayField
from apps.core.versions import Versioned
from apps.directory.models import PHONE_VALIDATOR, PIN_CODE_VALIDATOR, District, State, Unit
from apps.drives.models import Drive
from apps.messaging.phones import MOBILE_PATTERN
from apps.reports.choices import (
    BodyPart,
    Build,
    Circumstance,
    ClosureReason,
    Complexion,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    EyeColour,
    FoundBy,
    Language,
    MarkKind,
    PlaceKind,
    Placement,
    RegistrationKind,
    ReportKind,
    Sex,
    Side,
    Status,
)
from trackchild.languages import language_choices

ADULT_AGE = 18
# Reports closed as duplicates of another (the same child reported twice): searches and figures
# count children, so they leave these out. Closures from before duplicates pointed to their
# report count as duplicates too.
CLOSED_AS_DUPLICATE = models.Q(status=Status.CLOSED, closure_reason=ClosureReason.DUPLICATE)
# Kept by the portal from the rest of the record (search keys, photos): not the official's
# words, so not part of the change history.
DERIVED_FIELDS = (
    "name_keys",
    "name_forms",
    "name_words",
    "marks_search",
    "photo_count",
    "cover_photo",
    "home_district_ids",
)
CHILD_AGE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(ADULT_AGE - 1)]
SMS_MOBILE_VALIDATOR = RegexValidator(
    rf"^{MOBILE_PATTERN}$", _("Enter a 10-digit Indian mobile number, for example 9876543210.")
)


def _place_fields(prefix: str, label: str, *, required: bool):
    """State, district, locality and PIN code of one place, as a group of model fields."""
    optional = {} if required else {"null": True, "blank": True}
    return {
        f"{prefix}_state": models.ForeignKey(
            State,
            on_delete=models.PROTECT,
            related_name="+",
            verbose_name=format_lazy("{}: {}", label, _("State/UT")),
            **optional,
        ),
        f"{prefix}_district": models.ForeignKey(
            District,
            on_delete=models.PROTECT,
            related_name="+",
            verbose_name=format_lazy("{}: {}", label, _("district")),
            **optional,
        ),
        f"{prefix}_locality": models.CharField(
            format_lazy("{}: {}", label, _("locality")), max_length=200, blank=True
        ),
        f"{prefix}_pin_code": models.CharField(
            format_lazy("{}: {}", label, _("PIN code")),
            max_length=6,
            blank=True,
            validators=[PIN_CODE_VALIDATOR],
        ),
    }


OPEN_MISSING = models.Q(kind="missing", status="open")
# A child of another country (a known nationality other than Indian), flagged for repatriation.
FOREIGN_NATIONAL = ~models.Q(nationality__in=[NOT_KNOWN, INDIA])


class Report(Versioned):
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    owning_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("owning unit")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    # The report this one repeats (the same child reported twice), set only when it is closed
    # as a duplicate (services.close_as_duplicate): the case goes on there.
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )

    # --- Registration (missing reports) ---
    registration_kind = models.CharField(
        _("registered as"), max_length=3, choices=RegistrationKind.choices, blank=True
    )
    fir_number = models.CharField(_("FIR / GD number"), max_length=30, blank=True)
    fir_registered_at = models.DateTimeField(_("registered on"), null=True, blank=True)
    fir_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    investigating_officer = models.CharField(_("investigating officer"), max_length=120, blank=True)
    investigating_officer_phone = models.CharField(
        _("investigating officer's phone"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )

    # --- The child ---
    # Blank only for a found child who cannot say their name.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    other_names = models.CharField(_("other names and nicknames"), max_length=250, blank=True)
    name_local = models.CharField(_("name in the local script"), max_length=150, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(_("age from"), validators=CHILD_AGE_VALIDATORS)
    age_max = models.PositiveSmallIntegerField(_("age to"), validators=CHILD_AGE_VALIDATORS)
    height_cm = models.PositiveSmallIntegerField(
        _("height (cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(210)],
    )
    build = models.CharField(_("build"), max_length=10, choices=Build.choices, blank=True)
    complexion = models.CharField(
        _("complexion"), max_length=10, choices=Complexion.choices, blank=True
    )
    hair = models.CharField(_("hair"), max_length=100, blank=True)
    eye_colour = models.CharField(
        _("eye colour"), max_length=10, choices=EyeColour.choices, blank=True
    )
    identification_marks = models.TextField(_("identification marks"), blank=True)
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        default=list,
        blank=True,
        verbose_name=_("languages spoken"),
    )
    mother_tongue = models.CharField(
        _("mother tongue"), max_length=5, choices=Language.choices, blank=True
    )
    # A found child of another country is flagged for repatriation (apps.repatriation).
    nationality = models.CharField(
        _("nationality"),
        max_length=2,
        choices=nationality_choices,
        blank=True,
        default=NOT_KNOWN,
        help_text=_("A child of another country is flagged for repatriation."),
    )
    school_class = models.CharField(_("school and class"), max_length=150, blank=True)
    clothing = models.TextField(_("clothing when last seen"), blank=True)
    medical_needs = models.TextField(_("disability or medical needs"), blank=True)

    # --- Family (shown only within the owning jurisdiction) ---
    father_name = models.CharField(_("father's name"), max_length=150, blank=True)
    father_phone = models.CharField(
        _("father's phone"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )
    mother_name = models.CharField(_("mother's name"), max_length=150, blank=True)
    mother_phone = models.CharField(
        _("mother's phone"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_phone = models.CharField(
        _("guardian's phone"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )
    # Whoever reported the child missing is sent an SMS, in the language they chose, when the
    # FIR is registered, a match is confirmed and the case is closed (apps.citizens).
    complainant_mobile = models.CharField(
        _("complainant's mobile number for SMS"),
        max_length=10,
        blank=True,
        validators=[SMS_MOBILE_VALIDATOR],
    )
    complainant_language = models.CharField(
        _("language of the SMS"), max_length=5, choices=language_choices, blank=True
    )
    # Three places share one shape; the fields are made by one function and placed in the class
    # body (not added afterwards) so that the change history tracks them too.
    locals().update(_place_fields("permanent", _("Permanent address"), required=False))
    locals().update(_place_fields("present", _("Present address"), required=False))

    # --- Where and when last seen (missing) or found (found) ---
    event_at = models.DateTimeField(_("date and time"))
    locals().update(_place_fields("event", _("Place"), required=True))
    event_landmark = models.CharField(
        _("landmark"), max_length=200, blank=True, help_text=_("For example: platform 3.")
    )
    event_place_kind = models.CharField(
        _("kind of place"), max_length=10, choices=PlaceKind.choices, blank=True
    )
    circumstances = models.CharField(
        _("circumstances"), max_length=15, choices=Circumstance.choices, blank=True
    )
    circumstances_detail = models.TextField(_("what happened"), blank=True)

    # --- Found reports ---
    found_by = models.CharField(_("found by"), max_length=10, choices=FoundBy.choices, blank=True)
    told_parent_names = models.CharField(
        _("parents' names as told by the child"), max_length=250, blank=True
    )
    told_home_place = models.CharField(
        _("home place as told by the child"), max_length=250, blank=True
    )
    told_language = models.CharField(
        _("language the child speaks"), max_length=5, choices=Language.choices, blank=True
    )
    placement = models.CharField(
        _("where the child is now"), max_length=12, choices=Placement.choices, blank=True
    )
    placed_at = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children_placed",
        verbose_name=_("Child Care Institution"),
    )
    cwc_order_reference = models.CharField(_("CWC order reference"), max_length=100, blank=True)
    handed_over_to = models.CharField(_("handed over to"), max_length=200, blank=True)
    # A found child found during a special drive (apps.drives), counted in the drive's figures.
    drive = models.ForeignKey(
        Drive,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="found_reports",
        verbose_name=_("special drive"),
    )

    # At filing, the form's answer, which filing turns into consent records (Consent) for
    # publication and partner sharing; afterwards a copy of whether a publication consent is in
    # force, written only with the records (record_consent, withdraw_consent) so that searches
    # filter on a column.
    publication_consent = models.BooleanField(
        _("publication consent"),
        default=False,
        help_text=_(
            "The family (or, for a found child, the Child Welfare Committee) agrees to the "
            "child's photo and description being shown on public pages and sent to partner "
            "portals."
        ),
    )

    # --- Kept by the portal ---
    # Phonetic keys of every name, so spelling variants and Indian scripts find each other.
    name_keys = ArrayField(models.CharField(max_length=40), default=list, editable=False)
    # The same names normalised, for ranking search results without normalising again.
    name_forms = ArrayField(models.CharField(max_length=250), default=list, editable=False)
    # Their phonetic words (apps.names.keys.name_words): a search finds the reports holding every
    # word it was typed with through an index, however many newer reports share its keys.
    name_words = ArrayField(models.CharField(max_length=250), default=list, editable=False)
    marks_search = SearchVectorField(null=True, editable=False)
    # Where the child is from, as district ids (apps.reports.selectors.home_of): matching finds
    # the reports of the other side by them.
    home_district_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    photo_count = models.PositiveSmallIntegerField(default=0, editable=False)
    cover_photo = models.ForeignKey(
        "ReportPhoto", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    created_at = models.DateTimeField(_("filed on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=[*DERIVED_FIELDS, "updated_at", "version"])

    class Meta:
        ordering = ["-event_at", "-pk"]
        verbose_name = _("child report")
        verbose_name_plural = _("child reports")
        constraints = [
            models.UniqueConstraint(
                fields=["owning_unit", "registration_kind", "fir_year", "fir_number"],
                condition=models.Q(kind="missing"),
                name="unique_fir_per_station_and_year",
                violation_error_message=_(
                    "This police station already has a report with this FIR/GD number this year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")),
                name="age_range_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(duplicate_of__isnull=True) | CLOSED_AS_DUPLICATE,
                name="only_a_closed_duplicate_points_to_another",
            ),
        ]
        indexes = [
            models.Index(fields=["event_at", "id"], name="report_event_at"),
            models.Index(fields=["event_state", "event_at"], name="report_state_event_at"),
            models.Index(fields=["event_district", "event_at"], name="report_district_event_at"),
            models.Index(fields=["owning_unit", "event_at"], name="report_unit_event_at"),
            GinIndex(fields=["name_keys"], name="report_name_keys"),
            GinIndex(fields=["name_words"], name="report_name_words"),
            GinIndex(fields=["languages"], name="report_languages"),
            models.Index(fields=["mother_tongue"], name="report_mother_tongue"),
            models.Index(fields=["told_language"], name="report_told_language"),
            models.Index(
                fields=["event_at", "id"],
                condition=models.Q(photo_count__gt=0),
                name="report_with_photo_event_at",
            ),
            # With report_event_at, a search for common mark words ("mole cheek") reads the
            # newest reports a window of dates at a time (selectors.NewestWithin): PostgreSQL
            # ANDs the two indexes, and reads no report outside the window.
            GinIndex(fields=["marks_search"], name="report_marks_search"),
            # The search's common filters (kind, sex, age), newest first, and their capped
            # count from the index alone.
            models.Index(
                fields=["kind", "sex", "event_at", "id"],
                include=["age_min", "age_max", "status", "closure_reason"],
                name="report_kind_sex_event_at",
            ),
            models.Index(fields=["kind", "event_at", "id"], name="report_kind_event_at"),
            # The national feed of new missing children (selectors.new_missing_children): newest
            # filed first, all India or by State/UT, among the open missing reports only.
            models.Index(
                fields=["created_at", "id"], condition=OPEN_MISSING, name="report_new_missing"
            ),
            models.Index(
                fields=["event_state", "created_at", "id"],
                condition=OPEN_MISSING,
                name="report_new_missing_by_state",
            ),
            # The found children of other countries (apps.repatriation), counted on every
            # dashboard: a few among millions, read without scanning the others.
            models.Index(
                fields=["owning_unit"],
                condition=models.Q(kind="found") & FOREIGN_NATIONAL,
                name="report_foreign_found",
            ),
            # A family's reply STOP finds the reports it concerns (apps.citizens).
            models.Index(
                fields=["complainant_mobile"],
                condition=~models.Q(complainant_mobile=""),
                name="report_complainant_mobile",
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.display_name}"

    def save(self, *args, **kwargs):
        if self.fir_registered_at:
            self.fir_year = timezone.localtime(self.fir_registered_at).year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def case_number(self) -> str:
        prefix = {ReportKind.MISSING: "M", ReportKind.SIGHTING: "S"}.get(self.kind, "F")
        return f"{prefix}-{self.pk:07d}" if self.pk else prefix

    @property
    def display_name(self) -> str:
        return self.full_name or self.name_local or str(_("Name not known"))

    @property
    def name_in_other_script(self) -> str:
        """The local-script name to show beside display_name: none when it is the one shown
        (a name typed only in the local script, or typed the same in both fields)."""
        if self.name_local.strip() == self.display_name.strip():
            return ""
        return self.name_local

    @property
    def family_known(self) -> bool:
        """Whether the record names anyone of the family, a number to reach them or where they
        live: the rows of the record's Family section."""
        return any(
            (
                self.father_name,
                self.mother_name,
                self.guardian_name,
                self.complainant_mobile,
                self.permanent_district_id,
                self.permanent_locality,
                self.present_district_id,
                self.present_locality,
            )
        )

    @property
    def is_missing(self) -> bool:
        return self.kind == ReportKind.MISSING

    @property
    def age_label(self) -> str:
        if self.age_min == self.age_max:
            return str(self.age_min)
        return f"{self.age_min}\N{EN DASH}{self.age_max}"

    @property
    def appearance(self) -> list[str]:
        return [
            str(part)
            for part in (
                self.get_build_display() if self.build else "",
                self.get_complexion_display() if self.complexion else "",
                self.hair,
                self.get_eye_colour_display() if self.eye_colour else "",
            )
            if part
        ]

    @property
    def language_labels(self) -> list[str]:
        codes = [*self.languages, self.mother_tongue, self.told_language]
        return [str(Language(code).label) for code in dict.fromkeys(codes) if code]

    @property
    def responsible_unit(self) -> Unit:
        """The unit that answers for the child now, whose contact the record and its notices
        give: the owning unit, except that a child an institution reported and that is now
        held by another (after a transfer) is answered for by the institution holding the
        child. Derived from the placement, which follows the child in care, so it is never a
        copy left behind."""
        if (
            self.owning_unit.is_cci
            and self.placement == Placement.CCI
            and self.placed_at_id
            and self.placed_at_id != self.owning_unit_id
        ):
            return self.placed_at
        return self.owning_unit

    @property
    def is_foreign_national(self) -> bool:
        """A found child of another country: flagged for repatriation."""
        return self.kind == ReportKind.FOUND and is_foreign(self.nationality)

    @property
    def is_closed_duplicate(self) -> bool:
        return self.status == Status.CLOSED and self.closure_reason == ClosureReason.DUPLICATE

    @property
    def is_publishable(self) -> bool:
        """Shown to the public only with consent, and only while the child is still sought."""
        return self.publication_consent and self.status == Status.OPEN

    def clean(self):
        errors = {}
        now = timezone.now()
        for field in ("event_at", "fir_registered_at"):
            value = getattr(self, field)
            if value and value > now:
                errors[field] = _("This date is in the future.")
        if self.date_of_birth and self.date_of_birth > now.date():
            errors["date_of_birth"] = _("This date is in the future.")
        if (
            self.fir_registered_at
            and self.event_at
            and self.event_at > self.fir_registered_at
            and "event_at" not in errors
        ):
            errors["event_at"] = _("The child cannot be last seen after the FIR was registered.")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The upper age must not be below the lower age.")
        errors.update(self._place_errors())
        if errors:
            raise ValidationError(errors)

    def _place_errors(self) -> dict:
        from apps.directory.pincodes import pin_code_error

        errors = {}
        for prefix in ("event", "permanent", "present"):
            state = getattr(self, f"{prefix}_state", None)
            district = getattr(self, f"{prefix}_district", None)
            if district and state and district.state_id != state.pk:
                errors[f"{prefix}_district"] = _("This district is not in the chosen State/UT.")
                continue
            if district and not state:
                setattr(self, f"{prefix}_state", district.state)
                state = district.state
            pin = getattr(self, f"{prefix}_pin_code")
            if pin and state:
                message = pin_code_error(
                    pin,
                    state_name=state.name_en,
                    district_name=district.name_en if district else None,
                )
                if message:
                    errors[f"{prefix}_pin_code"] = message
        return errors


class IdentificationMark(models.Model):
    """One structured mark, so "mole on left cheek" can be searched and compared."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="marks")
    kind = models.CharField(_("kind of mark"), max_length=10, choices=MarkKind.choices)
    body_part = models.CharField(_("body part"), max_length=10, choices=BodyPart.choices)
    side = models.CharField(_("side"), max_length=6, choices=Side.choices, blank=True)
    description = models.CharField(_("description"), max_length=150, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("identification mark")
        verbose_name_plural = _("identification marks")

    def __str__(self):
        parts = [self.get_kind_display(), self.get_side_display(), self.get_body_part_display()]
        return " ".join(str(part) for part in parts if part)

    def search_text(self) -> str:
        """The words an official may type for this mark, in English whatever the page language."""
        return " ".join([self.kind, self.side, self.body_part, self.description]).replace("_", " ")


def _photo_path(_instance, filename: str) -> str:
    return f"reports/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class ReportPhoto(models.Model):
    # Photos are addressed by a random identifier, never by a counter that could be walked.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=_photo_path)
    thumbnail = models.FileField(upload_to=_photo_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.report.case_number} photo {self.pk}"


class CaseNote(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return f"{self.report.case_number}: {self.text[:40]}"


class OutcomeRequest(models.Model):
    """A report whose child's case ended under another report (the matched missing or found
    report was restored or closed) by an official who may not change it: an item in its owners'
    queue until they record the outcome (one click) or record one of their own."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="outcome_requests",
        verbose_name=_("report to move along"),
    )
    because_of = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="+", verbose_name=_("ended under")
    )
    status = models.CharField(_("outcome"), max_length=12, choices=Status.choices)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("outcome to record")
        verbose_name_plural = _("outcomes to record")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "because_of"],
                condition=models.Q(done_at__isnull=True),
                name="one_open_outcome_request_per_pair",
            )
        ]

    def __str__(self):
        return f"{self.because_of.case_number} → {self.report.case_number}"

    @property
    def outcome_label(self) -> str:
        if self.status == Status.CLOSED and self.closure_reason:
            return f"{Status(self.status).label}: {ClosureReason(self.closure_reason).label}"
        return str(Status(self.status).label)


class Consent(models.Model):
    """One consent for one purpose of one report: who gave it, when and how, who recorded it,
    and its withdrawal, which takes effect at once. Never deleted: the report's consent history.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices)
    given_by_kind = models.CharField(_("given by"), max_length=8, choices=ConsentGiver.choices)
    given_by_name = models.CharField(_("name of who gave it"), max_length=200, blank=True)
    method = models.CharField(_("how"), max_length=8, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            # At most one consent in force per purpose: a new one follows a withdrawal.
            models.UniqueConstraint(
                fields=["report", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_consent_in_force_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.report_id}: {self.get_purpose_display()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
