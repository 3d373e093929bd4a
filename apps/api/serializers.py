"""The JSON a machine client sends and receives. Report fields keep the names of the portal's
own fields (docs/api.md maps CCTNS's names onto them); places are LGD codes, police stations
CCTNS codes, photos base64."""

import base64
import binascii

from django import forms
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.models import Helpline
from apps.core.photo_fields import cleaned_upload
from apps.drives.selectors import drive_by_code
from apps.pfif.models import ImportState, ReviewStatus
from apps.reports.choices import Placement, RegistrationKind, ReportKind
from apps.reports.forms import (
    DESCRIPTION_FIELDS,
    MARK_FIELDS,
    PLACE_FIELDS,
    MissingReportForm,
)
from apps.reports.limits import MAX_PHOTOS_PER_REPORT
from apps.reports.models import ADULT_AGE, IdentificationMark, Report

LGD_CODED_FIELDS = tuple(
    f"{place}_{part}"
    for place in ("event", "permanent", "present")
    for part in ("state", "district")
)
EARLIEST_YEAR = 1950
LGD_CODE = {"min_value": 1, "max_value": 999_999}


@extend_schema_field(OpenApiTypes.BYTE)
class Base64PhotoField(serializers.CharField):
    """A JPEG, PNG or WebP photo, base64-encoded, checked and cleaned like the web forms'."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=True, **kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        try:
            raw = base64.b64decode(text.split(",", 1)[-1], validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(
                _("This photo is not base64-encoded."), code="not_base64"
            ) from None
        try:
            return cleaned_upload(ContentFile(raw, name=str(_("This photo"))))
        except forms.ValidationError as error:
            raise serializers.ValidationError(error.messages, code=error.code) from None


class MarkSerializer(serializers.ModelSerializer):
    class Meta:
        model = IdentificationMark
        fields = list(MARK_FIELDS)


class ReportFieldsSerializer(serializers.ModelSerializer):
    """Report fields by their portal names, with places as LGD codes. `validated_data` keeps
    them as sent; `form_fields()` gives what the report forms take."""

    event_state = serializers.IntegerField(**LGD_CODE, help_text="LGD code of the State/UT.")
    event_district = serializers.IntegerField(**LGD_CODE, help_text="LGD code of the district.")
    photos = serializers.ListField(
        child=Base64PhotoField(),
        required=False,
        max_length=MAX_PHOTOS_PER_REPORT,
        help_text="Base64-encoded JPEG, PNG or WebP photos, up to 8 MB each.",
    )

    class Meta:
        model = Report
        validators = []  # uniqueness is the service's to judge (an upsert)

    def place_codes(self) -> dict:
        return {
            field: self.validated_data[field]
            for field in LGD_CODED_FIELDS
            if self.validated_data.get(field) is not None
        }


class FirSerializer(ReportFieldsSerializer):
    state = serializers.IntegerField(
        **LGD_CODE, help_text="LGD code of the police station's State/UT."
    )
    police_station_code = serializers.CharField(
        max_length=20, help_text="The station's CCTNS code."
    )
    fir_year = serializers.IntegerField(min_value=EARLIEST_YEAR, max_value=2100)
    registration_kind = serializers.ChoiceField(
        choices=RegistrationKind.choices, default=RegistrationKind.FIR
    )
    age = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=ADULT_AGE - 1,
        help_text="Age when missing, if the date of birth is not known.",
    )
    marks = MarkSerializer(many=True, required=False, max_length=10)
    permanent_state = serializers.IntegerField(**LGD_CODE, required=False)
    permanent_district = serializers.IntegerField(**LGD_CODE, required=False)
    present_state = serializers.IntegerField(**LGD_CODE, required=False)
    present_district = serializers.IntegerField(**LGD_CODE, required=False)

    class Meta(ReportFieldsSerializer.Meta):
        fields = [
            "state",
            "police_station_code",
            "fir_year",
            *(field for field in MissingReportForm._meta.fields),
            "age",
            "marks",
            "photos",
        ]
        extra_kwargs = {
            field: {"required": True, "allow_blank": False}
            for field in ("fir_number", "full_name", "circumstances")
        } | {
            "fir_registered_at": {"required": True, "allow_null": False},
            "sex": {"required": True},
            "event_at": {"required": True},
        }

    def validate(self, attrs):
        year = timezone.localtime(attrs["fir_registered_at"]).year
        if attrs["fir_year"] != year:
            raise serializers.ValidationError(
                {"fir_year": _("The FIR was registered in %(year)d.") % {"year": year}}
            )
        return attrs


class HelplineSightingSerializer(ReportFieldsSerializer):
    helpline = serializers.ChoiceField(choices=Helpline.choices)
    call_id = serializers.CharField(
        max_length=40, help_text="The call's ID in the helpline's system."
    )
    police_station_code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="CCTNS code of the police station of the place, if known; otherwise the "
        "district police office receives the report.",
    )
    age_max = serializers.IntegerField(required=False, min_value=0, max_value=ADULT_AGE - 1)

    class Meta(ReportFieldsSerializer.Meta):
        fields = [
            "helpline",
            "call_id",
            "police_station_code",
            *PLACE_FIELDS,
            "circumstances_detail",
            "full_name",
            "other_names",
            "name_local",
            "sex",
            "age_min",
            "age_max",
            *DESCRIPTION_FIELDS,
            "languages",
            "clothing",
            "medical_needs",
            "told_parent_names",
            "told_home_place",
            "told_language",
            "photos",
        ]
        extra_kwargs = {"event_at": {"required": True}, "sex": {"required": True}}

    kind = ReportKind.SIGHTING


class HelplineFoundChildSerializer(HelplineSightingSerializer):
    placement = serializers.ChoiceField(choices=Placement.choices)
    placed_at = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="Portal ID of the Child Care Institution.",
    )
    drive = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Code of the special drive during which the child was found (for example "
        "`muskaan-12`); it must be running today in the State/UT of the report's police station.",
    )

    class Meta(HelplineSightingSerializer.Meta):
        fields = [
            *HelplineSightingSerializer.Meta.fields,
            "placement",
            "placed_at",
            "cwc_order_reference",
            "handed_over_to",
            "drive",
            "nationality",
        ]
        extra_kwargs = HelplineSightingSerializer.Meta.extra_kwargs | {
            "nationality": {
                "help_text": "ISO 3166 code of the child's country (NP, BD, IN...), if known: "
                "a child of another country is flagged for repatriation."
            }
        }

    def validate_drive(self, code: str):
        if not code.strip():
            return None
        drive = drive_by_code(code)
        if drive is None:
            raise serializers.ValidationError(
                _("No special drive has the code %(code)s.") % {"code": code}
            )
        return drive

    kind = ReportKind.FOUND


# --- What the API answers ---


class UnitSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    cctns_code = serializers.CharField()
    state = serializers.IntegerField(allow_null=True, help_text="LGD code.")
    district = serializers.IntegerField(allow_null=True, help_text="LGD code.")


class OtherReportSerializer(serializers.Serializer):
    report_id = serializers.IntegerField()
    case_number = serializers.CharField()
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    owning_unit = UnitSerializer()


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(
        help_text="`match` (missing ~ found), `repeat` (earlier case) or `duplicate` (the same "
        "child reported twice)."
    )
    status = serializers.CharField(
        help_text="proposed, confirmed, rejected, superseded or withdrawn."
    )
    score = serializers.FloatField()
    other = OtherReportSerializer()


class FirKeySerializer(serializers.Serializer):
    state = serializers.IntegerField()
    police_station_code = serializers.CharField()
    registration_kind = serializers.CharField()
    fir_number = serializers.CharField()
    fir_year = serializers.IntegerField()


class ReportResultSerializer(serializers.Serializer):
    report_id = serializers.IntegerField()
    case_number = serializers.CharField()
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    status = serializers.CharField()
    closure_reason = serializers.CharField()
    duplicate_of = OtherReportSerializer(
        allow_null=True,
        help_text="For a report closed as a duplicate (`closure_reason` `duplicate`): the "
        "report of the same child the case goes on under.",
    )
    owning_unit = UnitSerializer()
    fir = FirKeySerializer(allow_null=True)
    helpline_call = serializers.CharField(allow_null=True, help_text="For example 1098/ABC123.")
    updated_at = serializers.DateTimeField()
    candidates = CandidateSerializer(many=True)


class WriteResultSerializer(ReportResultSerializer):
    outcome = serializers.ChoiceField(choices=["created", "updated", "unchanged"])


class FirLookupSerializer(serializers.Serializer):
    state = serializers.IntegerField(**LGD_CODE)
    police_station_code = serializers.CharField(max_length=20)
    registration_kind = serializers.ChoiceField(
        choices=RegistrationKind.choices, default=RegistrationKind.FIR
    )
    fir_year = serializers.IntegerField(min_value=EARLIEST_YEAR, max_value=2100)
    fir_number = serializers.CharField(max_length=30)


class ChangesQuerySerializer(serializers.Serializer):
    since = serializers.DateTimeField(help_text="ISO 8601; the `next_since` of the last page.")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=500, default=500)

    def validate_since(self, since):
        # Before standard time zones an Indian time has no offset that ISO 8601 can write.
        if since.year < EARLIEST_YEAR:
            raise serializers.ValidationError(
                _("Give a moment after %(year)d.") % {"year": EARLIEST_YEAR}, code="min_value"
            )
        return since


class ChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    event = serializers.ChoiceField(choices=["status_changed", "restored", "match_confirmed"])
    report_id = serializers.IntegerField()
    case_number = serializers.CharField()
    fir = FirKeySerializer()
    status = serializers.CharField(help_text="The report's status after this change.")
    previous_status = serializers.CharField()
    reason = serializers.CharField()
    matched_with = OtherReportSerializer(allow_null=True)


class ChangesSerializer(serializers.Serializer):
    changes = ChangeSerializer(many=True)
    next_since = serializers.DateTimeField(help_text="Pass as `since` to read the next page.")
    has_more = serializers.BooleanField()


class PfifQuerySerializer(ChangesQuerySerializer):
    kind = serializers.ChoiceField(
        choices=ReportKind.choices[:2], required=False, help_text="Missing or found reports only."
    )
    since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601: only reports changed at or after this moment; the `X-Next-Since` "
        "header of the last page.",
    )


class SkippedRecordSerializer(serializers.Serializer):
    record_id = serializers.CharField()
    field = serializers.CharField()
    code = serializers.CharField(help_text="`required`, `invalid` or `unknown_person`.")


class QueueEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The review queue entry.")
    person_record_id = serializers.CharField()
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    status = serializers.ChoiceField(choices=ReviewStatus.choices)


class PfifReceiptSerializer(serializers.Serializer):
    received_file_id = serializers.IntegerField()
    state = serializers.ChoiceField(
        choices=ImportState.choices, help_text="`queued`, `importing`, `done` or `failed`."
    )
    status_url = serializers.URLField(help_text="Read it for the state and counts.")
    version = serializers.CharField(help_text="The file's PFIF version, 1.1 to 1.4.")
    persons_total = serializers.IntegerField(help_text="Persons in the file.")
    persons_done = serializers.IntegerField(help_text="Persons imported so far.")
    persons_received = serializers.IntegerField()
    persons_new = serializers.IntegerField()
    persons_updated = serializers.IntegerField()
    notes_added = serializers.IntegerField()
    skipped = SkippedRecordSerializer(many=True, help_text="Records left out, and why.")
    queue_entries = QueueEntrySerializer(many=True)
