"""Special drives (Operation Muskaan, Operation Smile): a few weeks during which the police and
child protection units of some States/UTs, or of all India, look for missing children together.
Found reports and admissions made during a drive carry it, so its figures can be counted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.directory.models import State


class DriveQuerySet(models.QuerySet):
    def running_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def covering(self, state_id: int | None):
        """Drives of all India, and those declared for this State/UT."""
        if state_id is None:
            return self.filter(all_india=True)
        return self.filter(models.Q(all_india=True) | models.Q(states=state_id)).distinct()


class Drive(models.Model):
    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: Operation Muskaan XII.")
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_(
            "Short and unique, in small letters, digits and dashes, for example muskaan-12: "
            "API clients and spreadsheets tag records with it."
        ),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    all_india = models.BooleanField(_("all of India"), default=False)
    states = models.ManyToManyField(
        State, blank=True, related_name="+", verbose_name=_("States/UTs")
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared on"), auto_now_add=True)

    objects = DriveQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("special drive")
        verbose_name_plural = _("special drives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="drive_ends_after_it_starts",
                violation_error_message=_("A drive cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.name

    def is_running(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def covers(self, state_id: int | None) -> bool:
        return self.all_india or (state_id is not None and self.states.filter(pk=state_id).exists())
