from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from apps.accounts.selectors import has_confirmed_totp_device

# Pages an official may reach before the second factor: to finish signing in or to leave.
_OPEN_PATH_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/i18n/", "/static/")


class TwoFactorMiddleware:
    """Signed-in officials who have an authenticator must prove it; administrators must have one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PATH_PREFIXES)
        ):
            if has_confirmed_totp_device(user):
                return _redirect_with_next("accounts:two_factor_verify", request)
            if user.requires_two_factor:
                return _redirect_with_next("accounts:two_factor_setup", request)
        return self.get_response(request)


def _redirect_with_next(view_name, request):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
