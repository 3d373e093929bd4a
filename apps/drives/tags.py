"""The one rule for tagging a found report or an admission with a special drive, shared by the
forms and by the services of reports and care: the drive runs today in the State/UT of the unit
that owns the record."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.drives.models import Drive


def check_tag(drive: Drive | None, *, unit, field: str = "drive") -> None:
    """Raises ValidationError naming `field` unless `drive` is None or running where `unit` is."""
    if drive is None:
        return
    message = refusal(drive, unit=unit)
    if message:
        raise ValidationError({field: [message]}, code="drive_not_running")


def refusal(drive: Drive, *, unit) -> str:
    """Why a record of `unit` cannot carry `drive` today; "" when it can."""
    today = timezone.localdate()
    dates = {
        "drive": drive.name,
        "start": date_format(drive.starts_on),
        "end": date_format(drive.ends_on),
    }
    if today < drive.starts_on:
        return (
            _("%(drive)s starts on %(start)s: a record is tagged with it only while it runs.")
            % dates
        )
    if today > drive.ends_on:
        return (
            _("%(drive)s ended on %(end)s: a record is tagged with it only while it runs.") % dates
        )
    if not drive.covers(unit.state_id):
        return _("%(drive)s is not running in %(place)s, where %(unit)s is.") % {
            "drive": drive.name,
            "place": unit.state or _("a national office"),
            "unit": unit,
        }
    return ""
