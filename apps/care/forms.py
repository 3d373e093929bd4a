"""The forms of a child's record in care."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.care import selectors
from apps.care.choices import AdmissionRoute, CareOption, LeavingReason
from apps.care.documents import (
    MAX_DOCUMENT_BYTES,
    CleanDocument,
    UnusableDocumentError,
    clean_document,
)
from apps.care.models import (
    CareDocument,
    CareOrder,
    CarePlan,
    ChildInCare,
    FollowUpVisit,
    HomeInvestigation,
    ProgressReport,
    Transfer,
)
from apps.core.versions import VersionedForm
from apps.directory.models import State
from apps.drives.forms import DriveField
from apps.reports.forms import DATE_TIME_WIDGET, DATE_WIDGET

IN_FUTURE = _("This date is in the future.")
DATE_TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
DOCUMENT_PROBLEMS = {
    "too_large": _("The file is too large: a document may be at most 10 MB."),
    "too_many_pixels": _(
        "The picture has too many pixels for a scanned page. Scan it at a lower resolution."
    ),
    "not_a_document": _("Choose a PDF file or a JPEG, PNG or WebP picture of the document."),
    "damaged": _("The file is damaged and cannot be opened. Try another copy."),
    "active_content": _(
        "This PDF contains scripts, actions, attached files or fillable forms, which the portal "
        "does not accept. Print it to a new PDF or scan the paper instead."
    ),
}


def checked_document(upload) -> CleanDocument:
    """An uploaded scan, checked and cleaned (apps.care.documents), or the form's error."""
    try:
        if upload.size > MAX_DOCUMENT_BYTES:
            raise UnusableDocumentError("too_large")
        return clean_document(upload.read())
    except UnusableDocumentError as error:
        raise forms.ValidationError(DOCUMENT_PROBLEMS[error.reason], code=error.reason) from error


def _refuse_future(form, *fields):
    for field in fields:
        value = form.cleaned_data.get(field)
        latest = timezone.now() if isinstance(value, datetime) else timezone.localdate()
        if value is not None and value > latest:
            form.add_error(field, IN_FUTURE)


class AdmissionForm(forms.ModelForm):
    class Meta:
        model = ChildInCare
        fields = [
            "arrived_at",
            "category",
            "route",
            "nationality",
            "deciding_body",
            "produced_at",
            "order_number",
            "order_date",
            "progress_interval_days",
            "drive",
        ]
        widgets = {
            "arrived_at": DATE_TIME_WIDGET,
            "produced_at": DATE_TIME_WIDGET,
            "order_date": DATE_WIDGET,
        }

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deciding_body"].queryset = selectors.deciding_bodies_near(institution)
        self.fields["drive"] = DriveField(
            unit=institution,
            keep=self.instance.drive_id,
            help_text=_(
                "If the child came during a special drive: the drives running in your State/UT "
                "today."
            ),
        )
        for field in ("arrived_at", "produced_at"):
            self.fields[field].input_formats = DATE_TIME_FORMATS

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "arrived_at", "produced_at", "order_date")
        if cleaned.get("route") == AdmissionRoute.PRODUCED:
            for field in ("deciding_body", "produced_at", "order_number"):
                if not cleaned.get(field):
                    self.add_error(
                        field, _("Required when the child was produced before a CWC / JJB.")
                    )
        return cleaned


class OrderForm(forms.ModelForm):
    class Meta:
        model = CareOrder
        fields = ["kind", "number", "order_date", "details"]
        widgets = {"order_date": DATE_WIDGET, "details": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "order_date")
        return cleaned


CARE_OPTION_LABELS = (_("First choice"), _("Second choice"), _("Third choice"))


