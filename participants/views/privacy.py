"""The personal-data pages (docs/personuppgifter.md): privacy settings, the register extract,
the participant page with consents, the log of who read participant rows, and the register of
processing."""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.audit import describe_export
from organisations.access import forbund_view
from participants.models import AccessKind, Consent, Participant, ParticipantAccess
from participants.privacy_forms import (
    AccessFilterForm,
    ConsentForm,
    ExtractSearchForm,
    PrivacySettingsForm,
    WithdrawConsentForm,
)
from participants.services.access import participant_insatser, sees_all_insatser
from participants.services.consent import give_consent, withdraw_consent
from participants.services.extract import (
    EXTRACT_KIND,
    find_participant,
    participant_extract,
    participation_count,
)
from participants.services.least_data import log_access, privacy_settings, save_privacy_settings
from participants.services.processing_register import processing_register, write_register_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCESS_PAGE_SIZE = 100


@forbund_view("privacy.manage")
def privacy_index(request):
    forbund = request.forbund
    settings = privacy_settings(forbund)
    initial = {
        "consent_scopes": settings.consent_scopes,
        "off_fields": settings.off_fields,
        "privacy_contact": forbund.privacy_contact,
        "dpo_name": forbund.dpo_name,
        "dpo_contact": forbund.dpo_contact,
    }
    form = PrivacySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_privacy_settings(
            forbund,
            request.user,
            consent_scopes=data["consent_scopes"],
            off=data["off_fields"],
            contacts={name: data[name] for name in ("privacy_contact", "dpo_name", "dpo_contact")},
        )
        messages.success(request, _("Inställningarna för personuppgifter är sparade."))
        return redirect("participants:privacy", forbund=forbund.slug)
    return render(request, "participants/privacy_index.html", {"form": form})


def _filename(code: str, suffix: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)[:64]
    return f"registerutdrag-{safe}.{suffix}"


@forbund_view("privacy.manage", methods=("GET", "HEAD"))
def extract(request):
    """Search a participant code; show the extract, or download it as JSON or PDF."""
    form = ExtractSearchForm(request.GET if "kod" in request.GET else None)
    if not form.is_valid():
        return render(request, "participants/extract.html", {"form": form})
    code = form.cleaned_data["kod"].strip()
    document = participant_extract(request.forbund, code)
    participant = find_participant(request.forbund, code)
    details = {
        "kind": EXTRACT_KIND,
        "rows": participation_count(document),
        "deltagare": participant.pk if participant else None,
    }
    file_format = request.GET.get("format", "")
    if file_format == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(code, "json")}"'
        return describe_export(response, file_format="json", **details)
    if file_format == "pdf":
        html = render_to_string("participants/extract_print.html", {"extract": document})
        from django.contrib.staticfiles import finders
        from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

        style = CSS(filename=finders.find("participants/extract_print.css"))
        pdf = HTML(string=html).write_pdf(stylesheets=[style])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{_filename(code, "pdf")}"'
        return describe_export(response, file_format="pdf", **details)
    log_access(request, AccessKind.EXTRACT, _("Registerutdrag"), participant=participant)
    return render(
        request,
        "participants/extract.html",
        {"form": form, "extract": document, "code": code},
    )


def _participant_for_user(request, pk: int) -> Participant:
    """A participant the user may see: kansli any; insatsansvarig one with a participation
    in their insatser. Everything else 404."""
    participants = Participant.objects.all()
    if not sees_all_insatser(request.membership):
        participants = participants.filter(
            participations__insats__in=participant_insatser(request.membership)
        ).distinct()
    try:
        return participants.get(pk=pk)
    except Participant.DoesNotExist:
        raise Http404 from None


@forbund_view("participants.manage")
def participant_detail(request, participant: int):
    """One person: their participations (those the user may see) and their consents."""
    person = _participant_for_user(request, participant)
    consent_form = ConsentForm(request.POST if "give" in request.POST else None)
    withdraw_form = WithdrawConsentForm(request.POST if "withdraw" in request.POST else None)
    if request.method == "POST":
        try:
            if "give" in request.POST and consent_form.is_valid():
                data = consent_form.cleaned_data
                give_consent(
                    person,
                    request.user,
                    scope=data["scope"],
                    given_on=data["given_on"],
                    method=data["method"],
                )
                messages.success(request, _("Samtycket är registrerat."))
                return redirect(request.path)
            if "withdraw" in request.POST and withdraw_form.is_valid():
                data = withdraw_form.cleaned_data
                consent = Consent.objects.filter(participant=person, pk=data["consent"]).first()
                if consent is None:
                    raise Http404
                removed = withdraw_consent(consent, request.user, withdrawn_on=data["withdrawn_on"])
                messages.success(
                    request,
                    _("Samtycket är återkallat. %(n)s uppgifter som byggde på det togs bort.")
                    % {"n": removed},
                )
                return redirect(request.path)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    participations = (
        person.participations.filter(insats__in=participant_insatser(request.membership))
        .select_related("insats")
        .order_by("start_date")
    )
    log_access(request, AccessKind.PAGE, _("Deltagarsida"), participant=person)
    settings = privacy_settings(request.forbund)
    return render(
        request,
        "participants/participant_detail.html",
        {
            "participant": person,
            "participations": participations,
            "consents": person.consents.order_by("-given_on", "-pk"),
            "consent_form": consent_form,
            "withdraw_form": withdraw_form,
            "asked_scopes": [
                label
                for code, label in Consent._meta.get_field("scope").choices or []
                if settings.requires_consent(code)
            ],
        },
    )


@forbund_view("privacy.manage", methods=("GET", "HEAD"))
def access_log(request):
    form = AccessFilterForm(request.GET or None, forbund=request.forbund)
    rows = ParticipantAccess.objects.select_related("user")
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            rows = rows.filter(user=data["user"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["year"]:
            rows = rows.filter(at__year=data["year"])
    page = Paginator(rows.order_by("-at", "-pk"), ACCESS_PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    return render(request, "participants/access_log.html", {"form": form, "page": page})


@forbund_view("privacy.register", methods=("GET", "HEAD"))
def processing_register_view(request):
    register = processing_register(request.forbund)
    if request.GET.get("format") == "docx":
        out = io.BytesIO()
        write_register_docx(register, out)
        response = HttpResponse(out.getvalue(), content_type=DOCX)
        filename = f"behandlingsregister-{request.forbund.slug}.docx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return describe_export(response, kind="behandlingsregister", file_format="docx")
    return render(request, "participants/processing_register.html", {"register": register})
