from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.versions import VersionedForm
from apps.directory.models import AlertChannels
from apps.messaging.phones import sms_number
from trackchild.languages import portal_language_choices


def six_digit_code(label, *, autofocus=True) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "inputmode": "numeric"}
    if autofocus:
        attrs["autofocus"] = True
    return forms.CharField(
        label=label,
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("The code is six digits."))],
        widget=forms.TextInput(attrs=attrs),
    )


class TokenForm(forms.Form):
    token = six_digit_code(_("Six-digit code from your authenticator app"))


class CurrentCodeForm(forms.Form):
    """Proof that the official holds the authenticator already on the account, not only the
    password: asked before that authenticator is replaced or removed."""

    current_token = six_digit_code(_("Code your current authenticator app shows now"))


class ReplaceAuthenticatorForm(CurrentCodeForm):
    token = six_digit_code(_("Code the new authenticator app shows"), autofocus=False)


class ProfileForm(VersionedForm, forms.ModelForm):
    """What officials may change about themselves: never their roles or their unit."""

    # The portal switches to it when they sign in (apps.accounts.views), and their SMS and
    # e-mail are written in it.
    preferred_language = forms.ChoiceField(
        label=_("My language"),
        choices=lambda: [("", _("Same as the portal")), *portal_language_choices()],
        required=False,
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "designation",
            "email",
            "mobile",
            "preferred_language",
            "alert_channels",
        ]

    def clean(self):
        cleaned = super().clean()
        channels = cleaned.get("alert_channels")
        if channels in (AlertChannels.SMS, AlertChannels.SMS_AND_EMAIL) and not sms_number(
            cleaned.get("mobile", "")
        ):
            self.add_error("mobile", _("Give a 10-digit mobile number to receive alerts by SMS."))
        if channels in (AlertChannels.EMAIL, AlertChannels.SMS_AND_EMAIL) and not cleaned.get(
            "email"
        ):
            self.add_error("email", _("Give an e-mail address to receive alerts by e-mail."))
        return cleaned
