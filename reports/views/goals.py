"""Goals of a year with their results and måluppfyllelse; editing for reports.manage."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_scopes import scope

from core.versioning import delete_versioned, save_or_conflict
from organisations.access import forbund_view
from reports import services
from reports.services import sources
from reports.services.goals import goal_results, thresholds_for

from ..choices import DEFAULT_GOOD_WITHIN, DEFAULT_PARTLY_WITHIN
from ..forms import GoalForm, GradingForm
from ..models import Goal, GoalGrading
from . import can_manage

READ = ("GET", "HEAD")


def results_for_year(forbund, year: int):
    from participants.services.statistics import year_statistics

    with scope(forbund=forbund):
        goals = Goal.objects.filter(year=year).select_related("insats")
        statistics = year_statistics(forbund, year)
        operating = sources.operating(forbund, year)
        return goal_results(
            goals, statistics, sources.budget_use(operating), thresholds_for(forbund)
        )


@forbund_view("reports.view", methods=READ)
def goals(request, year: int):
    thresholds = thresholds_for(request.forbund)
    return render(
        request,
        "reports/goals.html",
        {
            "year": year,
            "results": results_for_year(request.forbund, year),
            "thresholds": thresholds,
            "can_manage": can_manage(request),
            "has_previous": Goal.objects.filter(year=year - 1).exists(),
        },
    )


@forbund_view("reports.manage")
def goal_edit(request, year: int, goal: int | None = None):
    instance = (
        get_object_or_404(Goal.objects.select_related("insats"), pk=goal, year=year)
        if goal
        else Goal(forbund=request.forbund, year=year)
    )
    form = GoalForm(request.POST or None, instance=instance)
    if request.method == "POST" and "delete" in request.POST and goal:
        problem = delete_versioned(
            instance,
            request.POST.get("version"),
            lambda: services.delete_goal(instance, request.user),
        )
        if problem:
            messages.error(request, problem)
            return redirect(request.path)
        messages.success(request, _("Målet är borttaget."))
        return redirect("reports:goals", forbund=request.forbund.slug, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(
                form,
                lambda before: services.save_goal(
                    form.save(commit=False), request.user, before=before
                ),
            )
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            if saved is not None:
                messages.success(request, _("Målet är sparat."))
                return redirect("reports:goals", forbund=request.forbund.slug, year=year)
    return render(request, "reports/goal_form.html", {"year": year, "form": form, "goal": instance})


@forbund_view("reports.manage")
def goals_copy(request, year: int):
    if request.method == "POST":
        try:
            count = services.copy_goals(request.forbund, year - 1, year, request.user)
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(count)s mål kopierades från %(year)s.") % {"count": count, "year": year - 1},
            )
        return redirect("reports:goals", forbund=request.forbund.slug, year=year)
    return render(request, "reports/goals_copy.html", {"year": year})


@forbund_view("reports.manage")
def grading(request):
    instance = GoalGrading.objects.filter(forbund=request.forbund).first()
    form = GradingForm(
        request.POST or None, instance=instance or GoalGrading(forbund=request.forbund)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: services.save_grading(
                form.save(commit=False), request.user, before=before
            ),
        )
        if saved is not None:
            messages.success(request, _("Gränserna för måluppfyllelse är sparade."))
            return redirect("reports:index", forbund=request.forbund.slug)
    defaults = {"default_good": DEFAULT_GOOD_WITHIN, "default_partly": DEFAULT_PARTLY_WITHIN}
    return render(request, "reports/grading.html", {"form": form, **defaults})
