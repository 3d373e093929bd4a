from django import forms
from django.utils.translation import gettext_lazy as _

from apps.directory.models import District, State, UnitType


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, address or PIN code"), required=False, max_length=100)
    state = forms.ModelChoiceField(
        label=_("State/UT"),
        queryset=State.objects.all(),
        required=False,
        to_field_name="lgd_code",
        empty_label=_("All States/UTs"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        to_field_name="lgd_code",
        empty_label=_("All districts"),
    )
    unit_type = forms.ChoiceField(
        label=_("Type of unit"),
        required=False,
        choices=[("", _("All types")), *UnitType.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_code = self.data.get("state")
        if state_code and str(state_code).isdigit():
            self.fields["district"].queryset = District.objects.filter(state__lgd_code=state_code)

    def clean(self):
        cleaned = super().clean()
        district, state = cleaned.get("district"), cleaned.get("state")
        if district and state and district.state_id != state.pk:
            self.add_error("district", _("That district is not in the chosen State/UT."))
        return cleaned
