"""The REST API's endpoints. Thin: a serializer checks the JSON, a selector finds what the
client may touch, a service writes, a presenter answers."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api import examples, idempotency, presenters, selectors, services
from apps.api.errors import ErrorSerializer
from apps.api.models import Scope
from apps.api.serializers import (
    ChangesQuerySerializer,
    ChangesSerializer,
    FirLookupSerializer,
    FirSerializer,
    HelplineFoundChildSerializer,
    HelplineSightingSerializer,
    PfifQuerySerializer,
    PfifReceiptSerializer,
    ReportResultSerializer,
    WriteResultSerializer,
)
from apps.api.xml import XML, JsonErrorsNegotiation, TextXmlBodyParser, XmlBodyParser
from apps.audit.models import AccessAction
from apps.audit.services import record_access
from apps.pfif import services as pfif_services

REFUSALS = {
    400: OpenApiResponse(
        ErrorSerializer, "Fields not right; `fields` names each.", [examples.INVALID]
    ),
    401: OpenApiResponse(
        ErrorSerializer, "No key, an unknown key or a revoked key.", [examples.REVOKED]
    ),
    403: OpenApiResponse(ErrorSerializer, "Scope or jurisdiction refused.", [examples.OTHER_STATE]),
    413: OpenApiResponse(ErrorSerializer, "Request body larger than allowed."),
    429: OpenApiResponse(ErrorSerializer, "Too many calls; see Retry-After."),
}
WRITTEN = {201: WriteResultSerializer, 200: WriteResultSerializer, **REFUSALS}
POSTED = {**WRITTEN, **idempotency.REFUSALS}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, "No such report in your jurisdiction.")}


def _written(result: services.Written) -> Response:
    data = {**presenters.report_data(result.report), "outcome": result.outcome}
    code = status.HTTP_201_CREATED if result.outcome == services.CREATED else status.HTTP_200_OK
    return Response(WriteResultSerializer(data).data, status=code)


class FirView(APIView):
    required_scopes = {"GET": Scope.READ, "PUT": Scope.WRITE_MISSING, "POST": Scope.WRITE_MISSING}

    @extend_schema(
        operation_id="push_fir",
        summary="Create or update the missing-child report of a CCTNS FIR",
        description=examples.FIR_PUSH_DESCRIPTION,
        request=FirSerializer,
        responses=WRITTEN,
        examples=[examples.FIR_REQUEST, examples.FIR_CREATED],
        tags=["CCTNS"],
    )
    def put(self, request):
        fir = FirSerializer(data=request.data)
        fir.is_valid(raise_exception=True)
        fields = dict(fir.validated_data)
        state = selectors.state_for(request.auth, fields.pop("state"), field="state")
        station = selectors.station_by_code(
            state, fields.pop("police_station_code"), field="police_station_code"
        )
        fields.update(_place_ids(fir))
        marks = fields.pop("marks", None)
        photos = fields.pop("photos", None)
        return _written(
            services.push_fir(
                client=request.auth, station=station, fields=fields, marks=marks, photos=photos
            )
        )

    @extend_schema(
        operation_id="push_fir_post",
        summary="The same as PUT, for clients that only POST",
        request=FirSerializer,
        parameters=[idempotency.PARAMETER],
        responses=POSTED,
        examples=[examples.FIR_REQUEST, examples.FIR_CREATED],
        tags=["CCTNS"],
    )
    @idempotency.idempotent
    def post(self, request):
        return self.put(request)

    @extend_schema(
        operation_id="read_fir",
        summary="The portal's report of one FIR, with its status and match candidates",
        parameters=[FirLookupSerializer],
        responses={200: ReportResultSerializer, **REFUSALS, **NOT_FOUND},
        examples=[examples.REPORT],
        tags=["CCTNS"],
    )
    def get(self, request):
        key = FirLookupSerializer(data=request.query_params)
        key.is_valid(raise_exception=True)
        wanted = key.validated_data
        state = selectors.state_for(request.auth, wanted["state"], field="state")
        station = selectors.station_by_code(
            state, wanted["police_station_code"], field="police_station_code"
        )
        report = selectors.fir_report(
            request.auth,
            station=station,
            registration_kind=wanted["registration_kind"],
            year=wanted["fir_year"],
            number=wanted["fir_number"],
        )
        _record_read(request, report)
        return Response(ReportResultSerializer(presenters.report_data(report)).data)


class ChangesView(APIView):
    required_scopes = {"GET": Scope.READ}

    @extend_schema(
        operation_id="fir_changes",
        summary="What happened to FIR-backed reports since a moment",
        description=examples.CHANGES_DESCRIPTION,
        parameters=[ChangesQuerySerializer],
        responses={200: ChangesSerializer, **REFUSALS},
        examples=[examples.CHANGES],
        tags=["CCTNS"],
    )
    def get(self, request):
        query = ChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        since, limit = query.validated_data["since"], query.validated_data["limit"]
        changes = selectors.changes_since(request.auth, since, limit=limit)
        record_access(
            request,
            action=AccessAction.API_READ,
            detail=f"FIR changes: {request.GET.urlencode()}",
            rows=len(changes),
        )
        data = {
            "changes": [presenters.change_data(change) for change in changes],
            "next_since": changes[-1].at if changes else since,
            "has_more": len(changes) >= limit,
        }
        return Response(ChangesSerializer(data).data)


class HelplineView(APIView):
    serializer_class = HelplineSightingSerializer

    @idempotency.idempotent
    def post(self, request):
        sent = self.serializer_class(data=request.data)
        sent.is_valid(raise_exception=True)
        fields = dict(sent.validated_data)
        state = selectors.state_for(request.auth, fields["event_state"], field="event_state")
        station = selectors.helpline_station(
            state, fields.pop("police_station_code", ""), field="police_station_code"
        )
        fields.update(_place_ids(sent))
        helpline, call_id = fields.pop("helpline"), fields.pop("call_id")
        photos = fields.pop("photos", [])
        return _written(
            services.take_helpline_report(
                client=request.auth,
                kind=self.serializer_class.kind,
                helpline=helpline,
                call_id=call_id,
                station=station,
                fields=fields,
                photos=photos,
            )
        )


class HelplineSightingView(HelplineView):
    required_scopes = {"POST": Scope.WRITE_SIGHTINGS}

    @extend_schema(
        operation_id="helpline_sighting",
        summary="A child seen alone or in danger, reported to 1098 or 112",
        description=examples.HELPLINE_DESCRIPTION,
        request=HelplineSightingSerializer,
        parameters=[idempotency.PARAMETER],
        responses=POSTED,
        examples=[examples.SIGHTING_REQUEST],
        tags=["Helplines"],
    )
    def post(self, request):
        return super().post(request)


class HelplineFoundChildView(HelplineView):
    required_scopes = {"POST": Scope.WRITE_FOUND}
    serializer_class = HelplineFoundChildSerializer

    @extend_schema(
        operation_id="helpline_found_child",
        summary="A child in the care of a helpline team",
        description=examples.HELPLINE_DESCRIPTION,
        request=HelplineFoundChildSerializer,
        parameters=[idempotency.PARAMETER],
        responses=POSTED,
        examples=[examples.FOUND_CHILD_REQUEST],
        tags=["Helplines"],
    )
    def post(self, request):
        return super().post(request)


class ReportView(APIView):
    required_scopes = {"GET": Scope.READ}

    @extend_schema(
        operation_id="read_report",
        summary="A report of your jurisdiction: status, owning unit and match candidates",
        responses={200: ReportResultSerializer, **REFUSALS, **NOT_FOUND},
        examples=[examples.REPORT],
        tags=["Reports"],
    )
    def get(self, request, report_id: int):
        report = selectors.report_for(request.auth, report_id)
        _record_read(request, report)
        return Response(ReportResultSerializer(presenters.report_data(report)).data)


PAGE_HEADERS = [
    OpenApiParameter(
        "X-Next-Since",
        OpenApiTypes.DATETIME,
        OpenApiParameter.HEADER,
        response=[200],
        description="The `since` of the next page (absent when nothing was ever exported).",
    ),
    OpenApiParameter(
        "X-Has-More",
        OpenApiTypes.BOOL,
        OpenApiParameter.HEADER,
        response=[200],
        description="`true` while another page follows.",
    ),
]
PFIF_REFUSALS = {
    400: OpenApiResponse(
        ErrorSerializer,
        "Not a PFIF file: `code` is forbidden, malformed or not_pfif.",
        [examples.NOT_PFIF],
    ),
    403: OpenApiResponse(
        ErrorSerializer,
        "The key lacks the scope, or has no unit to review its files.",
        [examples.NO_REVIEWING_UNIT],
    ),
    415: OpenApiResponse(ErrorSerializer, "The body is not sent as application/xml."),
}


class PfifView(APIView):
    required_scopes = {"GET": Scope.READ, "POST": Scope.WRITE_PFIF}
    parser_classes = [XmlBodyParser, TextXmlBodyParser]
    content_negotiation_class = JsonErrorsNegotiation

    @extend_schema(
        operation_id="pfif_export",
        summary="Missing and found reports of your jurisdiction as PFIF 1.4 XML",
        description=examples.PFIF_EXPORT_DESCRIPTION,
        parameters=[PfifQuerySerializer, *PAGE_HEADERS],
        responses={
            (200, XML): OpenApiResponse(OpenApiTypes.STR, "A PFIF 1.4 document."),
            **REFUSALS,
        },
        examples=[examples.PFIF_EXPORTED],
        tags=["PFIF"],
    )
    def get(self, request):
        query = PfifQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        page = selectors.pfif_page(
            request.auth,
            kind=wanted.get("kind", ""),
            since=wanted.get("since"),
            limit=wanted["limit"],
        )
        document = pfif_services.export_reports(page.reports, full_read=page.full_read)
        record_access(
            request,
            action=AccessAction.EXPORT,
            detail=f"PFIF API: {request.GET.urlencode()}",
            rows=len(page.reports),
        )
        response = HttpResponse(document, content_type=f"{XML}; charset=utf-8")
        if page.next_since is not None:
            response["X-Next-Since"] = page.next_since.isoformat()
        response["X-Has-More"] = "true" if page.has_more else "false"
        return response

    @extend_schema(
        operation_id="pfif_import",
        summary="A partner's PFIF file into your review queue",
        description=examples.PFIF_IMPORT_DESCRIPTION,
        request={XML: examples.PFIF_DOCUMENT},
        parameters=[idempotency.PARAMETER],
        responses={
            202: PfifReceiptSerializer,
            **REFUSALS,
            **PFIF_REFUSALS,
            **idempotency.REFUSALS,
        },
        examples=[examples.PFIF_PARTNER_FILE, examples.PFIF_QUEUED],
        tags=["PFIF"],
    )
    @idempotency.idempotent
    def post(self, request):
        unit = selectors.reviewing_unit(request.auth)
        body = request.data if isinstance(request.data, bytes) else b""
        try:
            received = pfif_services.receive_pfif(
                body, received_by=request.user, source_name=request.auth.name, unit=unit
            )
        except ValidationError as error:
            raise exceptions.ParseError(error.messages[0], code=error.code) from None
        received.refresh_from_db()  # already imported when the worker runs in-process
        answer = _import_status(request, received)
        answer.status_code = status.HTTP_202_ACCEPTED
        answer["Location"] = answer.data["status_url"]
        return answer


class PfifImportView(APIView):
    required_scopes = {"GET": Scope.WRITE_PFIF}

    @extend_schema(
        operation_id="pfif_import_status",
        summary="The state and counts of a PFIF file you sent",
        description=examples.PFIF_IMPORT_STATUS_DESCRIPTION,
        responses={200: PfifReceiptSerializer, **REFUSALS, **NOT_FOUND},
        examples=[examples.PFIF_RECEIPT],
        tags=["PFIF"],
    )
    def get(self, request, received_id: int):
        return _import_status(request, selectors.received_file_for(request.auth, received_id))


def _record_read(request, report) -> None:
    """One report read by a key: inside the key's jurisdiction, which is not its account's."""
    record_access(
        request,
        action=AccessAction.API_READ,
        record=report,
        owner_unit=report.owning_unit,
        jurisdiction=request.auth.jurisdiction,
    )


def _import_status(request, received) -> Response:
    status_url = request.build_absolute_uri(reverse("api:pfif_import", args=[received.pk]))
    data = presenters.pfif_receipt_data(received, status_url=status_url)
    return Response(PfifReceiptSerializer(data).data)


class NotFoundView(APIView):
    """Any other address under /api/ answers in JSON too."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound


def _place_ids(sent) -> dict:
    """The report forms take places by the portal's IDs; the client sends LGD codes."""
    ids = {}
    for field, code in sent.place_codes().items():
        lookup = selectors.state_by_code if field.endswith("_state") else selectors.district_by_code
        ids[field] = lookup(code, field=field).pk
    return ids
