"""Saving a record whose changes django-simple-history keeps, with who changed it and why."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def save_with_history(instance, *, changed_by, reason: str, refusals: dict | None = None) -> None:
    """Save `instance`, recording `changed_by` and `reason` in its history row. `refusals` maps
    a database constraint's name to the ValidationError message its violation stands for, so a
    race lost to another request reads as the same error the form would have given."""
    # simple-history reads these two attributes when it writes the history row.
    instance._history_user = changed_by
    instance._change_reason = reason[:100]
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        for constraint, message in (refusals or {}).items():
            if constraint in str(error):
                raise ValidationError(message) from error
        raise
