from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.directory.models import AlertChannels
from apps.messaging.phones import sms_number


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("The code is six digits."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ProfileForm(forms.ModelForm):
    """What officials may change about themselves: never their roles or their unit."""

    preferred_language = forms.ChoiceField(
        label=_("Language for SMS and e-mail"),
        choices=[("", _("Same as the portal")), *settings.LANGUAGES],
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
