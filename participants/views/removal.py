"""The kansli's pages for erasure and retention (docs/gallring.md)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import Form
from organisations.access import forbund_view
from participants.models import Participant, Participation
from participants.removal_models import MAX_RETENTION_YEARS, MIN_RETENTION_YEARS
from participants.services import retention
from participants.services.erasure import NothingHeld, erase_participant


class EraseLookupForm(Form):
    code = forms.CharField(label=gettext_lazy("Deltagar-id"), max_length=64)


class EraseConfirmForm(Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm_code = forms.CharField(
        label=gettext_lazy("Skriv deltagar-id igen för att bekräfta"), max_length=64
    )
    reason = forms.CharField(
        label=gettext_lazy("Skäl"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Sparas i händelseloggen, till exempel ”Begäran om radering enligt art. 17, "
            "dnr 2026/12”. Skriv inte namn, personnummer eller uppgifter om hälsa."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("code") and data.get("confirm_code", "").strip() != data["code"].strip():
            self.add_error(
                "confirm_code", _("Deltagar-id stämmer inte med det du valde; inget har raderats.")
            )
        return data


class RetentionRuleForm(Form):
    years = forms.IntegerField(
        label=gettext_lazy("År efter sista avslut"),
        min_value=MIN_RETENTION_YEARS,
        max_value=MAX_RETENTION_YEARS,
        help_text=gettext_lazy(
            "En deltagares uppgifter tas bort när så många år har gått sedan deltagarens sista "
            "deltagande avslutades. Deltagare med ett pågående deltagande tas aldrig bort."
        ),
    )


def _summary(forbund, code: str) -> dict | None:
    """Counts about a participant for the confirmation (no values of its participations)."""
    participant = Participant.objects.filter(forbund=forbund, code=code).first()
    if participant is None:
        return None
    rows = Participation.objects.filter(participant=participant)
    facts = rows.aggregate(n=Count("id", distinct=True), activities=Count("activities"))
    return {
        "code": participant.code,
        "participations": facts["n"],
        "activities": facts["activities"],
        "insatser": sorted(set(rows.values_list("insats__code", flat=True))),
        "ongoing": rows.filter(end_date__isnull=True).exists(),
    }


@forbund_view("participants.remove")
def erase(request):
    forbund = request.forbund
    summary = None
    lookup = EraseLookupForm(request.POST if request.POST.get("steg") == "sok" else None)
    confirm = None
    if request.method == "POST" and request.POST.get("steg") == "radera":
        confirm = EraseConfirmForm(request.POST)
        if confirm.is_valid():
            data = confirm.cleaned_data
            try:
                removed = erase_participant(forbund, data["code"], data["reason"], request.user)
            except NothingHeld:
                messages.error(request, _("Förbundet har ingen deltagare med det id:t."))
                return redirect("participants:erase", forbund=forbund.slug)
            messages.success(
                request,
                _(
                    "Deltagaren är raderad. Borttaget: deltaganden %(participations)s, "
                    "aktiviteter %(activities)s. Statistiken för tidigare år är oförändrad."
                )
                % {"participations": removed.participations, "activities": removed.activities},
            )
            return redirect("participants:erase", forbund=forbund.slug)
        summary = _summary(forbund, confirm.data.get("code", "").strip())
    elif lookup.is_bound and lookup.is_valid():
        code = lookup.cleaned_data["code"].strip()
        summary = _summary(forbund, code)
        if summary is None:
            lookup.add_error("code", _("Förbundet har ingen deltagare med det id:t."))
        else:
            confirm = EraseConfirmForm(initial={"code": code})
    return render(
        request,
        "participants/erase.html",
        {"lookup": lookup, "confirm": confirm if summary else None, "summary": summary},
    )


@forbund_view("participants.remove")
def retention_page(request):
    forbund = request.forbund
    today = timezone.localdate()
    years = retention.retention_years(forbund)
    form = RetentionRuleForm(
        request.POST if request.POST.get("steg") == "regel" else None, initial={"years": years}
    )
    if request.method == "POST" and request.POST.get("steg") == "gallra":
        outcome = retention.apply_retention(forbund, today, user=request.user, via=retention.WEB)
        assert outcome.run is not None
        messages.success(
            request,
            _("Gallringen är gjord: %(n)s deltagare togs bort.") % {"n": outcome.run.participants},
        )
        return redirect("participants:retention", forbund=forbund.slug)
    if form.is_bound and form.is_valid():
        retention.set_retention_years(forbund, form.cleaned_data["years"], request.user)
        messages.success(request, _("Gallringsregeln är sparad."))
        return redirect("participants:retention", forbund=forbund.slug)
    return render(
        request,
        "participants/retention.html",
        {
            "form": form,
            "years": years,
            "today": today,
            "cutoff": retention.cutoff(today, years),
            "due": len(retention.due(forbund, today, years)),
            "runs": retention.last_runs(forbund),
        },
    )
