"""The endpoints under /api/v1/ (docs/format/api.md). Each calls the service the web pages and
the commands call; none has a rule of its own."""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    schema,
    throttle_classes,
)
from rest_framework.response import Response

from budget.services.budgets import budget_for_year
from budget.services.contributions import contributions_for_year
from catalogue.models import EntryKind, TargetGroup
from catalogue.services import Filters, public_entries, search_text
from core import audit
from core.tabular.columns import parse_date
from core.tabular.errors import CellError
from core.years import FIRST_YEAR, is_valid_year, last_year, year_range_text
from economy.services import NoBooksError, financial_statements, statements_json
from participants.models import AccessKind, Insats, Participation
from participants.rules import PARTICIPANT_HEADERS, parse_insats_code, parse_participant_code
from participants.services.access import participant_insats_ids
from participants.services.least_data import record_access
from participants.services.participations import import_interventions, import_participants
from participants.services.statistics import active_in_year, year_statistics
from reports.services.generation import FORMATS, annual_report_data, file_name, report_file
from reports.views import download
from surveys.services import NoSuchInstrument, survey_results
from surveys.services.access import insats_ids, publication_only

from .base import ForbundAPIView, TokenView
from .pagination import Pagination
from .problems import PROBLEM_CONTENT_TYPE, ValidationProblem
from .serializers import (
    BatchSerializer,
    BudgetSerializer,
    CatalogueEntrySerializer,
    CataloguePageSerializer,
    ContributionsSerializer,
    ImportResultSerializer,
    InsatsPageSerializer,
    InsatsRowSerializer,
    InsatsSerializer,
    ParticipationPageSerializer,
    ParticipationPatchSerializer,
    ParticipationRowSerializer,
    ParticipationSerializer,
    ProblemSerializer,
    ValidationProblemSerializer,
)

IDENTITY = ("deltagar_id", "insats", "startdatum")


def _problems(*codes: int) -> dict:
    texts = {
        400: "felaktiga uppgifter",
        401: "ingen eller ogiltig API-nyckel",
        403: "rollen eller nyckeln saknar rätten",
        404: "finns inte i förbundet (eller annat förbund)",
        429: "för många anrop (se Retry-After)",
    }
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ValidationProblemSerializer if code == 400 else ProblemSerializer,
            description=texts[code],
        )
        for code in codes
    }


# A year the förbund's data can have (core.years); the upper bound as of when the code loaded.
YEAR_SCHEMA = {"type": "integer", "minimum": FIRST_YEAR, "maximum": last_year()}
ID_PATH = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH, description="deltagandets id"
)
YEAR_PATH = OpenApiParameter("ar", YEAR_SCHEMA, OpenApiParameter.PATH, description="året")


READ_ERRORS = _problems(401, 403, 404, 429)
WRITE_ERRORS = _problems(400, 401, 403, 404, 429)


def _year(ar: int) -> int:
    if not is_valid_year(ar):
        raise ValidationProblem(
            [
                {
                    "rad": None,
                    "kolumn": "ar",
                    "varde": str(ar),
                    "orsak": _("Året ska vara %(range)s.") % {"range": year_range_text()},
                }
            ]
        )
    return ar


class InsatsList(ForbundAPIView):
    read_capability = "interventions.view"
    write_capability = "interventions.manage"

    @extend_schema(
        summary="Registrera eller uppdatera en insats",
        description="En rad av insatsfilen (kod, namn, typ, startdatum, slutdatum) med samma "
        "regler som `import_interventions`; en befintlig kod uppdaterar insatsen.",
        request=InsatsRowSerializer,
        responses={201: InsatsSerializer, 200: InsatsSerializer, **WRITE_ERRORS},
    )
    def post(self, request, slug: str):
        row = InsatsRowSerializer(data=request.data)
        row.is_valid(raise_exception=True)
        headers = ("kod", "namn", "typ", "startdatum", "slutdatum")
        result = import_interventions(
            self.forbund, _csv([row.validated_data], headers), "api.csv", user=self.token.user
        )
        if result.errors:
            raise ValidationProblem([_error_dict(e) for e in result.errors])
        insats = Insats.objects.get(code=row.validated_data["kod"].strip())
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(InsatsSerializer(insats).data, status=code)

    @extend_schema(
        summary="Förbundets insatser",
        parameters=[
            OpenApiParameter("typ", str, enum=["individinriktad", "strukturinriktad"]),
            OpenApiParameter("q", str, description="del av kod eller namn"),
        ],
        operation_id="insatser_list",
        responses={200: InsatsPageSerializer, **READ_ERRORS},
    )
    def get(self, request, slug: str):
        rows = Insats.objects.order_by("code")
        kind = search_text(request.query_params.get("typ", ""))
        if kind:
            rows = rows.filter(kind=kind)
        query = search_text(request.query_params.get("q", ""))
        if query:
            rows = rows.filter(Q(code__icontains=query) | Q(name__icontains=query))
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(InsatsSerializer(page, many=True).data)


