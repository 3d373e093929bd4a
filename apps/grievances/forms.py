"""A grievance: what it is about and what is wrong; a citizen adds a name, the mobile number the
code goes to and Khoya-Paya's CAPTCHA."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.citizens.forms import MobileField, captcha_field
from apps.citizens.models import MOBILE_VALIDATOR
from apps.directory.models import State
from apps.grievances import selectors
from apps.grievances.models import Subject
from apps.grievances.services import About


class GrievanceForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("What is it about?"), choices=Subject.choices, widget=forms.RadioSelect
    )
    case = forms.CharField(
        label=_("Case number"),
        max_length=20,
        required=False,
        help_text=_("For a case: the number the police gave, for example M-0012345."),
    )
    state = forms.ModelChoiceField(
        State.objects.order_by("name_en"),
        label=_("State/UT of the unit"),
        required=False,
        help_text=_("For a unit: the grievance goes to the State/UT's nodal officer."),
    )
    unit_name = forms.CharField(
        label=_("Which police station, office or institution"),
        max_length=200,
        required=False,
    )
    text = forms.CharField(
        label=_("Your grievance or feedback"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        subject = cleaned.get("subject")
        if subject == Subject.CASE:
            cleaned["report"] = selectors.case_named(cleaned.get("case", ""))
            if cleaned["report"] is None:
                self.add_error(
                    "case", _("No case has this number. Check it, for example M-0012345.")
                )
        elif subject == Subject.UNIT:
            if cleaned.get("state") is None:
                self.add_error("state", _("Choose the State/UT of the unit."))
            if not cleaned.get("unit_name", "").strip():
                self.add_error("unit_name", _("Name the police station, office or institution."))
        return cleaned

    def about(self) -> About:
        data = self.cleaned_data
        subject = data["subject"]
        return About(
            subject=subject,
            report=data.get("report") if subject == Subject.CASE else None,
            state=data["state"] if subject == Subject.UNIT else None,
            unit_name=data["unit_name"] if subject == Subject.UNIT else "",
        )


class CitizenGrievanceForm(GrievanceForm):
    name = forms.CharField(label=_("Your name"), max_length=120)
    mobile = MobileField()
    captcha = captcha_field()

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        MOBILE_VALIDATOR(mobile)
        return mobile


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Whoever lodged the grievance reads it; a citizen is told by SMS."),
    )
