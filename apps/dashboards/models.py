"""The dashboards' figures, kept in summary tables so that no page reads the large tables.

Every row counts records of one area (a unit, a district, a State/UT or India) and one sex and
age band, most also of one month (the month the report was filed). Rows of every level are kept,
so a page reads the rows of its own area for its totals and the rows one level down for its
breakdown. Rows are written only by `services.recount_dashboard_figures`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.dashboards.choices import AgeBand, Scope


class Tally(models.Model):
    scope = models.PositiveSmallIntegerField(choices=Scope.choices)
    # The unit, district or State/UT counted (0 for India); not a foreign key, as it names
    # rows of three tables.
    area_id = models.BigIntegerField()
    # The area one level up: a unit's district, a district's State/UT, else 0.
    parent_id = models.BigIntegerField()
    sex = models.CharField(max_length=1)
    age_band = models.PositiveSmallIntegerField(choices=AgeBand.choices)

    class Meta:
        abstract = True

    def __str__(self):
        return (
            f"{self.get_scope_display()} {self.area_id}, {self.sex}, {self.get_age_band_display()}"
        )


class ReportTally(Tally):
    """Missing and found reports filed in one month, as they stand now."""

    month = models.DateField()
    missing = models.PositiveIntegerField()
    found = models.PositiveIntegerField()
    # Missing reports for which matching proposed a found child, and those confirmed.
    proposed = models.PositiveIntegerField()
    matched = models.PositiveIntegerField()
    matched_restored = models.PositiveIntegerField()
    # Children restored: missing reports restored, and found children restored whose missing
    # report was not matched on the portal (so a child with both reports counts once).
    restored = models.PositiveIntegerField()
    missing_open_recent = models.PositiveIntegerField()
    missing_open_months = models.PositiveIntegerField()
    missing_open_old = models.PositiveIntegerField()
    found_open_recent = models.PositiveIntegerField()
    found_open_months = models.PositiveIntegerField()
    found_open_old = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "area_id", "month", "sex", "age_band"], name="one_report_tally"
            )
        ]
        indexes = [models.Index(fields=["scope", "parent_id", "month"], name="report_tally_parent")]


class CircumstanceTally(Tally):
    """Missing reports filed in one month by what happened (districts and above)."""

    month = models.DateField()
    circumstance = models.CharField(max_length=20)
    missing = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "area_id", "month", "sex", "age_band", "circumstance"],
                name="one_circumstance_tally",
            )
        ]


class MatchDelayTally(Tally):
    """Missing reports of one month confirmed as matched so many days after they were filed
    (districts and above): medians of any area and filter are read from these counts."""

    month = models.DateField()
    days = models.PositiveIntegerField()
    matched = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "area_id", "month", "sex", "age_band", "days"],
                name="one_match_delay_tally",
            )
        ]


class CareTally(Tally):
    """Children in care now, by the institution holding them, and their care plans overdue."""

    in_care = models.PositiveIntegerField()
    care_plans_overdue = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "area_id", "sex", "age_band"], name="one_care_tally"
            )
        ]
        indexes = [models.Index(fields=["scope", "parent_id"], name="care_tally_parent")]


class FiguresRefresh(models.Model):
    """When the figures were last brought up to date (one row), and how long that took."""

    refreshed_at = models.DateTimeField(_("figures as of"))
    seconds = models.FloatField(_("time taken (seconds)"))

    class Meta:
        verbose_name = _("refresh of the dashboards' figures")

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
