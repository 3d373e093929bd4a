"""Reads about special drives, and who may declare one.

A drive is no jurisdiction's record: every official may see which drives there are. National
administrators declare drives for any States/UTs or all of India, State officials only for their
own State/UT."""

from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction
from apps.accounts.models import Level
from apps.directory.models import State
from apps.drives.models import Drive

DECLARING_LEVELS = frozenset({Level.NATION, Level.STATE})


def can_declare(user) -> bool:
    return Jurisdiction.of(user).level in DECLARING_LEVELS


def can_declare_for_all_india(user) -> bool:
    return Jurisdiction.of(user).level == Level.NATION


def states_declarable_by(user):
    """The States/UTs a user may declare a drive for: every one, their own, or none."""
    scope = Jurisdiction.of(user)
    states = State.objects.order_by("name_en")
    if scope.level == Level.NATION:
        return states
    if scope.level == Level.STATE:
        return states.filter(pk=scope.state_id)
    return states.none()


def can_see_drives(user) -> bool:
    return Jurisdiction.of(user).level is not None


def all_drives():
    return Drive.objects.prefetch_related("states").select_related("declared_by")


def drives_running_for(unit, *, keep: int | None = None):
    """The drives a record of `unit` may be tagged with today (those running in its State/UT),
    and the drive `keep` it already carries, so that editing it later keeps its tag."""
    running = Drive.objects.running_on(timezone.localdate()).covering(unit.state_id)
    if keep is not None:
        running = Drive.objects.filter(pk__in=running.values("pk")) | Drive.objects.filter(pk=keep)
    return running.order_by("name")


def drive_by_code(code: str) -> Drive | None:
    return Drive.objects.filter(code=code.strip().lower()).first()


def drives_covering(state_id: int | None = None):
    """Every drive (state_id None: all India's), or those covering a State/UT."""
    drives = Drive.objects.all() if state_id is None else Drive.objects.covering(state_id)
    return drives.order_by("-starts_on", "name")
