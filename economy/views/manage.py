"""Economy pages that change something (economy.manage: kansli and ekonom): the SIE upload
with its preview, the mapping overrides, the settings and the data the books do not hold."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, jobs
from core.versioning import save_or_conflict
from economy import jobs as economy_jobs
from economy.choices import StatementLine
from economy.forms import (
    AccountLineOverrideForm,
    BalanceAdjustmentForm,
    EconomySettingsForm,
    EquityStepFormSet,
    SieUploadForm,
    StaffYearForm,
)
from economy.models import (
    AccountLineOverride,
    BalanceAdjustment,
    EquityGuidelineStep,
    FinancialYear,
    LedgerAccount,
    PendingSieUpload,
    StaffYear,
)
from economy.services import SieImportError, preview_sie
from economy.services.configuration import settings_for
from economy.services.equity_guideline import DEFAULT_STEPS, create_default_steps
from economy.services.ledger_writer import delete_books
from economy.services.mapping import default_ranges_by_line, mapping_for
from economy.views.read import _context
from organisations.access import forbund_view


def _line_label(line: str | None) -> str | None:
    return str(StatementLine(line).label) if line else None


def _to_home(request):
    return redirect("economy:home", forbund=request.forbund.slug)


@forbund_view("economy.manage")
def upload(request) -> HttpResponse:
    form = SieUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = upload_file.read()
        try:
            preview_sie(request.forbund, data, upload_file.name)
        except SieImportError as error:
            problems = error.problems
        else:
            # One waiting file per person; files nobody confirmed go after a day.
            PendingSieUpload.objects.filter(
                Q(uploaded_by=request.user) | Q(created_at__lt=timezone.now() - timedelta(days=1)),
                forbund=request.forbund,
            ).delete()
            pending = PendingSieUpload.objects.create(
                forbund=request.forbund,
                uploaded_by=request.user,
                file_name=upload_file.name[:255],
                data=data,
            )
            return redirect("economy:confirm", forbund=request.forbund.slug, upload=pending.pk)
    context = _context(request, page="upload", form=form, problems=problems)
    return render(request, "economy/upload.html", context)


@forbund_view("economy.manage")
def confirm(request, upload: int):
    pending = get_object_or_404(PendingSieUpload, pk=upload)
    if request.method == "POST" and "cancel" in request.POST:
        pending.delete()
        messages.info(request, _("Inläsningen är avbruten; inget sparades."))
        return _to_home(request)
    if request.method == "POST":
        # The file was read when the preview was made; the worker reads it again and writes
        # the books, all or nothing (economy/jobs.py). The user follows it on the job's page.
        params = economy_jobs.sie_params(pending.pk)
        return jobs.follow(jobs.start_for(request, economy_jobs.SIE_KIND, params))
    try:
        preview = preview_sie(request.forbund, bytes(pending.data), pending.file_name)
    except SieImportError as error:
        pending.delete()
        context = _context(request, page="upload", form=SieUploadForm(), problems=error.problems)
        return render(request, "economy/upload.html", context)
    context = _context(request, page="upload", preview=preview, pending=pending)
    return render(request, "economy/confirm.html", context)


@forbund_view("economy.manage")
def delete_year(request, year: int):
    financial_year = get_object_or_404(FinancialYear, forbund=request.forbund, end__year=year)
    if request.method == "POST":
        with transaction.atomic():
            audit.log(
                request.user,
                "economy.books_deleted",
                financial_year,
                changes={
                    "räkenskapsår": str(financial_year),
                    "fil": audit.file_facts(financial_year.file_name),  # never the name
                },
            )
            delete_books(financial_year)
        messages.success(request, _("Bokföringen för %(year)s är borttagen.") % {"year": year})
        return _to_home(request)
    context = _context(request, year, page="home", financial_year=financial_year)
    return render(request, "economy/delete_year.html", context)


@forbund_view("economy.manage")
def mapping(request):
    instance = AccountLineOverride(forbund=request.forbund)
    form = AccountLineOverrideForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if "delete" in request.POST:
            override = get_object_or_404(AccountLineOverride, pk=request.POST.get("delete"))
            audit.log(
                request.user,
                "economy.mapping_deleted",
                override,
                changes={"konto": override.account, "rad": override.line},
            )
            override.delete()
            messages.success(request, _("Kontot följer nu standardmappningen."))
            return redirect("economy:mapping", forbund=request.forbund.slug)
        if form.is_valid():
            override = form.save()
            audit.log(
                request.user, "economy.mapping_added", override, changes=audit.diff(None, override)
            )
            messages.success(request, _("Mappningen är sparad."))
            return redirect("economy:mapping", forbund=request.forbund.slug)
    account_mapping = mapping_for(request.forbund)
    # The accounts of the latest year that has any, to show where each one goes.
    latest = (
        FinancialYear.objects.filter(forbund=request.forbund, accounts__isnull=False)
        .distinct()
        .first()
    )
    accounts = []
    if latest is not None:
        for account in LedgerAccount.objects.filter(financial_year=latest).order_by("number"):
            accounts.append(
                {
                    "number": account.number,
                    "name": account.name,
                    "line": _line_label(account_mapping.line_for(account.number)),
                    "overridden": account_mapping.is_overridden(account.number),
                }
            )
    context = _context(
        request,
        page="mapping",
        form=form,
        overrides=AccountLineOverride.objects.filter(forbund=request.forbund),
        defaults=[(_line_label(line), ranges) for line, ranges in default_ranges_by_line().items()],
        accounts=accounts,
        latest=latest,
    )
    return render(request, "economy/mapping.html", context)


@forbund_view("economy.manage")
def settings_page(request):
    current = settings_for(request.forbund)
    steps = EquityGuidelineStep.objects.filter(forbund=request.forbund)
    if request.method == "POST" and "own_steps" in request.POST:
        if not steps.exists():
            create_default_steps(request.forbund)
            audit.log(request.user, "economy.equity_guideline_changed", forbund=request.forbund)
        return redirect("economy:settings", forbund=request.forbund.slug)
    form = EconomySettingsForm(request.POST or None, instance=current, prefix="settings")
    formset = EquityStepFormSet(request.POST or None, queryset=steps, prefix="steps")
    own_steps = steps.exists()
    if request.method == "POST" and form.is_valid() and (not own_steps or formset.is_valid()):

        def save(before):
            saved = form.save()
            changes = audit.diff(before, saved)
            if before is None or changes:
                audit.log(request.user, "economy.settings_changed", saved, changes=changes)
            if own_steps and formset.has_changed():
                for step in formset.save(commit=False):
                    step.forbund = request.forbund
                    step.save()
                for step in formset.deleted_objects:
                    step.delete()
                audit.log(request.user, "economy.equity_guideline_changed", forbund=request.forbund)
            return saved

        # The steps are saved with the settings: the settings' version guards both.
        if save_or_conflict(form, save) is not None:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("economy:settings", forbund=request.forbund.slug)
    context = _context(
        request,
        page="settings",
        form=form,
        formset=formset,
        own_steps=own_steps,
        default_steps=DEFAULT_STEPS,
    )
    return render(request, "economy/settings.html", context)


@forbund_view("economy.manage")
def staff(request):
    instance = StaffYear(forbund=request.forbund)
    edit = request.GET.get("ar") or request.POST.get("edit")
    if edit:
        instance = get_object_or_404(StaffYear, year=edit) if str(edit).isdigit() else instance
    form = StaffYearForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():

        def save(before):
            saved = form.save()
            changes = audit.diff(before, saved)
            if before is None or changes:
                audit.log(request.user, "economy.staff_saved", saved, changes=changes)
            return saved

        saved = save_or_conflict(form, save)
        if saved is not None:
            messages.success(
                request, _("Personaluppgifterna för %(year)s är sparade.") % {"year": saved.year}
            )
            return redirect("economy:staff", forbund=request.forbund.slug)
    context = _context(
        request,
        page="staff",
        form=form,
        editing=instance.pk is not None,
        rows=StaffYear.objects.filter(forbund=request.forbund),
    )
    return render(request, "economy/staff.html", context)


@forbund_view("economy.manage")
def adjustments(request):
    form = BalanceAdjustmentForm(
        request.POST or None, instance=BalanceAdjustment(forbund=request.forbund)
    )
    if request.method == "POST":
        if "delete" in request.POST:
            adjustment = get_object_or_404(BalanceAdjustment, pk=request.POST.get("delete"))
            audit.log(
                request.user,
                "economy.adjustment_deleted",
                adjustment,
                changes={"år": adjustment.year, "belopp": str(adjustment.amount)},
            )
            adjustment.delete()
            messages.success(request, _("Justeringen är borttagen."))
            return redirect("economy:adjustments", forbund=request.forbund.slug)
        if form.is_valid():
            saved = form.save()
            audit.log(
                request.user, "economy.adjustment_added", saved, changes=audit.diff(None, saved)
            )
            messages.success(request, _("Justeringen är sparad."))
            return redirect("economy:adjustments", forbund=request.forbund.slug)
    context = _context(
        request,
        page="adjustments",
        form=form,
        rows=BalanceAdjustment.objects.filter(forbund=request.forbund),
    )
    return render(request, "economy/adjustments.html", context)
