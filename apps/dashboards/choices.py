"""The vocabularies of the dashboards' figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Level


class Scope(models.IntegerChoices):
    """What a row of figures is about; the values are those of the official levels."""

    UNIT = Level.UNIT, _("Unit")
    DISTRICT = Level.DISTRICT, _("District")
    STATE = Level.STATE, _("State/UT")
    NATION = Level.NATION, _("India")


class AgeBand(models.IntegerChoices):
    """Age bands of the National Crime Records Bureau's tables of missing children."""

    UNDER_6 = 0, _("Under 6")
    FROM_6 = 1, _("6 to 11")
    FROM_12 = 2, _("12 to 15")
    FROM_16 = 3, _("16 and 17")


# The youngest age of each band after the first, in the order of AgeBand.
AGE_BAND_STARTS = (6, 12, 16)


class CaseAge(models.TextChoices):
    """How long an open case has been open."""

    RECENT = "recent", _("Under 30 days")
    MONTHS = "months", _("30 days to a year")
    OLD = "old", _("Over a year")


# Where the age of a case moves to the next bucket, in days.
CASE_AGE_LIMITS = {CaseAge.RECENT: 30, CaseAge.MONTHS: 365}
