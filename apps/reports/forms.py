"""The forms officials fill in. Validation that needs the whole record lives on the model."""

from datetime import date
from functools import partial

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from apps.core.photo_fields import MultiplePhotoField
from apps.core.versions import VersionedForm
from apps.directory.models import State
from apps.directory.widgets import StateSelect
from apps.drives.forms import DriveField
from apps.messaging.phones import NotANumberAbroadError, number_abroad, sms_number
from apps.reports import selectors
from apps.reports.choices import (
    ClosureReason,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    Language,
    Placement,
    ReportKind,
    Sex,
    Status,
)
from apps.reports.limits import MAX_PHOTOS_PER_REPORT
from apps.reports.models import ADULT_AGE, SMS_MOBILE_VALIDATOR, IdentificationMark, Report
from apps.reports.services import FIR_TAKEN

CHILD_AGE_MESSAGES = {
    "max_value": _("TrackChild is for children: the age must be under 18."),
    "min_value": _("An age cannot be negative."),
}
DATE_TIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PLACE_PARTS = ("state", "district", "locality", "pin_code")
FAMILY_FIELDS = [
    "father_name",
    "father_phone",
    "mother_name",
    "mother_phone",
    "guardian_name",
    "guardian_phone",
    *(f"{place}_{part}" for place in ("permanent", "present") for part in PLACE_PARTS),
]
PLACE_FIELDS = [
    "event_at",
    "event_state",
    "event_district",
    "event_locality",
    "event_landmark",
    "event_place_kind",
]
DESCRIPTION_FIELDS = [
    "height_cm",
    "build",
    "complexion",
    "hair",
    "eye_colour",
    "identification_marks",
]
ABOUT_FIELDS = ["languages", "mother_tongue", "school_class", "clothing", "medical_needs"]
CHILD_FIELDS = ["full_name", "other_names", "name_local", "sex", *DESCRIPTION_FIELDS, *ABOUT_FIELDS]
FAMILY_SECTIONS = [
    (
        _("Family"),
        [
            "father_name",
            "father_phone",
            "mother_name",
            "mother_phone",
            "guardian_name",
            "guardian_phone",
        ],
    ),
    (_("Permanent address"), [f"permanent_{part}" for part in PLACE_PARTS]),
    (_("Present address"), [f"present_{part}" for part in PLACE_PARTS]),
]
FAMILY_PHONE_FIELDS = ("father_phone", "mother_phone", "guardian_phone")
NOT_A_NUMBER_ABROAD = _(
    "This is not a valid number of the country its code names. Write it with the country code, "
    "for example +977 9841234567 (Nepal) or +880 1712345678 (Bangladesh)."
)
CLOSING_SECTIONS = [
    (_("Photographs and publication"), ["photos", "remove_photos", "publication_consent"]),
    (_("About this change"), ["reason"]),
]


class _DistrictsOfChosenState(BaseChoiceIterator):
    """Read only when the field is drawn, like Django's own model choices."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        yield "", self.field.empty_label
        for district in self.field.shown_districts():
            yield district.pk, district.name


def _chosen_pk(value) -> int | None:
    """The id in a form's data or initial value, or None for nothing chosen or garbage."""
    value = getattr(value, "pk", value)
    return int(value) if str(value).isdigit() else None


class DistrictField(forms.ModelChoiceField):
    """A district of the State/UT chosen in `state_field`. Only that State/UT's districts are drawn
    as options (all 784 made half of a search page); any district still validates, so the form's
    clean() checks it against the State/UT. Scripts (static/js/trackchild.js) fetch the list from
    directory:state_districts when the State/UT changes; without them, a form shows it once sent.
    """

    def __init__(self, *, state_field: str, **kwargs):
        kwargs["queryset"] = selectors.current_districts()
        super().__init__(**kwargs)
        self.state_field = state_field
        self.chosen_state_pk = self.chosen_district_pk = None
        self.widget.attrs["data-state-field"] = f"id_{state_field}"
        self.widget.attrs["data-districts-url"] = reverse_lazy(
            "directory:state_districts", kwargs={"lgd_code": 0}
        )

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        self.chosen_state_pk = _chosen_pk(form[self.state_field].value())
        self.chosen_district_pk = _chosen_pk(bound.value())
        return bound

    def shown_districts(self):
        """The chosen State/UT's districts, and the chosen district wherever it is (kept, not lost,
        when it does not match)."""
        return self.queryset.filter(
            Q(state_id=self.chosen_state_pk) | Q(pk=self.chosen_district_pk)
        ).order_by("name_en")

    @property
    def choices(self):
        return _DistrictsOfChosenState(self)

    @choices.setter
    def choices(self, value):
        pass  # the choices always come from the queryset


