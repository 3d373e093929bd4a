from django import forms
from django.utils.translation import gettext_lazy as _

from apps.api.models import ApiClient


class ApiClientForm(forms.ModelForm):
    class Meta:
        model = ApiClient
        fields = ["name", "state", "district", "scopes", "unit", "calls_per_minute"]

    def clean(self):
        cleaned = super().clean()
        state, district = cleaned.get("state"), cleaned.get("district")
        if district and state and district.state_id != state.pk:
            self.add_error("district", _("This district is not in the chosen State/UT."))
        elif district:
            cleaned["state"] = district.state
        return cleaned