class CarePlanForm(VersionedForm, forms.ModelForm):
    """Care options are chosen in order, as the plan ranks them; the rest is the plan itself."""

    class Meta:
        model = CarePlan
        fields = [
            "health_nutrition",
            "education_training",
            "emotional_support",
            "recreation",
            "protection",
            "family_contact",
            "goals",
            "next_review_on",
            "follow_up_after_restoration",
        ]
        widgets = {"next_review_on": DATE_WIDGET} | {
            field: forms.Textarea(attrs={"rows": 2})
            for field in fields
            if field != "next_review_on"
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "---------"), *CareOption.choices]
        ranked = {}
        for position, label in enumerate(CARE_OPTION_LABELS):
            ranked[f"option_{position}"] = forms.ChoiceField(
                label=label, choices=options, required=position == 0
            )
        self.fields = ranked | dict(self.fields)
        for position, option in enumerate(self.instance.care_options or []):
            if position < len(CARE_OPTION_LABELS):
                self.initial[f"option_{position}"] = option

    def loaded_version(self) -> int:
        """The plan version this revision starts from; 0 for the first plan."""
        return self.instance.version or 0

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"option_{n}") for n in range(len(CARE_OPTION_LABELS))]
        chosen = [option for option in chosen if option]
        if len(set(chosen)) != len(chosen):
            self.add_error("option_1", _("Each care option may be chosen once."))
        self.instance.care_options = chosen
        review = cleaned.get("next_review_on")
        if review and review <= timezone.localdate():
            self.add_error("next_review_on", _("The next review must be after today."))
        return cleaned


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = [
            "period_start",
            "period_end",
            "health",
            "education",
            "behaviour",
            "skills",
            "family_contact",
            "counselling",
            "notes",
        ]
        widgets = {"period_start": DATE_WIDGET, "period_end": DATE_WIDGET} | {
            field: forms.Textarea(attrs={"rows": 2}) for field in fields[2:]
        }

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "period_end")
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period must end after it starts."))
        return cleaned


class HomeInvestigationForm(forms.ModelForm):
    class Meta:
        model = HomeInvestigation
        fields = ["visited_on", "family_address", "family_members", "findings", "recommendation"]
        widgets = {"visited_on": DATE_WIDGET} | {
            field: forms.Textarea(attrs={"rows": 3})
            for field in ("family_address", "family_members", "findings")
        }

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "visited_on")
        return cleaned


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpVisit
        fields = ["visited_on", "wellbeing", "notes"]
        widgets = {"visited_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "visited_on")
        return cleaned


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, or a JPEG, PNG or WebP picture; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    class Meta:
        model = CareDocument
        fields = ["kind", "title", "upload"]

    def clean_upload(self):
        return checked_document(self.cleaned_data["upload"])


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["to_institution", "order_number", "order_date", "reason"]
        widgets = {"order_date": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_institution"].queryset = institutions
        self.fields["to_institution"].label_from_instance = lambda unit: (
            f"{unit.name} ({unit.district}, {unit.state})"
        )

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "order_date")
        return cleaned


class StateChoiceForm(forms.Form):
    """Narrows the receiving institutions to one State/UT: there are thousands nationally."""

    state = forms.ModelChoiceField(
        queryset=State.objects.order_by("name_en"),
        label=_("State/UT of the receiving institution"),
        to_field_name="lgd_code",
    )


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RestorationForm(forms.Form):
    restored_on = forms.DateField(label=_("Restored on"), widget=DATE_WIDGET)
    order_number = forms.CharField(label=_("Restoration order number"), max_length=100)
    order_date = forms.DateField(label=_("Order date"), widget=DATE_WIDGET)
    restored_to = forms.CharField(
        label=_("Restored to (name and relation)"),
        max_length=200,
        help_text=_("For example: Suresh Kumar, father."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "restored_on", "order_date")
        return cleaned


class LeaveCareForm(forms.Form):
    left_on = forms.DateField(label=_("Left care on"), widget=DATE_WIDGET)
    reason = forms.ChoiceField(label=_("Reason"), choices=LeavingReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aftercare = forms.BooleanField(label=_("The young person goes into aftercare"), required=False)
    aftercare_details = forms.CharField(
        label=_("Aftercare arrangements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where they will live, study or work, and who supports them."),
    )

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "left_on")
        return cleaned


class RunawayForm(forms.Form):
    ran_away_at = forms.DateTimeField(
        label=_("Last seen at the institution"),
        widget=DATE_TIME_WIDGET,
        input_formats=DATE_TIME_FORMATS,
    )
    police_station = forms.ModelChoiceField(
        queryset=None,
        label=_("Police station to report to"),
        help_text=_("The missing report is filed for this station, which registers the FIR."),
    )
    details = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When the child was last seen, what they wore, where they may go."),
    )

    def __init__(self, *args, police_stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_station"].queryset = police_stations

    def clean(self):
        cleaned = super().clean()
        _refuse_future(self, "ran_away_at")
        return cleaned