MARK_FIELDS = ("kind", "body_part", "side", "description")


class MarkForm(forms.ModelForm):
    class Meta:
        model = IdentificationMark
        fields = list(MARK_FIELDS)


MarkFormSet = forms.inlineformset_factory(
    Report, IdentificationMark, form=MarkForm, extra=2, max_num=10, can_delete=True
)


def marks_from_formset(formset) -> list[dict]:
    """The marks a valid formset keeps, as the services take them."""
    return [
        {field: mark.cleaned_data[field] for field in MARK_FIELDS}
        for mark in formset.forms
        if mark.cleaned_data and not mark.cleaned_data.get("DELETE")
    ]


class ReportForm(VersionedForm, forms.ModelForm):
    photos = MultiplePhotoField(
        max_photos=MAX_PHOTOS_PER_REPORT,
        label=_("Photographs"),
        help_text=_("JPEG, PNG or WebP, up to 8 MB each, at most 6 per report."),
    )

    class Meta:
        model = Report
        fields: list[str] = []
        field_classes = {
            f"{place}_district": partial(DistrictField, state_field=f"{place}_state")
            for place in ("event", "permanent", "present")
        }
        widgets = {
            **{f"{place}_state": StateSelect for place in ("event", "permanent", "present")},
            "event_at": DATE_TIME_WIDGET,
            "fir_registered_at": DATE_TIME_WIDGET,
            "date_of_birth": DATE_WIDGET,
            "identification_marks": forms.Textarea(attrs={"rows": 2}),
            "clothing": forms.Textarea(attrs={"rows": 2}),
            "medical_needs": forms.Textarea(attrs={"rows": 2}),
            "circumstances_detail": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, official, **kwargs):
        super().__init__(*args, **kwargs)
        self.official = official
        self.fields["event_state"].queryset = State.objects.order_by("name_en")
        for place in ("permanent", "present"):
            self.fields[f"{place}_state"].queryset = State.objects.order_by("name_en")
        for field in ("event_at", "fir_registered_at"):
            if field in self.fields:
                self.fields[field].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
        if self.instance.pk:
            self.fields["photos"].existing_count = self.instance.photos.count()
            self.fields["remove_photos"] = forms.ModelMultipleChoiceField(
                queryset=self.instance.photos.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=_("Remove these photos"),
            )
            self.fields["reason"] = forms.CharField(
                label=_("What changed and why"),
                max_length=100,
                help_text=_("Kept in the case history."),
            )
            # After filing, consent is a record of who gave it and when, given and withdrawn
            # with ConsentForm and WithdrawConsentForm on the report's page.
            consent = self.fields["publication_consent"]
            consent.disabled = True
            consent.help_text = _(
                "Consent is recorded and withdrawn on the report's page, with who gave it."
            )

    def extra_arguments(self) -> dict:
        return {"official": self.official}

    def sections(self):
        """(title, bound fields, shows the marks table) for each part of the form, in order."""
        for title, names in self.fieldsets:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield title, fields, "identification_marks" in names

    def clean(self):
        cleaned = super().clean()
        removed = len(cleaned.get("remove_photos") or [])
        self.fields["photos"].existing_count -= removed
        self._clean_family_phones_abroad(cleaned)
        return cleaned

    def _clean_family_phones_abroad(self, cleaned):
        """A family abroad gives a number with its country's code: checked against that
        country's numbering and kept in E.164; an Indian number keeps the field's own check."""
        for field in FAMILY_PHONE_FIELDS:
            if not cleaned.get(field):
                continue
            try:
                abroad = number_abroad(cleaned[field])
            except NotANumberAbroadError:
                self.add_error(field, NOT_A_NUMBER_ABROAD)
                continue
            if abroad:
                cleaned[field] = abroad

    def _event_date(self) -> date:
        event_at = self.cleaned_data.get("event_at") or timezone.now()
        return timezone.localtime(event_at).date()


