from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.accounts.selectors import has_confirmed_totp_device
from apps.accounts.sessions import has_outlived_its_sign_in, renew_idle_deadline_if_due

# Pages any signed-in official may reach before the second factor: to leave, or page furniture.
_ALWAYS_OPEN_PREFIXES = ("/accounts/logout/", "/i18n/", "/static/")


class TwoFactorMiddleware:
    """Signed-in officials who have an authenticator must prove it; administrators must have one.

    Before the second factor, an official with an authenticator reaches only the page that asks
    for its code: the password alone must not be enough to set up another authenticator or
    remove this one. An official whose role requires one and who has none is sent to set it up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_ALWAYS_OPEN_PREFIXES)
        ):
            if has_confirmed_totp_device(user):
                if request.path != reverse("accounts:two_factor_verify"):
                    return redirect_with_next("accounts:two_factor_verify", request)
            elif user.requires_two_factor and request.path != reverse("accounts:two_factor_setup"):
                return redirect_with_next("accounts:two_factor_setup", request)
        return self.get_response(request)


def redirect_with_next(view_name, request):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")


class SessionLifetimeMiddleware:
    """Signs an official out once the session is older than SESSION_MAX_HOURS, active or not;
    otherwise pushes a live session's idle deadline forward when due (accounts/sessions.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and has_outlived_its_sign_in(request.session):
            logout(request)
            messages.info(request, _("Your session has ended. Please sign in again."))
        elif not request.session.is_empty():
            renew_idle_deadline_if_due(request.session)
        return self.get_response(request)
