"""Pages for members' contributions: the year's table, amounts, the key, the calculator."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.apportion import METHOD as ROUNDING_METHOD
from core.versioning import save_rows_or_conflict
from organisations.access import forbund_view
from organisations.choices import MemberKind

from ..choices import ContributionField, MidYearRule
from ..forms import BudgetImportForm, CalculatorForm, ContributionAmountsForm, KeyForm
from ..models import Contribution, MunicipalKeyShare, MunicipalPopulation
from ..services.contributions import (
    CalculationError,
    PopulationImportError,
    calculate_contributions,
    contributions_for_year,
    import_populations,
    members_in_year,
    mid_year_rule,
    save_calculation,
    save_contribution_amounts,
    save_key_inputs,
    save_mid_year_rule,
)
from . import can_manage


def _current_year() -> int:
    return datetime.date.today().year


@forbund_view("economy.view", methods=("GET", "HEAD"))
def contributions(request, year: int | None = None):
    year = year or _current_year()
    table = contributions_for_year(request.forbund, year)
    populations = {
        row.member_id: row.population for row in MunicipalPopulation.objects.filter(year=year)
    }
    own_key = MunicipalKeyShare.objects.filter(year=year).exists()
    return render(
        request,
        "budget/contributions.html",
        {
            "year": year,
            "table": table,
            "populations": populations,
            "own_key": own_key,
            "can_manage": can_manage(request),
        },
    )


@forbund_view("economy.manage")
def contributions_edit(request, year: int):
    table = contributions_for_year(request.forbund, year)
    form = ContributionAmountsForm(request.POST or None, rows=table.rows)
    rows = lambda: Contribution.objects.filter(year=year)  # noqa: E731
    form.set_rows(rows())
    if request.method == "POST" and form.is_valid():
        saved = save_rows_or_conflict(
            form,
            request.forbund,
            rows,
            lambda: (
                save_contribution_amounts(request.forbund, year, form.amounts(), request.user)
                or True
            ),
        )
        if saved:
            messages.success(
                request, _("Medlemsbidragen för %(year)s är sparade.") % {"year": year}
            )
            return redirect("budget:contributions", forbund=request.forbund.slug, year=year)
    return render(request, "budget/contributions_form.html", {"year": year, "form": form})


def _municipalities(forbund, year):
    return [m for m, _f in members_in_year(forbund, year) if m.kind == MemberKind.KOMMUN]


@forbund_view("economy.manage")
def key_edit(request, year: int):
    municipalities = _municipalities(request.forbund, year)
    populations = {r.member_id: r.population for r in MunicipalPopulation.objects.filter(year=year)}
    weights = {r.member_id: r.weight for r in MunicipalKeyShare.objects.filter(year=year)}
    form = KeyForm(
        request.POST or None,
        municipalities=municipalities,
        populations=populations,
        weights=weights,
    )

    def rows():
        return [
            *MunicipalPopulation.objects.filter(year=year),
            *MunicipalKeyShare.objects.filter(year=year),
        ]

    form.set_rows(rows())
    if request.method == "POST" and form.is_valid():
        saved = save_rows_or_conflict(
            form,
            request.forbund,
            rows,
            lambda: (
                save_key_inputs(
                    request.forbund, year, form.populations(), form.weights(), request.user
                )
                or True
            ),
        )
        if saved:
            messages.success(
                request, _("Fördelningsnyckeln för %(year)s är sparad.") % {"year": year}
            )
            return redirect("budget:contributions", forbund=request.forbund.slug, year=year)
    return render(request, "budget/key_form.html", {"year": year, "form": form})


@forbund_view("economy.manage")
def calculator(request, year: int):
    """GET: the form; POST "preview": the split; POST "save": write it into the chosen column."""
    rule, decided = mid_year_rule(request.forbund, year)
    form = CalculatorForm(request.POST or None, initial={"mid_year_rule": rule})
    calculation = None
    if request.method == "POST" and form.is_valid():
        try:
            calculation = calculate_contributions(
                request.forbund,
                year,
                form.cleaned_data["total"],
                rule=form.cleaned_data["mid_year_rule"] or None,
            )
        except CalculationError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            if request.POST.get("action") == "save":
                target = form.cleaned_data["target"]
                save_mid_year_rule(request.forbund, year, calculation.mid_year_rule, request.user)
                save_calculation(request.forbund, calculation, target, request.user)
                messages.success(
                    request,
                    _("Fördelningen är sparad som %(field)s för %(year)s.")
                    % {"field": dict(ContributionField.choices)[target].lower(), "year": year},
                )
                return redirect("budget:contributions", forbund=request.forbund.slug, year=year)
    return render(
        request,
        "budget/calculator.html",
        {
            "year": year,
            "form": form,
            "calculation": calculation,
            "mid_year_rule_label": MidYearRule(rule).label,
            "rounding_method": ROUNDING_METHOD,
            "mid_year_decided": decided,
            "part_year_members": [
                (member, fraction)
                for member, fraction in members_in_year(request.forbund, year)
                if fraction < 1
            ],
        },
    )


@forbund_view("economy.manage")
def population_import(request):
    """Population per municipality and year from a file (Kommun, År, Befolkning)."""
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].help_text = _("Kolumner: Kommun, År, Befolkning.")
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            counts = import_populations(request.forbund, upload, upload.name, request.user)
        except PopulationImportError as error:
            errors = error.errors
        else:
            for year, count in counts.items():
                messages.success(
                    request,
                    _("Befolkning för %(count)s kommuner är inläst för %(year)s.")
                    % {"count": count, "year": year},
                )
            return redirect("budget:contributions", forbund=request.forbund.slug, year=max(counts))
    return render(request, "budget/population_import.html", {"form": form, "import_errors": errors})
