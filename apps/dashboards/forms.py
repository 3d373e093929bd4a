from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import MONTH_FORMAT, month_field, this_month
from apps.core.months import months_before
from apps.dashboards.choices import AgeBand
from apps.dashboards.selectors import Filters
from apps.reports.choices import Sex

# A dashboard opened without filters shows the last two years, month by month.
DEFAULT_MONTHS = 24


class DashboardFilterForm(forms.Form):
    since = month_field(_("From (month filed)"))
    until = month_field(_("To (month filed)"))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("Any")), *Sex.choices])
    age_band = forms.TypedChoiceField(
        label=_("Age band"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *AgeBand.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            selects = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if selects else "form-control"

    @classmethod
    def from_query(cls, query) -> "DashboardFilterForm":
        """The filters in the page's address; the last two years when there are none."""
        if not any(name in query for name in cls.base_fields):
            latest = this_month()
            query = {
                "since": months_before(latest, DEFAULT_MONTHS - 1).strftime(MONTH_FORMAT),
                "until": latest.strftime(MONTH_FORMAT),
            }
        return cls(query)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last month cannot come before the first."))
        return cleaned

    def filters(self) -> Filters:
        """The chosen filters; the last two years, unfiltered, when they are not valid."""
        latest = this_month()
        if not self.is_valid():
            return Filters(since=months_before(latest, DEFAULT_MONTHS - 1), until=latest)
        data = self.cleaned_data
        return Filters(
            since=data.get("since"),
            until=data.get("until") or latest,
            sex=data.get("sex") or "",
            age_band=data.get("age_band"),
        )
