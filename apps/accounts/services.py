"""Writes about officials' own accounts."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.signals import AuthenticatorChange, authenticator_changed
from apps.messaging.catalogue import AUTHENTICATOR_ADDED, AUTHENTICATOR_REMOVED
from apps.messaging.models import Channel
from apps.messaging.recipients import DEFAULT_LANGUAGE
from apps.messaging.services import queue_message

AUTHENTICATOR_NAME = "Authenticator app"
WRONG_CODE = _("That code is wrong or has expired. Try the current one.")
WRONG_CURRENT_CODE = _(
    "That is not the code your current authenticator app shows. Wait for its next code and "
    "try again."
)


@transaction.atomic
def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed authenticator an official is setting up; one at a time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def enrol_totp_device(request, device: TOTPDevice, *, token: str, current_token: str = "") -> None:
    """Confirm the new device, replace any older one and verify the session. An official who
    already has a device proves it first, so a stolen password cannot bring its own phone.
    Raises ValidationError naming the wrong code."""
    prove_current_device(request, current_token)
    # Codes are checked outside the transaction: a wrong one must still count towards throttling.
    if not device.verify_token(token):
        raise ValidationError({"token": WRONG_CODE})
    _confirm(request, device)


@transaction.atomic
def _confirm(request, device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    _announce_change(request, AuthenticatorChange.ADDED, device_id=device.pk)


def remove_two_factor(request, *, current_token: str) -> None:
    """Turn two-factor sign-in off; only a verified session with the current code may.
    Raises ValidationError for a wrong code, PermissionDenied for an unverified session."""
    prove_current_device(request, current_token)
    _remove_devices(request)


@transaction.atomic
def _remove_devices(request) -> None:
    devices = TOTPDevice.objects.filter(user=request.user)
    confirmed = devices.filter(confirmed=True).order_by("pk").values_list("pk", flat=True).first()
    devices.delete()
    if confirmed is not None:
        _announce_change(request, AuthenticatorChange.REMOVED, device_id=confirmed)


def prove_current_device(request, token: str) -> None:
    """Nothing to prove without a confirmed device; else a verified session and its code now."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return
    if not request.user.is_verified():
        raise PermissionDenied
    if not any(device.verify_token(token) for device in devices):
        raise ValidationError({"current_token": WRONG_CURRENT_CODE})


_ANNOUNCEMENTS = {
    AuthenticatorChange.ADDED: AUTHENTICATOR_ADDED,
    AuthenticatorChange.REMOVED: AUTHENTICATOR_REMOVED,
}


def _announce_change(request, change: AuthenticatorChange, *, device_id: int) -> None:
    """Every change of authenticator goes to the access log (through the signal) and to the
    official's e-mail, so a change they did not make does not go unnoticed."""
    user = request.user
    authenticator_changed.send(
        sender=TOTPDevice, request=request, change=change, device_id=device_id
    )
    if not user.email:
        return
    queue_message(
        channel=Channel.EMAIL,
        template=_ANNOUNCEMENTS[change],
        context={
            "username": user.get_username(),
            "when": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "link": settings.PORTAL_URL.rstrip("/") + reverse("accounts:password_change"),
        },
        recipient=user.email,
        language=user.preferred_language or DEFAULT_LANGUAGE,
        alert_key=f"{change}:{user.pk}:{device_id}",
        recipient_user=user,
        recipient_unit=user.unit,
    )


def verify_second_factor(request, token: str) -> bool:
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def delete_expired_sessions() -> int:
    """Remove the sessions of officials signed out by idling; returns how many went."""
    deleted, _count = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