class InsatsDetail(ForbundAPIView):
    read_capability = "interventions.view"

    @extend_schema(summary="En insats", responses={200: InsatsSerializer, **READ_ERRORS})
    def get(self, request, slug: str, kod: str):
        insats = Insats.objects.filter(code=search_text(kod, 64)).first()
        if insats is None:
            raise Http404
        return Response(InsatsSerializer(insats).data)


def _visible(membership):
    rows = Participation.objects.select_related("participant", "insats")
    ids = participant_insats_ids(membership)
    return rows if ids is None else rows.filter(insats_id__in=ids)


def _csv(rows: list[dict], headers: tuple[str, ...] = PARTICIPANT_HEADERS) -> io.BytesIO:
    """The rows as a file of the import's own format, so the import's rules apply unchanged."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else str(row.get(h)) for h in headers])
    return io.BytesIO(out.getvalue().encode("utf-8"))


def _error_dict(error: CellError) -> dict:
    # Row 1 of the generated file is the header: data row N is item N of the request.
    return {
        "rad": None if error.row is None else max(error.row - 1, 1),
        "kolumn": error.column,
        "varde": error.value,
        "orsak": error.reason,
    }


class ParticipationWriter(ForbundAPIView):
    read_capability = "participants.view"
    write_capability = "participants.manage"

    def run_import(self, rows: list[dict], dry_run: bool = False):
        """The participant file's import (all rules, all-or-nothing) over the given rows."""
        result = import_participants(
            self.forbund, _csv(rows), "api.csv", user=self.token.user, dry_run=dry_run
        )
        if result.errors:
            raise ValidationProblem([_error_dict(e) for e in result.errors])
        return result


