from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from apps.accounts import selectors, services
from apps.accounts.forms import CurrentCodeForm, ProfileForm, ReplaceAuthenticatorForm, TokenForm
from apps.accounts.middleware import redirect_with_next
from apps.core.versions import EditConflictError, render_conflict
from trackchild.languages import is_portal_language


def _switch_to_own_language(request, response):
    """The portal reads in the language the official chose (their profile), as the language
    switcher would set it: Django's language cookie, until they switch again."""
    language = request.user.preferred_language
    if (
        is_portal_language(language)
        and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
    ):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


class OfficialLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        return _switch_to_own_language(self.request, super().form_valid(form))


def _safe_next(request, fallback="portal:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def two_factor_setup(request):
    """First enrolment needs only the password; replacing an authenticator needs a verified
    session and the code of the authenticator being replaced."""
    replacing = selectors.has_confirmed_totp_device(request.user)
    if replacing and not request.user.is_verified():
        return redirect_with_next("accounts:two_factor_verify", request)
    device = services.pending_totp_device(request.user)
    form = (ReplaceAuthenticatorForm if replacing else TokenForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrol_totp_device(
                request,
                device,
                token=form.cleaned_data["token"],
                current_token=form.cleaned_data.get("current_token", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return redirect(_safe_next(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": _base32_secret(device),
            "required": request.user.requires_two_factor,
            "replacing": replacing,
            "next": _safe_next(request, fallback=""),
        },
    )


def _base32_secret(device) -> str:
    return b32encode(device.bin_key).decode()


@login_required
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_second_factor(request, form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("That code is wrong or has expired. Try the current one."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, fallback="")},
    )


@login_required
def two_factor_remove(request):
    if request.user.requires_two_factor:
        messages.error(request, _("Your role requires two-factor sign-in; it cannot be removed."))
        return redirect("accounts:profile")
    if not selectors.has_confirmed_totp_device(request.user):
        return redirect("accounts:profile")
    if not request.user.is_verified():
        return redirect_with_next("accounts:two_factor_verify", request)
    form = CurrentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_two_factor(request, current_token=form.cleaned_data["current_token"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("accounts:profile")
    return render(request, "accounts/two_factor_remove.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    context = {"form": form, "has_two_factor": selectors.has_confirmed_totp_device(request.user)}
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except EditConflictError as conflict:
            return render_conflict(
                request, "accounts/profile.html", context, form=form, conflict=conflict
            )
        messages.success(request, _("Your details are saved."))
        return _switch_to_own_language(request, redirect("accounts:profile"))
    return render(request, "accounts/profile.html", context)


@login_required
def officials(request):
    return render(
        request,
        "accounts/officials.html",
        {"officials": selectors.officials_visible_to(request.user)[:500]},
    )


@login_required
def unit_officials(request, unit_id):
    unit = get_object_or_404(selectors.units_overseen_by(request.user), pk=unit_id)
    return render(
        request,
        "accounts/officials.html",
        {"officials": selectors.officials_visible_to(request.user, unit=unit), "unit": unit},
    )
