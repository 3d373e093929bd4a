"""Writes about officials' own accounts."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"


@transaction.atomic
def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed authenticator an official is setting up; one at a time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def confirm_totp_device(request, device: TOTPDevice, token: str) -> bool:
    """Confirm the device if the token is right, replace any older one, and verify the session."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def verify_second_factor(request, token: str) -> bool:
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def remove_two_factor(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()


def clear_expired_sessions() -> int:
    """Remove the sessions of officials signed out by idling; returns how many went."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
