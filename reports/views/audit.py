"""The auditors' workspace for a year's annual report: a stratified sample of vouchers with a
stored seed, the cut-off list, the balanskravsutredning, filing the revisionsberättelse and
granskningsrapport, and the report's life (draft → adopted → audited → ansvarsfrihet per
member). Who may do what is in organisations/roles.py: "audit_work.manage" (the revisor)
draws samples, keeps the checklist and files documents; "audit_work.discharge" (the kansli)
records the members' decisions on ansvarsfrihet; everyone with "reports.view" sees the page.
A POST of an action the role lacks is refused with 403."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from core import audit
from core.forms import Form, ModelForm
from core.uploads import LimitedFileField
from economy.services import NoBooksError, financial_statements
from economy.services.audit_sample import cut_off_vouchers, voucher_sample
from organisations.access import forbund_view
from organisations.models import Member
from organisations.roles import has_capability
from reports import services
from reports.services.audit_checklist import POINTS, STATUSES, contributions_check
from reports.services.generation import find_report
from reports.services.snapshot import sha256

from ..choices import AuditDocumentKind, ReportKind
from ..models import AuditChecklist, AuditDocument, AuditSample, Discharge


class SampleForm(Form):
    size = forms.IntegerField(
        label=gettext_lazy("Antal verifikationer"), min_value=3, max_value=200, initial=25
    )


class AuditDocumentForm(Form):
    kind = forms.ChoiceField(label=gettext_lazy("Handling"), choices=AuditDocumentKind.choices)
    dated = forms.DateField(
        label=gettext_lazy("Daterad"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = LimitedFileField(label=gettext_lazy("Fil (PDF)"), limit="DOCUMENT_MAX_BYTES")


with scopes_disabled():

    class DischargeForm(ModelForm):
        class Meta:
            model = Discharge
            fields = ["member", "decided_on", "granted", "reference"]
            widgets = {"decided_on": forms.DateInput(attrs={"type": "date"})}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["member"].queryset = Member.objects.order_by("kind", "name")


# Each action of the page (the name of its submit field) and the capability it needs.
ACTIONS = {
    "sample": "audit_work.manage",
    "upload": "audit_work.manage",
    "checklist": "audit_work.manage",
    "discharge": "audit_work.discharge",
}


@forbund_view("reports.view", methods=("GET", "HEAD", "POST"))
def audit_workspace(request, year: int):
    forbund = request.forbund
    is_auditor = has_capability(request.membership.role, "audit_work.manage")
    manage = has_capability(request.membership.role, "audit_work.discharge")
    report = find_report(forbund, ReportKind.ANNUAL, year)
    if request.method == "POST":
        action = next((a for a in ACTIONS if a in request.POST), None)
        if action is None:
            return redirect("reports:audit", forbund=forbund.slug, year=year)
        if not has_capability(request.membership.role, ACTIONS[action]):
            raise PermissionDenied
    if request.method == "POST" and report is None:
        report = services.get_or_create_report(forbund, ReportKind.ANNUAL, year)
    sample_form = SampleForm(request.POST if "sample" in request.POST else None)
    document_form = AuditDocumentForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    discharge_form = DischargeForm(
        request.POST if "discharge" in request.POST else None,
        instance=Discharge(forbund=forbund, report=report) if report else None,
    )
    back = redirect("reports:audit", forbund=forbund.slug, year=year)
    if request.method == "POST":
        if "sample" in request.POST and sample_form.is_valid():
            sample = AuditSample.objects.create(
                forbund=forbund,
                year=year,
                seed=secrets.randbelow(10**9),
                size=sample_form.cleaned_data["size"],
                created_by=request.user,
            )
            audit.log(request.user, "report.audit_sample", sample, changes={"frö": sample.seed})
            messages.success(request, _("Ett nytt stickprov är draget."))
            return back
        if "upload" in request.POST and document_form.is_valid():
            upload = document_form.cleaned_data["file"]
            content = upload.read()
            assert report is not None  # made above for a POST
            filed = AuditDocument.objects.create(
                forbund=forbund,
                report=report,
                kind=document_form.cleaned_data["kind"],
                file_name=upload.name,
                content=content,
                sha256=sha256(content),
                dated=document_form.cleaned_data["dated"],
                uploaded_by=request.user,
            )
            audit.log(request.user, "report.audit_document", filed, changes={"fil": upload.name})
            messages.success(request, _("Handlingen är arkiverad."))
            return back
        if "checklist" in request.POST:
            filled, _created = AuditChecklist.objects.get_or_create(forbund=forbund, year=year)
            statuses = {key for key, _label in STATUSES}
            filled.items = {
                key: {
                    "status": request.POST.get(f"status-{key}", "")
                    if request.POST.get(f"status-{key}", "") in statuses
                    else "",
                    "note": request.POST.get(f"note-{key}", "").strip()[:2000],
                }
                for key, _label in POINTS
            }
            filled.updated_by = request.user
            filled.save()
            audit.log(request.user, "report.audit_checklist", filled, changes={"år": year})
            messages.success(request, _("Granskningslistan är sparad."))
            return back
        if "discharge" in request.POST and discharge_form.is_valid():
            decision = discharge_form.save()
            audit.log(
                request.user, "report.discharge", decision, changes=audit.diff(None, decision)
            )
            messages.success(request, _("Beslutet är registrerat."))
            return back
    samples = list(AuditSample.objects.filter(year=year)[:5])
    latest = samples[0] if samples else None
    chosen = None
    if request.GET.get("frö"):
        chosen = next((s for s in samples if str(s.seed) == request.GET["frö"]), None)
    shown = chosen or latest
    try:
        sample_rows = (
            voucher_sample(forbund, year, seed=shown.seed, size=shown.size) if shown else []
        )
        cut_off = cut_off_vouchers(forbund, year)
        requirement = financial_statements(forbund, year)["balanskravsutredning"]
        has_books = True
    except NoBooksError:
        sample_rows, cut_off, requirement, has_books = [], [], None, False
    try:
        statements = financial_statements(forbund, year)
    except NoBooksError:
        statements = None
    contributions = contributions_check(forbund, year, statements)
    version = services.latest_version(report)
    checklist = AuditChecklist.objects.filter(year=year).first()
    saved = checklist.items if checklist else {}
    points = [
        {
            "key": key,
            "label": label,
            "status": saved.get(key, {}).get("status", ""),
            "note": saved.get(key, {}).get("note", ""),
        }
        for key, label in POINTS
    ]
    documents = list(AuditDocument.objects.filter(report=report).defer("content")) if report else []
    discharges = (
        list(Discharge.objects.filter(report=report).select_related("member")) if (report) else []
    )
    return render(
        request,
        "reports/audit.html",
        {
            "year": year,
            "report": report,
            "version": version,
            "documents": documents,
            "audited": next(
                (d for d in documents if d.kind == AuditDocumentKind.AUDIT_REPORT), None
            ),
            "discharges": discharges,
            "members": list(Member.objects.order_by("kind", "name")),
            "samples": samples,
            "sample": shown,
            "sample_rows": sample_rows,
            "cut_off": cut_off,
            "requirement": requirement,
            "has_books": has_books,
            "is_auditor": is_auditor,
            "points": points,
            "statuses": STATUSES,
            "checklist": checklist,
            "contributions": contributions,
            "can_manage": manage,
            "sample_form": sample_form,
            "document_form": document_form,
            "discharge_form": discharge_form,
        },
    )


@forbund_view("reports.view", methods=("GET", "HEAD"))
def audit_document(request, year: int, document: int):
    filed = get_object_or_404(AuditDocument, pk=document, report__year=year)
    if filed.report.kind != ReportKind.ANNUAL:
        raise Http404
    response = HttpResponse(bytes(filed.content), content_type="application/pdf")
    name = filed.file_name.replace('"', "").replace("\\", "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
