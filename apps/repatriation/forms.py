from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.care.forms import checked_document
from apps.repatriation.choices import Step
from apps.repatriation.models import RepatriationStep
from apps.reports.forms import DATE_WIDGET


class StepForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_(
            "The embassy's or the Ministry's letter, the CWC's order, the handover record: "
            "PDF, or a JPEG, PNG or WebP picture; at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    document_title = forms.CharField(
        label=_("Title of the document"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to name it after the step."),
    )

    class Meta:
        model = RepatriationStep
        fields = ["step", "done_on", "reference", "note"]
        widgets = {"done_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 2})}

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return done_on

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return checked_document(upload) if upload else None

    def clean_step(self):
        return Step(self.cleaned_data["step"])
