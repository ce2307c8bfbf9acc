"""Survey rounds: list, start, open/close, one-time codes and the printable QR sheet."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from organisations.access import forbund_view
from organisations.roles import has_capability

from ..choices import RespondentGroup
from ..forms import RoundForm
from ..models import Instrument, Response, Round
from ..services import ensure_builtin
from ..services.access import insats_ids, round_insatser, visible_rounds
from ..services.answering import make_codes


def _visible_round(request, pk: int) -> Round:
    return get_object_or_404(visible_rounds(request.membership), pk=pk)


@forbund_view("surveys.results", methods=("GET", "HEAD"))
def index(request):
    ensure_builtin(request.forbund)
    ids = insats_ids(request.membership)
    responses = Response.objects.all()
    if ids is not None:
        responses = responses.filter(insats_id__in=ids)
    group = request.GET.get("grupp", "")
    if group in RespondentGroup.values:
        responses = responses.filter(instrument__group=group)
    else:
        group = ""
    years = (
        responses.values("instrument__code", "instrument__name", "instrument__group", "year")
        .annotate(n=Count("id"))
        .order_by("instrument__code", "-year")
    )
    can_run = has_capability(request.membership.role, "surveys.rounds")
    rounds = (
        list(visible_rounds(request.membership).annotate(n=Count("responses"))) if can_run else []
    )
    return render(
        request,
        "surveys/index.html",
        {
            "years": years,
            "rounds": rounds,
            "can_run": can_run,
            "can_manage": has_capability(request.membership.role, "surveys.manage"),
            "instruments": Instrument.objects.prefetch_related("questions"),
            "today": timezone.localdate(),
            "groups": RespondentGroup.choices,
            "group": group,
        },
    )


@forbund_view("surveys.rounds")
def round_create(request):
    ensure_builtin(request.forbund)
    insatser = round_insatser(request.membership)
    form = RoundForm(request.POST or None, insatser=insatser)
    if request.method == "POST" and form.is_valid():
        round = form.save(commit=False)
        round.forbund = request.forbund
        round.save()
        form.save_m2m()
        if form.cleaned_data.get("codes"):
            make_codes(round, form.cleaned_data["codes"])
        audit.log(request.user, "survey.round_created", round)
        messages.success(request, _("Enkätomgången är skapad."))
        return redirect("surveys:round", forbund=request.forbund.slug, round=round.pk)
    return render(request, "surveys/round_form.html", {"form": form})


def _public_url(request, round: Round, insats_code: str | None = None) -> str:
    url = request.build_absolute_uri(reverse("survey_answer", kwargs={"survey_token": round.token}))
    return f"{url}?insats={insats_code}" if insats_code else url


@forbund_view("surveys.rounds")
def round_detail(request, round: int):
    item = _visible_round(request, round)
    if request.method == "POST":
        if "close" in request.POST:
            item.is_open = False
        elif "open" in request.POST:
            item.is_open = True
        elif "codes" in request.POST:
            try:
                count = max(0, min(2000, int(request.POST.get("count", "0"))))
            except ValueError:
                count = 0
            make_codes(item, count)
            messages.success(request, _("%(n)s nya engångskoder.") % {"n": count})
        item.save(update_fields=["is_open"])
        audit.log(request.user, "survey.round_changed", item, changes={"öppen": item.is_open})
        return redirect("surveys:round", forbund=request.forbund.slug, round=item.pk)
    unused = item.codes.filter(used=False).values_list("code", flat=True)
    return render(
        request,
        "surveys/round_detail.html",
        {
            "round": item,
            "url": _public_url(request, item),
            "answers": item.responses.count(),
            "unused_codes": list(unused[:2000]),
            "used_codes": item.codes.filter(used=True).count(),
            "accepts": item.accepts_answers(timezone.localdate()),
        },
    )


@forbund_view("surveys.rounds", methods=("GET", "HEAD"))
def round_sheet(request, round: int):
    """A printable sheet per insats: the question, the link and its QR code (SVG)."""
    item = _visible_round(request, round)
    ids = insats_ids(request.membership)
    sheets = []
    for insats in item.insatser.order_by("code"):
        if ids is not None and insats.pk not in ids:
            continue
        url = _public_url(request, item, insats.code)
        qr = segno.make(url, error="m")
        sheets.append({"insats": insats, "url": url, "svg": qr.svg_inline(scale=6, title="")})
    if not sheets:
        raise Http404
    return render(request, "surveys/round_sheet.html", {"round": item, "sheets": sheets})
