"""Reads about officials, always limited to the reader's jurisdiction."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.jurisdiction import scope_to_jurisdiction
from apps.accounts.models import User
from apps.directory.models import Unit


def has_confirmed_totp_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def officials_visible_to(user, *, unit=None):
    officials = User.objects.filter(is_active=True, unit__isnull=False).select_related(
        "unit", "unit__district", "unit__state"
    )
    if unit is not None:
        officials = officials.filter(unit=unit)
    return scope_to_jurisdiction(officials, user, unit_path="unit").order_by(
        "unit__name", "first_name", "last_name"
    )


def units_overseen_by(user):
    return scope_to_jurisdiction(Unit.objects.all(), user, unit_path="")
