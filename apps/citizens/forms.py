"""Khoya-Paya's forms: short, in the citizen's language, and forgiving of how numbers are typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.citizens.human_check import HumanCheckField
from apps.citizens.models import (
    MOBILE_VALIDATOR,
    CitizenReport,
    CitizenReportKind,
    DataRightsKind,
    DataRightsOutcome,
    Moderation,
)
from apps.core.photo_fields import cleaned_upload
from apps.directory.models import District, State
from apps.directory.selectors import default_station, police_stations_in
from apps.directory.widgets import StateSelect
from apps.messaging.phones import normalised_mobile
from apps.reports.choices import Sex
from apps.reports.forms import DATE_TIME_WIDGET, DistrictField

DATE_TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"]


class MobileField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your mobile number"))
        kwargs.setdefault("help_text", _("We send a code by SMS to confirm it."))
        super().__init__(max_length=20, **kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def to_python(self, value):
        return normalised_mobile(super().to_python(value))


def captcha_field() -> HumanCheckField:
    return HumanCheckField(help_text=_("This keeps automated messages out."))


class PlaceForm(forms.Form):
    """Step one: where it happened, so the right police station can be offered."""

    state = forms.ModelChoiceField(
        State.objects.order_by("name_en"), label=_("State/UT"), widget=StateSelect
    )
    district = DistrictField(state_field="state", label=_("District"))

    def clean(self):
        cleaned = super().clean()
        state, district = cleaned.get("state"), cleaned.get("district")
        if state and district and district.state_id != state.pk:
            self.add_error("district", _("This district is not in the chosen State/UT."))
        return cleaned


class CitizenReportForm(forms.ModelForm):
    """What every citizen's report asks; each kind below names its own fields and labels."""

    kind: CitizenReportKind
    photo_upload = forms.FileField(
        label=_("Photo of the child"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 8 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    reporter_mobile = MobileField()
    captcha = captcha_field()

    class Meta:
        model = CitizenReport
        fields: list[str] = []
        widgets = {
            "event_at": DATE_TIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
        }

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["sex"].choices = [("", "---------"), *Sex.choices]
        self.fields["event_at"].input_formats = DATE_TIME_FORMATS
        if "police_station" in self.fields:
            self.fields["police_station"].queryset = police_stations_in(district)

    def clean_event_at(self):
        moment = self.cleaned_data["event_at"]
        if moment > timezone.now():
            raise forms.ValidationError(_("This date is in the future."))
        return moment

    def clean_reporter_mobile(self):
        mobile = self.cleaned_data["reporter_mobile"]
        MOBILE_VALIDATOR(mobile)
        return mobile

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        return cleaned_upload(upload) if upload else None

    def save(self, commit=False):
        report = super().save(commit=False)
        report.kind = self.kind
        report.event_district = self.district
        report.event_state_id = self.district.state_id
        if report.police_station_id is None and self.kind != CitizenReportKind.INQUIRY:
            report.police_station = default_station(self.district)
        return report


REPORTER_FIELDS = ["photo_upload", "reporter_name", "reporter_mobile", "captcha"]


class MissingComplaintForm(CitizenReportForm):
    kind = CitizenReportKind.MISSING

    class Meta(CitizenReportForm.Meta):
        fields = [
            "child_name",
            "sex",
            "age",
            "description",
            "identification_marks",
            "father_name",
            "mother_name",
            "event_at",
            "event_locality",
            "police_station",
            "reporter_name",
            "reporter_mobile",
        ]
        labels = {
            "event_at": _("Last seen on"),
            "event_locality": _("Where the child was last seen"),
        }

    field_order = [*Meta.fields[:-2], *REPORTER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_name"].required = True
        self.fields["police_station"].required = True


class SightingForm(CitizenReportForm):
    kind = CitizenReportKind.SIGHTING

    class Meta(CitizenReportForm.Meta):
        fields = [
            "event_at",
            "event_locality",
            "latitude",
            "longitude",
            "sex",
            "age",
            "description",
            "identification_marks",
            "child_name",
            "police_station",
            "reporter_name",
            "reporter_mobile",
        ]
        labels = {
            "event_at": _("When you saw the child"),
            "event_locality": _("Where: locality, station, platform or landmark"),
            "age": _("Age the child looks (years)"),
            "child_name": _("Name, if the child told you"),
            "description": _("What the child looks like and wears, and what you saw"),
        }

    field_order = [*Meta.fields[:-2], *REPORTER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_station"].required = False
        self.fields["police_station"].empty_label = _("I don't know")
        self.fields["photo_upload"].widget.attrs["capture"] = "environment"


class InquiryForm(CitizenReportForm):
    kind = CitizenReportKind.INQUIRY

    class Meta(CitizenReportForm.Meta):
        fields = [
            "child_name",
            "sex",
            "age",
            "description",
            "identification_marks",
            "father_name",
            "mother_name",
            "event_at",
            "event_locality",
            "reporter_name",
            "reporter_mobile",
        ]
        labels = {
            "event_at": _("Missing since"),
            "event_locality": _("Where the child went missing"),
            "age": _("Age when missing (years)"),
        }

    field_order = [*Meta.fields[:-2], *REPORTER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_name"].required = True


FORM_FOR_KIND = {form.kind: form for form in (MissingComplaintForm, SightingForm, InquiryForm)}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class CaptchaAfterFailures(forms.Form):
    """A look-up by reference and mobile: after failed attempts from a connection
    (limits.lookup_needs_captcha), a person must be typing."""

    def __init__(self, *args, captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha:
            self.ask_captcha()

    def ask_captcha(self) -> None:
        self.fields.setdefault("captcha", captcha_field())


class TrackForm(CaptchaAfterFailures):
    reference = forms.CharField(label=_("Reference number"), max_length=12)
    mobile = MobileField(label=_("Mobile number you gave"), help_text="")

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper().replace(" ", "")


class PublicSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Child's name"),
        max_length=100,
        help_text=_("A name is needed: children cannot be browsed by place."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("Any")), *Sex.choices], required=False)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=17, required=False)
    state = forms.ModelChoiceField(
        State.objects.order_by("name_en"), label=_("State/UT"), required=False, empty_label=_("Any")
    )
    since = forms.DateField(
        label=_("Missing since (on or after)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Why no report is registered"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ModerationForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Moderation.choices)


class RightsRequestForm(CaptchaAfterFailures):
    """A family asks to see, correct or erase what a report holds about them."""

    case = forms.CharField(
        label=_("Case number or Khoya-Paya reference"),
        max_length=20,
        help_text=_("For example M-0012345, or KP followed by 8 letters and digits."),
    )
    mobile = MobileField(
        label=_("Your mobile number, as given to the police or on Khoya-Paya"),
    )
    kind = forms.ChoiceField(
        label=_("What do you ask?"), choices=DataRightsKind.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("What is wrong, and what it should say"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        MOBILE_VALIDATOR(mobile)
        return mobile

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == DataRightsKind.CORRECT and not cleaned.get("details", "").strip():
            self.add_error("details", _("Say what is wrong and what it should say."))
        return cleaned


class RightsAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Answer"), choices=DataRightsOutcome.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