class ParticipationList(ParticipationWriter):
    @extend_schema(
        summary="Deltaganden (de insatser rollen får se)",
        parameters=[
            OpenApiParameter("insats", str, description="insatsens kod"),
            OpenApiParameter("ar", YEAR_SCHEMA, description="aktiva någon dag under året"),
            OpenApiParameter("deltagar_id", str),
        ],
        operation_id="deltaganden_list",
        responses={200: ParticipationPageSerializer, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str):
        rows = _visible(self.membership).order_by("insats__code", "start_date", "pk")
        params = {name: search_text(value) for name, value in request.query_params.items()}
        if params.get("insats"):
            rows = rows.filter(insats__code=params["insats"])
        if params.get("deltagar_id"):
            rows = rows.filter(participant__code=params["deltagar_id"])
        if params.get("ar"):
            try:
                year = _year(int(params["ar"]))
            except ValueError:
                raise ValidationProblem(
                    [
                        {
                            "rad": None,
                            "kolumn": "ar",
                            "varde": params["ar"],
                            "orsak": _("Inte ett år."),
                        }
                    ]
                ) from None
            rows = rows.filter(active_in_year(year))
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        record_access(
            self.forbund,
            self.token.user,
            AccessKind.API,
            _("API: deltaganden"),
            rows=len(page) if page is not None else 0,
        )
        return paginator.get_paginated_response(ParticipationSerializer(page, many=True).data)

    @extend_schema(
        summary="Registrera (eller uppdatera) ett deltagande",
        description="En rad med deltagarfilens kolumner och regler. Finns deltagandet "
        "(deltagar_id, insats, startdatum) redan uppdateras det.",
        request=ParticipationRowSerializer,
        responses={
            201: ParticipationSerializer,
            200: ParticipationSerializer,
            **WRITE_ERRORS,
        },
    )
    def post(self, request, slug: str):
        row = ParticipationRowSerializer(data=request.data)
        row.is_valid(raise_exception=True)
        result = self.run_import([row.validated_data])
        # The row's identity, read as the file reads it (the import accepted it).
        participation = _visible(self.membership).get(
            participant__code=parse_participant_code(row.validated_data["deltagar_id"]),
            insats__code=parse_insats_code(row.validated_data["insats"]),
            start_date=parse_date(row.validated_data["startdatum"]),
        )
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(ParticipationSerializer(participation).data, status=code)


class ParticipationBatch(ParticipationWriter):
    @extend_schema(
        summary="Många deltaganden på en gång (allt eller inget)",
        description="Samma regler som deltagarfilen: ett enda fel och inget sparas. `rad` i "
        "felen är radens plats i `rader` (1 = första).",
        request=BatchSerializer,
        responses={200: ImportResultSerializer, **WRITE_ERRORS},
    )
    def post(self, request, slug: str):
        batch = BatchSerializer(data=request.data)
        batch.is_valid(raise_exception=True)
        result = self.run_import(batch.validated_data["rader"], batch.validated_data["provkorning"])
        return Response(
            {
                "rader": result.rows,
                "nya": result.created,
                "andrade": result.updated,
                "oforandrade": result.unchanged,
                "nya_deltagare": result.new_participants,
                "sparat": result.written,
                "varningar": [_error_dict(w) for w in result.warnings],
            }
        )


class ParticipationDetail(ParticipationWriter):
    def get_object(self, pk: int) -> Participation:
        participation = _visible(self.membership).filter(pk=pk).first()
        if participation is None:
            raise Http404
        return participation

    @extend_schema(
        summary="Ett deltagande", responses={200: ParticipationSerializer, **READ_ERRORS}
    )
    def get(self, request, slug: str, pk: int):
        participation = self.get_object(pk)
        record_access(
            self.forbund,
            self.token.user,
            AccessKind.API,
            _("API: %(what)s") % {"what": participation.audit_repr()},
            participant=participation.participant,
        )
        return Response(ParticipationSerializer(participation).data)

    @extend_schema(
        summary="Ändra ett deltagande",
        parameters=[ID_PATH],
        description="Bara de kolumner som skickas ändras; deltagar_id, insats och startdatum "
        "kan inte ändras. Samma regler som deltagarfilen.",
        request=ParticipationPatchSerializer,
        responses={200: ParticipationSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, slug: str, pk: int):
        participation = self.get_object(pk)
        changes = ParticipationPatchSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        current = dict(ParticipationSerializer(participation).data)
        errors = [
            {
                "rad": None,
                "kolumn": column,
                "varde": changes.validated_data[column],
                "orsak": _("Kan inte ändras; registrera ett nytt deltagande i stället."),
            }
            for column in IDENTITY
            if column in changes.validated_data
            and changes.validated_data[column].strip() != str(current[column])
        ]
        if errors:
            raise ValidationProblem(errors)
        current.update(changes.validated_data)
        self.run_import([current])
        participation.refresh_from_db()
        return Response(ParticipationSerializer(participation).data)


class Statistics(ForbundAPIView):
    read_capability = "statistics.view"

    @extend_schema(
        summary="Deltagarstatistik för ett år",
        description="Samma dokument som `participant_stats --forbund SLUG --year ÅR` "
        "(docs/format/statistik.md).",
        parameters=[YEAR_PATH],
        responses={200: OpenApiTypes.OBJECT, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str, ar: int):
        return Response(year_statistics(self.forbund, _year(ar)))


class SurveyResults(ForbundAPIView):
    read_capability = "surveys.results"

    @extend_schema(
        summary="Resultat av en enkät för ett år",
        description="Samma dokument som `survey_results --forbund SLUG --year ÅR --enkat KOD` "
        "(docs/format/enkat.md). Insatsansvarig ser sina egna insatser; styrelse och revisor "
        "ser publiceringsversionen (antal 1–4 dolda).",
        parameters=[
            OpenApiParameter("kod", str, OpenApiParameter.PATH, description="enkätens kod"),
            YEAR_PATH,
            OpenApiParameter("insats", str, description="bara en insats (kod)"),
            OpenApiParameter(
                "publicering", bool, description="publiceringsversionen (antal 1–4 dolda)"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str, kod: str, ar: int):
        insats = request.query_params.get("insats") or None
        publication = publication_only(self.membership) or request.query_params.get(
            "publicering", ""
        ).lower() in ("1", "true", "ja")
        try:
            document = survey_results(
                self.forbund,
                _year(ar),
                kod,
                insats=insats,
                insatser=insats_ids(self.membership),
                publication=publication,
            )
        except NoSuchInstrument:
            raise Http404(_("Förbundet har ingen enkät med den koden.")) from None
        return Response(document)


class FinancialStatements(ForbundAPIView):
    read_capability = "economy.view"

    @extend_schema(
        summary="Bokslut för ett år",
        description="Samma dokument som `financial_statements --forbund SLUG --year ÅR`.",
        parameters=[YEAR_PATH],
        responses={200: OpenApiTypes.OBJECT, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str, ar: int):
        try:
            document = financial_statements(self.forbund, _year(ar))
        except NoBooksError as error:
            raise Http404(str(error)) from None
        return Response(json.loads(statements_json(document)))


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@throttle_classes([])
@schema(None)
def not_found(request):
    raise Http404


class BudgetDocument(ForbundAPIView):
    read_capability = "economy.view"

    @extend_schema(
        summary="Årets budget",
        description="Budgeten efter de revideringar som beslutats (kronor): varje rad med "
        "`ursprungligt` (som antagen) och `belopp` (efter revideringar), och summorna.",
        parameters=[YEAR_PATH],
        responses={200: BudgetSerializer, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str, ar: int):
        snapshot = budget_for_year(self.forbund, _year(ar))
        if snapshot is None:
            raise Http404
        return Response(
            {
                "ar": snapshot.year,
                "rader": [
                    {
                        "kategori": line.category,
                        "namn": line.name,
                        "insats": line.insats_code or None,
                        "ursprungligt": line.original,
                        "belopp": line.amount,
                    }
                    for line in snapshot.lines
                ],
                "summa_intakter": snapshot.total_income(),
                "summa_kostnader": snapshot.total_costs(),
                "resultat": snapshot.result(),
            }
        )


class ContributionsDocument(ForbundAPIView):
    read_capability = "economy.view"

    @extend_schema(
        summary="Medlemsbidrag för ett år",
        description="Begärt, beslutat och betalt per medlem (kronor; null = inte angivet).",
        parameters=[YEAR_PATH],
        responses={200: ContributionsSerializer, **_problems(400, 401, 403, 404, 429)},
    )
    def get(self, request, slug: str, ar: int):
        year = contributions_for_year(self.forbund, _year(ar))
        return Response(
            {
                "ar": year.year,
                "medlemmar": [
                    {
                        "medlem": row.member.name,
                        "begart": row.requested,
                        "beslutat": row.decided,
                        "betalt": row.paid,
                    }
                    for row in year.rows
                ],
                "summa_begart": year.total_requested,
                "summa_beslutat": year.total_decided,
                "summa_betalt": year.total_paid,
            }
        )


class AnnualReportFile(ForbundAPIView):
    """The annual report as the web page's download button gives it (draft of the year)."""

    read_capability = "reports.view"
    file_format = "pdf"

    def get(self, request, slug: str, ar: int):
        data = annual_report_data(self.forbund, _year(ar))
        content = report_file(data, self.file_format)
        response = download(content, file_name(data, self.file_format), self.file_format)
        # Logged as an export by core.private_responses.ExportAuditMiddleware.
        return audit.describe_export(
            response, kind="arsredovisning", file_format=self.file_format, year=ar, via="api"
        )


def _report_schema(fmt: str):
    return extend_schema(
        summary=f"Årsredovisningen som {fmt.upper()}",
        description="Samma fil som knappen på sidan Årsredovisning och `annual_report`.",
        parameters=[YEAR_PATH],
        responses={
            (200, FORMATS[fmt]): OpenApiResponse(OpenApiTypes.BINARY, description="filen"),
            **_problems(400, 401, 403, 404, 429),
        },
    )


class AnnualReportPdf(AnnualReportFile):
    file_format = "pdf"

    @_report_schema("pdf")
    def get(self, request, slug: str, ar: int):
        return super().get(request, slug, ar)


class AnnualReportDocx(AnnualReportFile):
    file_format = "docx"

    @_report_schema("docx")
    def get(self, request, slug: str, ar: int):
        return super().get(request, slug, ar)


CATALOGUE_FILTERS = [
    OpenApiParameter("q", str, description="sökord (alla måste finnas)"),
    OpenApiParameter("kommun", str),
    OpenApiParameter("malgrupp", str, enum=TargetGroup.values),
    OpenApiParameter("arrangor", str, description="arrangörens namn"),
    OpenApiParameter("typ", str, enum=EntryKind.values),
]


def _catalogue_page(view, request, slug: str | None):
    rows = public_entries(slug, Filters.from_params(request.query_params))
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(CatalogueEntrySerializer(page, many=True).data)


class PublicCatalogue(TokenView):
    """The public catalogue as JSON: no token needed (published fields only)."""

    authentication_classes: list[type] = []

    @extend_schema(
        summary="Den publika insatskatalogen (alla förbund)",
        auth=[],
        parameters=CATALOGUE_FILTERS,
        operation_id="katalog_list",
        responses={200: CataloguePageSerializer, **_problems(404, 429)},
    )
    def get(self, request):
        return _catalogue_page(self, request, None)


class ForbundCatalogue(ForbundAPIView):
    read_capability = "forbund.view"

    @extend_schema(
        summary="Förbundets publicerade katalogposter",
        parameters=CATALOGUE_FILTERS,
        operation_id="forbund_katalog_list",
        responses={200: CataloguePageSerializer, **READ_ERRORS},
    )
    def get(self, request, slug: str):
        return _catalogue_page(self, request, self.forbund.slug)
