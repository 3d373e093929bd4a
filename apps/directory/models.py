"""The national directory: States/UTs and districts by LGD code, and the units serving children."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.versions import Versioned
from trackchild.languages import portal_language_choices

PIN_CODE_VALIDATOR = RegexValidator(r"^[1-9][0-9]{5}$", _("A PIN code has six digits."))
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9][0-9 -]{1,18}[0-9]$", _("Enter a phone number of digits, spaces or dashes.")
)


class State(models.Model):
    class Kind(models.TextChoices):
        STATE = "S", _("State")
        UNION_TERRITORY = "U", _("Union Territory")

    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    census_2011_code = models.PositiveIntegerField(_("Census 2011 code"), null=True, blank=True)
    # Which States/UTs share a land border with this one (load_lgd loads them from the bundled
    # data/state_neighbours.csv): a police station's daily bulletin covers them too.
    neighbours = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("neighbouring States/UTs")
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("State/UT")
        verbose_name_plural = _("States/UTs")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:state", args=[self.lgd_code])


class DistrictQuerySet(models.QuerySet):
    def current(self):
        return self.filter(retired_on__isnull=True)


class District(models.Model):
    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="districts", verbose_name=_("State/UT")
    )
    name = models.CharField(_("name"), max_length=100)
    # LGD codes are never reused: a district that leaves the directory is retired, not deleted,
    # so that every record that names it keeps its meaning.
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    # LGD publishes no adjacency: administrators record which districts border this one, so that
    # a child last seen at a railway station or bus stand is looked for across the border too.
    neighbours = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("neighbouring districts")
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["state__name_en", "name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:district", args=[self.lgd_code])

    @property
    def is_retired(self):
        return self.retired_on is not None


class RailwayRoute(models.Model):
    """A main railway line, as the districts it runs through in order: a child at risk last seen
    in one of them may be carried along it, so the SPs of the others are told at once.

    A curated list of trunk routes (data/railway_routes.csv, load_lgd), not every line; an
    operator replaces it with `load_railway_routes FILE`."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    districts = models.ManyToManyField(
        District, through="RailwayRouteStop", related_name="railway_routes"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("railway route")
        verbose_name_plural = _("railway routes")

    def __str__(self):
        return self.name


class RailwayRouteStop(models.Model):
    route = models.ForeignKey(RailwayRoute, on_delete=models.CASCADE, related_name="stops")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="one_district_per_stop")
        ]

    def __str__(self):
        return f"{self.route}: {self.position}. {self.district}"


class UnitType(models.TextChoices):
    MINISTRY = "ministry", _("Ministry / national authority")
    SCPS = "scps", _("State Child Protection Society / Unit")
    STATE_POLICE = "state_police", _("State police headquarters")
    DISTRICT_COLLECTORATE = "collectorate", _("District Magistrate's office")
    DISTRICT_POLICE = "district_police", _("Superintendent of Police's office")
    DCPU = "dcpu", _("District Child Protection Unit")
    POLICE_STATION = "police_station", _("Police station")
    RAILWAY_POLICE = "railway_police", _("GRP / railway police post")
    SJPU = "sjpu", _("Special Juvenile Police Unit")
    CWC = "cwc", _("Child Welfare Committee")
    JJB = "jjb", _("Juvenile Justice Board")
    CHILDRENS_HOME = "childrens_home", _("Children's home")
    SHELTER_HOME = "shelter_home", _("Shelter home")
    OBSERVATION_HOME = "observation_home", _("Observation home")
    SPECIAL_HOME = "special_home", _("Special home")
    ADOPTION_AGENCY = "adoption_agency", _("Specialised adoption agency")
    OPEN_SHELTER = "open_shelter", _("Open shelter")
    HELPLINE_NGO = "helpline_ngo", _("Child helpline / NGO")


NATIONAL_UNIT_TYPES = frozenset({UnitType.MINISTRY})
STATE_UNIT_TYPES = frozenset({UnitType.SCPS, UnitType.STATE_POLICE})
CCI_UNIT_TYPES = frozenset(
    {
        UnitType.CHILDRENS_HOME,
        UnitType.SHELTER_HOME,
        UnitType.OBSERVATION_HOME,
        UnitType.SPECIAL_HOME,
        UnitType.ADOPTION_AGENCY,
        UnitType.OPEN_SHELTER,
    }
)
POLICE_UNIT_TYPES = frozenset(
    {
        UnitType.POLICE_STATION,
        UnitType.RAILWAY_POLICE,
        UnitType.SJPU,
        UnitType.DISTRICT_POLICE,
        UnitType.STATE_POLICE,
    }
)


