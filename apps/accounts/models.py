"""Officials: every account belongs to one directory unit and holds one or more roles."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.fields import ChoiceArrayField
from apps.core.versions import Versioned
from apps.directory.models import PHONE_VALIDATOR, AlertChannels, Unit


class Level(models.IntegerChoices):
    """How far an official's jurisdiction reaches, narrowest first."""

    UNIT = 1, _("Own unit")
    DISTRICT = 2, _("District")
    STATE = 3, _("State/UT")
    NATION = 4, _("Nation")


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator (ministry)")
    STATE_OFFICIAL = "state_official", _("State official")
    DISTRICT_OFFICIAL = "district_official", _("District official")
    POLICE_OFFICER = "police_officer", _("Police station officer")
    SJPU_OFFICER = "sjpu_officer", _("Special Juvenile Police Unit officer")
    CCI_STAFF = "cci_staff", _("Child Care Institution staff")
    CWC_MEMBER = "cwc_member", _("Child Welfare Committee member")
    JJB_MEMBER = "jjb_member", _("Juvenile Justice Board member")


ROLE_LEVEL = {
    Role.NATIONAL_ADMIN: Level.NATION,
    Role.STATE_OFFICIAL: Level.STATE,
    Role.DISTRICT_OFFICIAL: Level.DISTRICT,
}
TWO_FACTOR_ROLES = frozenset(ROLE_LEVEL)


class RoleListField(ChoiceArrayField):
    """An official's roles; named in migrations, so it keeps its own class."""


class User(Versioned, AbstractUser):
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("unit"),
        help_text=_("The directory unit the official works in; it fixes their jurisdiction."),
    )
    roles = RoleListField(
        models.CharField(max_length=30, choices=Role.choices),
        default=list,
        blank=True,
        verbose_name=_("roles"),
    )
    designation = models.CharField(_("designation"), max_length=120, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True, validators=[PHONE_VALIDATOR])
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, blank=True, default=""
    )
    alert_channels = models.CharField(
        _("my unit's alerts"),
        max_length=5,
        choices=AlertChannels.choices,
        default=AlertChannels.NONE,
        help_text=_(
            "The head of your unit receives its alerts (new reports, matches, overdue work). "
            "Choose how you want them too."
        ),
    )

    # A sign-in or a new password is no edit of the official's record a form could overwrite.
    UNVERSIONED_FIELDS = frozenset({"last_login", "password"})

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def level(self) -> Level | None:
        if not self.roles:
            return None
        return max(ROLE_LEVEL.get(role, Level.UNIT) for role in self.roles)

    @property
    def requires_two_factor(self) -> bool:
        return self.is_superuser or bool(TWO_FACTOR_ROLES.intersection(self.roles))

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def get_role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]

    def clean(self):
        super().clean()
        if not self.roles:
            return
        if self.unit is None:
            raise ValidationError({"unit": _("An official with a role must belong to a unit.")})
        level = self.level
        if level == Level.NATION and not self.unit.is_national:
            raise ValidationError(
                {"unit": _("A national administrator belongs to a national unit.")}
            )
        if level == Level.STATE and self.unit.state_id is None:
            raise ValidationError({"unit": _("A state official belongs to a unit of a State/UT.")})
        if level <= Level.DISTRICT and self.unit.district_id is None:
            raise ValidationError({"unit": _("This role needs a unit in a district.")})
