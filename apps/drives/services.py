"""Declaring a special drive."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.jurisdiction import Jurisdiction
from apps.drives import selectors
from apps.drives.models import Drive


@transaction.atomic
def declare_drive(*, drive: Drive, states, declared_by) -> Drive:
    """Save a new drive over `states` (or all India when `drive.all_india`). A State official
    declares only for their own State/UT; only a national administrator for all India."""
    if not selectors.can_declare(declared_by):
        raise PermissionDenied
    scope = Jurisdiction.of(declared_by)
    if drive.all_india and not selectors.can_declare_for_all_india(declared_by):
        raise PermissionDenied(_("Only a national administrator declares a drive for all India."))
    outside = [state for state in states if not scope.covers_state(state)]
    if outside:
        raise PermissionDenied(
            _("You may declare a drive only for your own State/UT, not for %(states)s.")
            % {"states": ", ".join(str(state) for state in outside)}
        )
    if not drive.all_india and not states:
        raise ValidationError({"states": _("Choose the States/UTs the drive covers.")})
    drive.declared_by = declared_by
    drive.full_clean(exclude=["declared_by"])
    drive.save()
    drive.states.set([] if drive.all_india else states)
    return drive
