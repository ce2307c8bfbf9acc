"""The results page per instrument and year, the response upload and the export."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.audit import describe_export
from organisations.access import forbund_view
from organisations.roles import has_capability
from participants.models import Insats
from participants.views.charts import render as render_chart
from participants.views.files import _forget, _store, _take

from ..forms import ResultFilterForm, UploadForm
from ..models import Answer
from ..services import NoSuchInstrument, import_survey_responses, positive_shares_by_year
from ..services.access import insats_ids, publication_only
from ..services.charts import group_chart, question_groups
from ..services.export import CONTENT_TYPES, export_filename, write_export
from ..services.results import instrument_for_year, survey_results

EARLIER_YEARS = 4


@forbund_view("surveys.results", methods=("GET", "HEAD"))
def results(request, enkat: str, year: int):
    ids = insats_ids(request.membership)
    insatser = Insats.objects.all() if ids is None else Insats.objects.filter(pk__in=ids)
    form = ResultFilterForm(request.GET or None, insatser=insatser)
    filters: dict = {"insatser": ids, "publication": publication_only(request.membership)}
    if form.is_valid():
        filters["insats"] = form.cleaned_data["insats"] or None
        filters["gender"] = form.cleaned_data["kon"] or None
    try:
        result = survey_results(request.forbund, year, enkat, **filters)
    except NoSuchInstrument:
        raise Http404 from None
    groups = []
    for number, questions in enumerate(question_groups(result), 1):
        chart = group_chart(
            questions,
            _("Svar på %(enkat)s %(year)s, del %(n)s")
            % {"enkat": result["enkat"]["kod"], "year": year, "n": number},
        )
        groups.append(
            {
                "questions": questions,
                "chart": render_chart(chart, 16.0, 2.0 + 1.6 * len(questions)) if chart else None,
            }
        )
    earlier = positive_shares_by_year(
        request.forbund,
        enkat,
        range(year - EARLIER_YEARS, year + 1),
        known={year: result},
        **filters,
    )
    free_texts = []
    if has_capability(request.membership.role, "surveys.free_text"):
        instrument = instrument_for_year(request.forbund, enkat, year)
        texts = Answer.objects.filter(instrument=instrument, year=year).exclude(text="")
        if filters.get("insats"):
            texts = texts.filter(insats__code=filters["insats"])
        if filters.get("gender"):
            texts = texts.filter(gender=filters["gender"])
        free_texts = list(
            texts.select_related("question").order_by("question__position", "pk")[:500]
        )
    return render(
        request,
        "surveys/results.html",
        {
            "result": result,
            "year": year,
            "form": form,
            "groups": groups,
            "earlier": sorted(earlier.items()),
            "question_codes": [q["kod"] for q in result["fragor"]],
            "free_texts": free_texts,
            "publication": filters["publication"],
            "can_export": has_capability(request.membership.role, "surveys.manage"),
        },
    )


@forbund_view("surveys.manage")
def response_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = _store(request, form.cleaned_data["file"])
        path, name = _take(request, token)
        result = import_survey_responses(request.forbund, path, name, request.user, dry_run=True)
        if not result.ok:
            _forget(request, token)
            token = None
        return render(
            request,
            "surveys/import_result.html",
            {
                "result": result,
                "token": token,
                "form": UploadForm(),
                "errors_shown": result.errors[:1000],
            },
        )
    return render(request, "surveys/import_upload.html", {"form": form})


@forbund_view("surveys.manage", methods=("POST",))
def response_import_confirm(request):
    token = request.POST.get("token", "")
    if "cancel" in request.POST:
        _forget(request, token)
        messages.info(request, _("Importen är avbruten. Inget har sparats."))
        return redirect("surveys:import", forbund=request.forbund.slug)
    path, name = _take(request, token)
    result = import_survey_responses(request.forbund, path, name, request.user)
    _forget(request, token)
    if not result.ok:
        return render(
            request,
            "surveys/import_result.html",
            {
                "result": result,
                "token": None,
                "form": UploadForm(),
                "errors_shown": result.errors[:1000],
            },
        )
    messages.success(request, _("Svaren är inlästa. %(summary)s") % {"summary": result.summary()})
    return redirect("surveys:index", forbund=request.forbund.slug)


@forbund_view("surveys.manage", methods=("GET", "HEAD"))
def export(request, enkat: str, year: int, file_format: str):
    """Counts per question and step per insats (publication mode) for national comparison."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    out = io.BytesIO()
    try:
        write_export(request.forbund, year, enkat, out, file_format)
    except NoSuchInstrument:
        raise Http404 from None
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES[file_format])
    filename = export_filename(request.forbund, enkat, year, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Logged by core.private_responses.ExportAuditMiddleware.
    return describe_export(
        response, kind="enkatsvar", file_format=file_format, year=year, enkat=enkat
    )
