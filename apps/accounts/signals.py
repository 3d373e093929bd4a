"""What happens to officials' accounts that apps above accounts record (the access log)."""

from enum import StrEnum

from django.dispatch import Signal


class AuthenticatorChange(StrEnum):
    ADDED = "add_authenticator"
    REMOVED = "remove_authenticator"


# Sent inside the transaction that adds or removes an official's authenticator app, with
# `request` (its user is the official), `change` (an AuthenticatorChange) and `device_id`:
# apps.audit records it in the access log, stored with the change or not at all.
authenticator_changed = Signal()
