from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.drives import selectors
from apps.drives.models import Drive
from apps.drives.tags import refusal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeclareDriveForm(forms.ModelForm):
    class Meta:
        model = Drive
        fields = ["name", "code", "starts_on", "ends_on", "all_india", "states"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "states": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, official, **kwargs):
        super().__init__(*args, **kwargs)
        states = self.fields["states"]
        states.queryset = selectors.states_declarable_by(official)
        states.help_text = _("The States/UTs where the drive runs.")
        if selectors.can_declare_for_all_india(official):
            self.fields["all_india"].help_text = _("Leave the States/UTs empty for all India.")
        else:
            del self.fields["all_india"]
            states.initial = list(states.queryset)

    def clean_code(self):
        return self.cleaned_data["code"].lower()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A drive cannot end before it starts."))
        if cleaned.get("all_india") and cleaned.get("states"):
            self.add_error("states", _("A drive of all India names no States/UTs."))
        elif not cleaned.get("all_india") and not cleaned.get("states"):
            self.add_error("states", _("Choose the States/UTs the drive covers."))
        return cleaned


class DriveField(forms.ModelChoiceField):
    """A special drive by its code, for the forms of found reports and admissions: offers the
    drives running where the unit is, and refuses any other saying why."""

    def __init__(self, *, unit, keep: int | None = None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Special drive"))
        kwargs.setdefault(
            "help_text",
            _(
                "If the child was found during a special drive: the drives running in your "
                "State/UT today."
            ),
        )
        super().__init__(
            queryset=selectors.drives_running_for(unit, keep=keep), to_field_name="code", **kwargs
        )
        self.unit = unit

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            drive = selectors.drive_by_code(str(value))
            if drive is None:
                raise ValidationError(
                    _("No special drive has the code %(code)s."),
                    code="invalid_choice",
                    params={"code": value},
                ) from None
            message = refusal(drive, unit=self.unit)
            if message:
                raise ValidationError(message, code="drive_not_running") from None
            return drive  # typed with capitals or spaces
