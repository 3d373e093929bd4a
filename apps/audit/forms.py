from django import forms
from django.utils.translation import gettext_lazy as _

from apps.audit.models import AccessAction
from apps.core.forms import month_field, this_month
from apps.directory.models import State


class AccessLogFilterForm(forms.Form):
    username = forms.CharField(label=_("Official's username"), required=False, max_length=150)
    record = forms.CharField(label=_("Record"), required=False, max_length=200)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any")), *AccessAction.choices]
    )
    since = forms.DateField(
        label=_("From (day)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a day as year-month-day, for example 2026-04-30.")},
    )
    until = forms.DateField(
        label=_("To (day)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a day as year-month-day, for example 2026-04-30.")},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day cannot come before the first."))
        return cleaned


class AccessReviewForm(forms.Form):
    """The month to review and, for national officials, the State/UT."""

    month = month_field(_("Month"))
    state = forms.ModelChoiceField(
        label=_("State/UT"),
        queryset=State.objects.all(),
        required=False,
        empty_label=_("All States/UTs"),
        to_field_name="lgd_code",
    )

    def __init__(self, *args, every_state: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not every_state:
            del self.fields["state"]
        for field in self.fields.values():
            selects = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if selects else "form-control"

    def chosen(self) -> dict | None:
        """The month (its first day; the current one unless chosen) and State/UT to review;
        None when the choice is not valid."""
        if not self.is_valid():
            return None
        return {
            "month": self.cleaned_data["month"] or this_month(),
            "state": self.cleaned_data.get("state"),
        }
