"""Budget pages: years, lines, revisions, import/export and the three-year plan."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import jobs, waiting_files
from core.audit import describe_export
from core.versioning import delete_versioned, save_or_conflict
from organisations.access import forbund_view

from .. import jobs as budget_jobs
from ..choices import COST_AREAS, INCOME_CATEGORIES, BudgetCategory
from ..forms import BudgetForm, BudgetImportForm, BudgetLineForm, RevisionForm
from ..models import Budget, BudgetLine, BudgetRevision
from ..services.budgets import budget_for_year, snapshot_of, three_year_plan
from ..services.editing import (
    BudgetError,
    NewLine,
    create_budget,
    create_revision,
    delete_line,
    save_line,
    update_budget,
)
from ..services.transfer import export_budget_xlsx, revised_message
from . import can_manage


def _budget_or_404(year: int) -> Budget:
    return get_object_or_404(Budget, year=year)


def _add_errors(form, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, str(error))


@forbund_view("economy.view", methods=("GET", "HEAD"))
def budget_list(request):
    budgets = list(Budget.objects.order_by("-year"))
    summaries = [(budget, snapshot_of(budget)) for budget in budgets]
    return render(
        request,
        "budget/budget_list.html",
        {"summaries": summaries, "can_manage": can_manage(request)},
    )


def _sections(snapshot, categories):
    return [
        {
            "category": category,
            "label": BudgetCategory(category).label,
            "lines": snapshot.lines_in(category),
            "original": snapshot.total_for_category(category, original=True),
            "amount": snapshot.total_for_category(category),
        }
        for category in categories
    ]


@forbund_view("economy.view", methods=("GET", "HEAD"))
def budget_detail(request, year: int):
    budget = Budget.objects.filter(year=year).first()
    if budget is None:
        return render(
            request,
            "budget/budget_missing.html",
            {"year": year, "can_manage": can_manage(request)},
        )
    as_of = None
    as_of_text = request.GET.get("per", "").strip()
    if as_of_text:
        try:
            as_of = datetime.date.fromisoformat(as_of_text)
        except ValueError:
            messages.error(request, _("Datumet skrivs ÅÅÅÅ-MM-DD, till exempel 2023-09-30."))
    snapshot = budget_for_year(request.forbund, year, as_of=as_of)
    assert snapshot is not None  # the budget exists (above)
    return render(
        request,
        "budget/budget_detail.html",
        {
            "year": year,
            "budget": budget,
            "snapshot": snapshot,
            "as_of": as_of,
            "as_of_text": as_of_text,
            "costs": _sections(snapshot, COST_AREAS),
            "income": _sections(snapshot, INCOME_CATEGORIES),
            "income_original": snapshot.total_income(original=True),
            "costs_original": snapshot.total_costs(original=True),
            "result_before_equity": snapshot.result(include_equity=False),
            "revisions": budget.revisions.prefetch_related("changes__line"),
            "editable": not budget.revisions.exists(),
            "can_manage": can_manage(request),
            # The outcome against this budget, from the books (the economy app's budget_panel).
            "outcome_panels": [
                panel
                for config in apps.get_app_configs()
                if (make := getattr(config, "budget_panel", None)) is not None
                and (panel := make(request, year))
            ],
        },
    )


@forbund_view("economy.manage")
def budget_create(request):
    existing = list(Budget.objects.order_by("-year").values_list("year", flat=True))
    initial = {"year": (existing[0] + 1) if existing else datetime.date.today().year}
    form = BudgetForm(request.POST or None, initial=initial, existing_years=existing)
    if request.method == "POST" and form.is_valid():
        copy_year = form.cleaned_data.get("copy_from")
        try:
            budget = create_budget(
                request.forbund,
                form.cleaned_data["year"],
                request.user,
                adopted_on=form.cleaned_data["adopted_on"],
                note=form.cleaned_data["note"],
                copy_from=Budget.objects.filter(year=copy_year).first() if copy_year else None,
            )
        except (BudgetError, ValidationError) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Budgeten för %(year)s är skapad.") % {"year": budget.year})
            return redirect("budget:budget", forbund=request.forbund.slug, year=budget.year)
    return render(request, "budget/budget_form.html", {"form": form, "budget": None})


@forbund_view("economy.manage")
def budget_edit(request, year: int):
    budget = _budget_or_404(year)
    form = BudgetForm(request.POST or None, instance=budget)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: update_budget(form.save(commit=False), request.user, before=before),
        )
        if saved is not None:
            messages.success(request, _("Budgeten är sparad."))
            return redirect("budget:budget", forbund=request.forbund.slug, year=year)
    return render(request, "budget/budget_form.html", {"form": form, "budget": budget})


@forbund_view("economy.manage")
def line_edit(request, year: int, budget_line: int | None = None):
    budget = _budget_or_404(year)
    if budget_line is None:
        instance = BudgetLine(budget=budget, forbund=request.forbund)
    else:
        instance = get_object_or_404(BudgetLine, pk=budget_line, budget=budget)
    form = BudgetLineForm(request.POST or None, instance=instance)
    if request.method == "POST":
        try:
            if "delete" in request.POST and instance.pk:
                problem = delete_versioned(
                    instance,
                    request.POST.get("version"),
                    lambda: delete_line(instance, request.user),
                )
                if problem:
                    messages.error(request, problem)
                    return redirect(request.path)
                messages.success(request, _("Raden är borttagen."))
                return redirect("budget:budget", forbund=request.forbund.slug, year=year)
            if form.is_valid():
                saved = save_or_conflict(
                    form,
                    lambda before: save_line(form.save(commit=False), request.user, before=before),
                )
                if saved is not None:
                    messages.success(request, _("Raden är sparad."))
                    return redirect("budget:budget", forbund=request.forbund.slug, year=year)
        except (BudgetError, ValidationError) as error:
            _add_errors(form, error)
    return render(
        request,
        "budget/line_form.html",
        {
            "form": form,
            "budget": budget,
            "line": instance,
            "editable": not budget.revisions.exists(),
        },
    )


@forbund_view("economy.manage")
def revision_add(request, year: int):
    budget = _budget_or_404(year)
    current = snapshot_of(budget)
    form = RevisionForm(request.POST or None, lines=current.lines)
    if request.method == "POST" and form.is_valid():
        lines = {line.pk: line for line in BudgetLine.objects.filter(budget=budget)}
        changes = {lines[pk]: amount for pk, amount in form.changed_amounts().items()}
        new_lines = []
        if form.wants_new_line:
            insats = form.cleaned_data.get("new_insats")
            new_lines.append(
                NewLine(
                    category=form.cleaned_data["new_category"],
                    name=form.cleaned_data["new_name"] or (insats.name if insats else ""),
                    amount=form.cleaned_data["new_amount"],
                    insats=insats,
                )
            )
        try:
            create_revision(
                budget,
                request.user,
                decided_on=form.cleaned_data["decided_on"],
                note=form.cleaned_data["note"],
                reference=form.cleaned_data["reference"],
                changes=changes,
                new_lines=new_lines,
            )
        except (BudgetError, ValidationError) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Ändringsbeslutet är sparat."))
            return redirect("budget:budget", forbund=request.forbund.slug, year=year)
    return render(
        request, "budget/revision_form.html", {"form": form, "budget": budget, "year": year}
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@forbund_view("economy.view", methods=("GET", "HEAD"))
def budget_export(request, year: int):
    budget = Budget.objects.filter(year=year).first()
    if budget is None:
        raise Http404
    response = HttpResponse(export_budget_xlsx(budget), content_type=XLSX)
    filename = f"budget-{request.forbund.slug}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return describe_export(
        response, kind="budget", file_format="xlsx", year=year, rows=budget.lines.count()
    )


@forbund_view("economy.manage")
def budget_import(request, year: int):
    """Checks what is cheap to check (the form, and that the original budget may still be
    replaced), keeps the file and starts the job that reads it (budget/jobs.py)."""
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if BudgetRevision.objects.filter(budget__year=year).exists():
            form.add_error(None, revised_message(year))
        else:
            upload = form.cleaned_data["file"]
            token = waiting_files.keep(budget_jobs.WAITING, upload)
            params = budget_jobs.params(year, token, upload.name)
            return jobs.follow(jobs.start_for(request, budget_jobs.KIND, params))
    return render(request, "budget/import.html", {"form": form, "year": year})


@forbund_view("economy.view", methods=("GET", "HEAD"))
def plan(request, year: int):
    return render(
        request,
        "budget/plan.html",
        {
            "plan": three_year_plan(request.forbund, year),
            "year": year,
            "can_manage": can_manage(request),
        },
    )
