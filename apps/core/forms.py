"""Form pieces more than one app's filters use."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONTH_FORMAT = "%Y-%m"


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self):
        super().__init__(format=MONTH_FORMAT, attrs={"placeholder": "2026-04"})


def month_field(label) -> forms.DateField:
    """An optional month, typed as 2026-04 (a month picker where browsers have one); its value
    is the month's first day."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[MONTH_FORMAT],
        widget=MonthInput(),
        error_messages={"invalid": _("Enter a month as year and month, for example 2026-04.")},
    )


def this_month() -> date:
    return timezone.localdate().replace(day=1)
