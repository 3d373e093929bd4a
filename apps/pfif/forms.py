from django import forms
from django.utils.translation import gettext_lazy as _

from apps.audit.exports import ExportReasonForm
from apps.core.countries import foreign_country_choices
from apps.pfif.format import MAX_DOCUMENT_BYTES
from apps.pfif.models import ReviewStatus
from apps.pfif.services import PFIF_ERRORS
from apps.reports.choices import ReportKind
from apps.reports.forms import DATE_WIDGET


def _countries():
    return [("", _("Any nationality")), *foreign_country_choices()]


class ExportForm(ExportReasonForm):
    field_order = ["kind", "country", "since", "reason"]

    kind = forms.ChoiceField(
        label=_("Reports"),
        choices=[("", _("Missing and found")), *ReportKind.choices[:2]],
        required=False,
    )
    country = forms.ChoiceField(
        label=_("Children of another country"),
        choices=_countries,
        required=False,
        help_text=_(
            "For a partner country's portal: only the children of that country, flagged for "
            "repatriation."
        ),
    )
    since = forms.DateField(
        label=_("Changed since"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Leave empty for every report; give the date of your last export for the changes since."
        ),
    )


class ImportForm(forms.Form):
    source_name = forms.CharField(
        label=_("Partner"),
        max_length=200,
        help_text=_("Who sent the file, for example: Nepal Police, Missing Persons portal."),
    )
    file = forms.FileField(label=_("PFIF file (XML)"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(PFIF_ERRORS["too_large"], code="too_large")
        return file


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), choices=ReviewStatus.choices, required=False)


class DuplicateForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number of the existing report"), max_length=20, help_text="M-0000123"
    )

    def clean_case_number(self):
        digits = self.cleaned_data["case_number"].strip().upper()
        digits = digits.split("-", 1)[-1].lstrip("0")
        if not digits.isdigit():
            raise forms.ValidationError(_("Type a case number such as M-0000123 or F-0000123."))
        return int(digits)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300)