class AlertChannels(models.TextChoices):
    """How a person chooses to receive the portal's alerts."""

    SMS_AND_EMAIL = "both", _("SMS and e-mail")
    SMS = "sms", _("SMS only")
    EMAIL = "email", _("E-mail only")
    NONE = "none", _("No alerts")


class Unit(Versioned):
    unit_type = models.CharField(_("type"), max_length=20, choices=UnitType.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("State/UT"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("district"),
    )
    address = models.TextField(_("address"), blank=True)
    pin_code = models.CharField(
        _("PIN code"), max_length=6, blank=True, validators=[PIN_CODE_VALIDATOR]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[PHONE_VALIDATOR])
    email = models.EmailField(_("e-mail"), blank=True)
    head_name = models.CharField(_("head of unit"), max_length=120, blank=True)
    head_designation = models.CharField(_("designation of head"), max_length=120, blank=True)
    # The head receives the unit's alerts without needing an account: a District Magistrate or
    # Superintendent of Police gets the monthly digest on the mobile recorded here.
    head_mobile = models.CharField(
        _("mobile of head"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )
    head_email = models.EmailField(_("e-mail of head"), blank=True)
    head_alert_channels = models.CharField(
        _("alerts to the head by"),
        max_length=5,
        choices=AlertChannels.choices,
        default=AlertChannels.SMS_AND_EMAIL,
    )
    head_language = models.CharField(
        _("language of the head's alerts"),
        max_length=5,
        choices=portal_language_choices,
        default="en",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The police station's code in the state's CCTNS, which keys the FIRs it pushes to the portal.
    cctns_code = models.CharField(
        _("CCTNS police station code"),
        max_length=20,
        blank=True,
        help_text=_("Unique within the State/UT; FIRs pushed by the state's CCTNS name it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["state", "district", "unit_type"])]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "cctns_code"],
                condition=~models.Q(cctns_code=""),
                name="unique_cctns_code_per_state",
                violation_error_message=_(
                    "Another unit of this State/UT already has this CCTNS code."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.district_id:
            self.state_id = self.district.state_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:unit", args=[self.pk])

    @property
    def is_national(self):
        return self.unit_type in NATIONAL_UNIT_TYPES

    @property
    def is_state_level(self):
        return self.unit_type in STATE_UNIT_TYPES

    @property
    def is_cci(self):
        return self.unit_type in CCI_UNIT_TYPES

    def clean(self):
        if self.district_id:
            self.state_id = self.district.state_id
        errors = {}
        if self.is_national:
            if self.state_id or self.district_id:
                errors["state"] = _("A national unit belongs to no State/UT or district.")
        elif self.is_state_level:
            if not self.state_id:
                errors["state"] = _("Choose the State/UT this unit serves.")
            if self.district_id:
                errors["district"] = _("A state-level unit is not tied to one district.")
        elif not self.district_id:
            errors["district"] = _("Choose the district this unit serves.")
        if not errors and self.pin_code:
            from apps.directory.pincodes import pin_code_error

            message = pin_code_error(
                self.pin_code,
                state_name=self.state.name_en if self.state else None,
                district_name=self.district.name_en if self.district else None,
            )
            if message:
                errors["pin_code"] = message
        if errors:
            raise ValidationError(errors)


class NodalOfficer(models.Model):
    """The officer named for missing children at state or district level, reachable by anyone."""

    class Scope(models.TextChoices):
        STATE = "state", _("State nodal officer")
        DISTRICT = "district", _("District nodal officer")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="nodal_officers", verbose_name=_("unit")
    )
    scope = models.CharField(_("level"), max_length=10, choices=Scope.choices)
    name = models.CharField(_("name"), max_length=120)
    designation = models.CharField(_("designation"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20, validators=[PHONE_VALIDATOR])
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["scope", "name"]
        verbose_name = _("nodal officer")
        verbose_name_plural = _("nodal officers")

    def __str__(self):
        return f"{self.name}, {self.designation}"

    def clean(self):
        if self.scope == self.Scope.DISTRICT and self.unit_id and not self.unit.district_id:
            raise ValidationError({"unit": _("A district nodal officer sits in a district unit.")})
        if self.scope == self.Scope.STATE and self.unit_id and not self.unit.state_id:
            raise ValidationError(
                {"unit": _("A state nodal officer sits in a unit of a State/UT.")}
            )