class MissingReportForm(ReportForm):
    fieldsets = [
        (
            _("Registration"),
            [
                "registration_kind",
                "fir_number",
                "fir_registered_at",
                "investigating_officer",
                "investigating_officer_phone",
            ],
        ),
        (
            _("The child"),
            [
                "full_name",
                "other_names",
                "name_local",
                "sex",
                "date_of_birth",
                "age",
                *DESCRIPTION_FIELDS,
            ],
        ),
        (_("Languages, school, clothing and health"), ABOUT_FIELDS),
        (_("Last seen"), [*PLACE_FIELDS, "circumstances", "circumstances_detail"]),
        *FAMILY_SECTIONS,
        (_("Keeping the family informed"), ["complainant_mobile", "complainant_language"]),
        *CLOSING_SECTIONS,
    ]
    # Typed as people write numbers (+91, a leading 0, spaces); stored as the 10 digits.
    complainant_mobile = forms.CharField(
        label=_("Complainant's mobile number for SMS"),
        required=False,
        max_length=20,
        help_text=_(
            "The family is sent an SMS in the language below when the FIR is registered, when "
            "a match is confirmed and when the case is closed. Leave empty if they have no "
            "mobile phone."
        ),
    )
    age = forms.IntegerField(
        label=_("Age when missing (years)"),
        required=False,
        min_value=0,
        max_value=ADULT_AGE - 1,
        error_messages=CHILD_AGE_MESSAGES,
        help_text=_("Give the date of birth, or the age if the date is not known."),
    )

    class Meta(ReportForm.Meta):
        fields = [
            "registration_kind",
            "fir_number",
            "fir_registered_at",
            "investigating_officer",
            "investigating_officer_phone",
            *CHILD_FIELDS,
            "date_of_birth",
            *FAMILY_FIELDS,
            "complainant_mobile",
            "complainant_language",
            *PLACE_FIELDS,
            "circumstances",
            "circumstances_detail",
            "publication_consent",
        ]
        labels = {"event_at": _("Last seen on"), "clothing": _("Clothing when last seen")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = ("registration_kind", "fir_number", "fir_registered_at", "full_name")
        for field in (*required, "circumstances"):
            self.fields[field].required = True
        if self.instance.pk and not self.is_bound and self.instance.date_of_birth is None:
            self.initial["age"] = self.instance.age_min

    def clean_complainant_mobile(self):
        """A number an SMS reaches, kept as its 10 digits; a landline is refused."""
        typed = self.cleaned_data["complainant_mobile"].strip()
        if not typed:
            return ""
        mobile = sms_number(typed)
        if mobile is None:
            raise forms.ValidationError(SMS_MOBILE_VALIDATOR.message)
        return mobile

    def clean(self):
        cleaned = super().clean()
        self._set_age(cleaned)
        self._check_fir_is_new(cleaned)
        self._check_family_sms(cleaned)
        return cleaned

    def _check_family_sms(self, cleaned):
        mobile, language = cleaned.get("complainant_mobile"), cleaned.get("complainant_language")
        if mobile and not language:
            self.add_error("complainant_language", _("Choose the language of the family's SMS."))
        if language and not mobile and "complainant_mobile" not in self.errors:
            self.add_error("complainant_mobile", _("Give the mobile number the SMS go to."))

    def _set_age(self, cleaned):
        born, age = cleaned.get("date_of_birth"), cleaned.get("age")
        if born:
            age = _years_between(born, self._event_date())
            if age >= ADULT_AGE:
                self.add_error(
                    "date_of_birth",
                    _(
                        "By this date of birth the child was %(age)d when missing: TrackChild "
                        "is for children under 18."
                    )
                    % {"age": age},
                )
                return
        if age is None:
            if "age" not in self.errors:
                self.add_error("age", _("Give the date of birth or the age."))
            return
        self.instance.age_min = self.instance.age_max = max(age, 0)

    def _check_fir_is_new(self, cleaned):
        registered_at, number = cleaned.get("fir_registered_at"), cleaned.get("fir_number")
        if not (registered_at and number):
            return
        unit = self.instance.owning_unit if self.instance.pk else self.official.unit
        taken = Report.objects.filter(
            kind=ReportKind.MISSING,
            owning_unit=unit,
            registration_kind=cleaned.get("registration_kind"),
            fir_year=timezone.localtime(registered_at).year,
            fir_number__iexact=number.strip(),
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("fir_number", FIR_TAKEN)


class FoundReportForm(ReportForm):
    fieldsets = [
        (_("Where and when the child was found"), [*PLACE_FIELDS, "found_by", "drive"]),
        (
            _("The child's own account"),
            [
                "full_name",
                "told_parent_names",
                "told_home_place",
                "told_language",
                "nationality",
            ],
        ),
        (
            _("The child"),
            ["other_names", "name_local", "sex", "age_min", "age_max", *DESCRIPTION_FIELDS],
        ),
        (_("Languages, school, clothing and health"), ABOUT_FIELDS),
        (
            _("Where the child is now"),
            ["placement", "placed_at", "cwc_order_reference", "handed_over_to"],
        ),
        *FAMILY_SECTIONS,
        *CLOSING_SECTIONS,
    ]

    class Meta(ReportForm.Meta):
        fields = [
            *PLACE_FIELDS,
            "found_by",
            "drive",
            *CHILD_FIELDS,
            "age_min",
            "age_max",
            "told_parent_names",
            "told_home_place",
            "told_language",
            "nationality",
            *FAMILY_FIELDS,
            "placement",
            "placed_at",
            "cwc_order_reference",
            "handed_over_to",
            "publication_consent",
        ]
        labels = {
            "event_at": _("Found on"),
            "full_name": _("Name as told by the child"),
            "age_min": _("Apparent age from"),
            "age_max": _("Apparent age to"),
            "clothing": _("Clothing when found"),
        }
        help_texts = {
            "age_max": _("Leave empty when the age is known exactly."),
            "full_name": _("Leave empty if the child cannot say."),
            "told_home_place": _(
                "As the child says it, with the district or State/UT if the child names one "
                "(for example: Gaya, Bihar): missing children who lived there are compared "
                "with this child."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["found_by"].required = True
        self.fields["placement"].required = True
        self.fields["age_max"].required = False
        self.fields["placed_at"].queryset = selectors.institutions_for(self.official)
        if self.official.unit is None or self.instance.kind != ReportKind.FOUND:
            # A machine client's account (apps.api) names its drive by code, checked on filing;
            # a sighting is no child found, so no drive counts it.
            del self.fields["drive"]
        else:
            self.fields["drive"] = DriveField(unit=self.official.unit, keep=self.instance.drive_id)
        for field in ("age_min", "age_max"):
            self.fields[field].max_value = ADULT_AGE - 1
            self.fields[field].error_messages.update(CHILD_AGE_MESSAGES)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("age_max") is None and cleaned.get("age_min") is not None:
            cleaned["age_max"] = self.instance.age_max = cleaned["age_min"]
        placement = cleaned.get("placement")
        if placement == Placement.CCI and not cleaned.get("placed_at"):
            self.add_error("placed_at", _("Choose the Child Care Institution."))
        if placement == Placement.FAMILY and not cleaned.get("handed_over_to"):
            self.add_error("handed_over_to", _("Say to whom the child was handed over."))
        return cleaned


def _years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# A citizen's sighting is kept and corrected by the police in the found report's shape.
FORM_FOR_KIND = {
    ReportKind.MISSING: MissingReportForm,
    ReportKind.FOUND: FoundReportForm,
    ReportKind.SIGHTING: FoundReportForm,
}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    closure_reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", "---------"), *ClosureReason.choices],
        required=False,
    )
    duplicate_of = forms.CharField(
        label=_("Duplicate of"),
        max_length=20,
        required=False,
        help_text=_(
            "For a duplicate report: the case number of the report the case goes on under, "
            "for example M-0001042."
        ),
    )
    note = forms.CharField(label=_("Why"), max_length=100, help_text=_("Kept in the case history."))
    # The report's version when the page was loaded: a status chosen on a page that someone
    # else's change (a status, an outcome moved along from the matched report) has made stale
    # is refused rather than saved over it.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        closing = cleaned.get("status") == Status.CLOSED
        if closing and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", _("Say why the case is being closed."))
        if closing and cleaned.get("closure_reason") == ClosureReason.DUPLICATE:
            if not cleaned.get("duplicate_of"):
                self.add_error("duplicate_of", _("Say which report this one duplicates."))
            elif not selectors.CASE_NUMBER.match(cleaned["duplicate_of"]):
                self.add_error("duplicate_of", _("Write a case number such as M-0001042."))
        return cleaned

    @property
    def closes_as_duplicate(self) -> bool:
        return (
            self.cleaned_data["status"] == Status.CLOSED
            and self.cleaned_data["closure_reason"] == ClosureReason.DUPLICATE
        )


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


ANY = _("Any")


def _any_of(choices, label=ANY) -> list:
    return [("", label), *choices]


class ReportSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        help_text=_("Any spelling, in Latin, Devanagari or Bengali script."),
    )
    kind = forms.ChoiceField(
        label=_("Reports"),
        choices=_any_of(ReportKind.choices, _("Missing and found")),
        required=False,
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=_any_of(Sex.choices), required=False)
    age_from = forms.IntegerField(label=_("Age from"), required=False, min_value=0, max_value=17)
    age_to = forms.IntegerField(label=_("Age to"), required=False, min_value=0, max_value=17)
    date_from = forms.DateField(
        label=_("Missing or found from"), required=False, widget=DATE_WIDGET
    )
    date_to = forms.DateField(label=_("until"), required=False, widget=DATE_WIDGET)
    state = forms.ModelChoiceField(
        label=_("State/UT"),
        queryset=State.objects.order_by("name_en"),
        required=False,
        widget=StateSelect,
    )
    district = DistrictField(label=_("District"), required=False, state_field="state")
    unit_name = forms.CharField(label=_("Owning unit"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=_any_of(Status.choices), required=False)
    marks = forms.CharField(
        label=_("Identification marks"),
        required=False,
        max_length=100,
        help_text=_("Words such as: mole cheek, scar left hand."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=_any_of(Language.choices), required=False
    )
    has_photo = forms.BooleanField(label=_("Only with a photo"), required=False)

    def clean(self):
        cleaned = super().clean()
        state, district = cleaned.get("state"), cleaned.get("district")
        if state and district and district.state_id != state.pk:
            self.add_error("district", _("This district is not in the chosen State/UT."))
        for low, high in (("age_from", "age_to"), ("date_from", "date_to")):
            first, last = cleaned.get(low), cleaned.get(high)
            if first is not None and last is not None and first > last:
                self.add_error(high, _("This must not be before the first value."))
        return cleaned

    def criteria(self) -> selectors.SearchCriteria:
        values = {key: value for key, value in self.cleaned_data.items() if value is not None}
        return selectors.SearchCriteria(**values)


class NationalFeedForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[
            (selectors.FeedScope.INDIA, _("All India")),
            (selectors.FeedScope.MY_STATE, _("My State/UT")),
            (selectors.FeedScope.NEIGHBOURS, _("Neighbouring States/UTs")),
        ],
    )
    trafficking = forms.BooleanField(label=_("Suspected trafficking"), required=False)
    travel = forms.BooleanField(
        label=_("Last seen at a railway station or bus stand"), required=False
    )

    def filters(self) -> selectors.FeedFilters:
        if not self.is_valid():
            return selectors.FeedFilters()
        return selectors.FeedFilters(**self.cleaned_data)


class ConsentForm(forms.Form):
    """A consent for one purpose: who gave it, how and when."""

    purpose = forms.ChoiceField(label=_("For"), choices=ConsentPurpose.choices)
    given_by_kind = forms.ChoiceField(
        label=_("Given by"),
        choices=[c for c in ConsentGiver.choices if c[0] != ConsentGiver.NOT_STATED],
    )
    given_by_name = forms.CharField(label=_("Their name"), max_length=200, required=False)
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    given_at = forms.DateTimeField(
        label=_("Given on"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_given_at(self):
        given_at = self.cleaned_data["given_at"]
        if given_at > timezone.now():
            raise forms.ValidationError(_("This date is in the future."))
        return given_at


class WithdrawConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Who withdrew it, and how"), max_length=500, widget=forms.TextInput
    )
