"""The access log records what lower apps announce, as accounts' changes of authenticator."""

from django.dispatch import receiver

from apps.accounts.signals import AuthenticatorChange, authenticator_changed
from apps.audit.models import AccessAction
from apps.audit.services import record_access

_ACTIONS = {
    AuthenticatorChange.ADDED: AccessAction.ADD_AUTHENTICATOR,
    AuthenticatorChange.REMOVED: AccessAction.REMOVE_AUTHENTICATOR,
}


@receiver(authenticator_changed, dispatch_uid="audit.authenticator_changed")
def log_authenticator_change(sender, request, change, **kwargs):
    user = request.user
    record_access(request, action=_ACTIONS[change], record=user, owner_unit=user.unit)
