from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from apps.accounts.sessions import remember_sign_in


@receiver(user_logged_in, dispatch_uid="accounts.remember_sign_in")
def note_sign_in_time(sender, request, user, **kwargs):
    remember_sign_in(request.session)
