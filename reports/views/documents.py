"""The business plan and the period reports: overview, texts, downloads."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import audit, jobs
from core.versioning import save_rows_or_conflict
from core.years import is_valid_year
from organisations.access import forbund_view
from organisations.roles import has_capability
from reports import jobs as report_jobs
from reports import services
from reports.services import generation, sources
from reports.services.forecast import forecast_lines, save_forecasts, stored_forecasts
from reports.services.sections import sections_for

from ..choices import PERIOD_TITLES, Period, ReportKind
from ..forms import ForecastForm, ReportOptionsForm, TextsForm
from ..models import PeriodForecast, Report
from . import can_manage, download
from .annual import report_rows

READ = ("GET", "HEAD")


def _period(value: str) -> Period:
    try:
        return Period(value)
    except ValueError:
        raise Http404 from None


# --- Report files in the background ------------------------------------------------------------


@forbund_view("reports.view", methods=("POST",))
def generate(request):
    """Start making a report file in the background (core/jobs.py) and go to its page.

    The form posts kind (arsredovisning, verksamhetsplan, periodrapport), year, period (for a
    period report) and format (docx, pdf). The GET downloads below still make the file in the
    request (for scripts and bookmarks)."""
    try:
        year = int(request.POST.get("year", ""))
        if not is_valid_year(year):
            raise ValueError(year)
        params = report_jobs.params(
            request.POST.get("kind", ""),
            year,
            request.POST.get("format", ""),
            request.POST.get("period", ""),
        )
    except ValueError:
        messages.error(
            request, _("Rapporten kunde inte beställas: okänd rapport, år eller format.")
        )
        return redirect("reports:index", forbund=request.forbund.slug)
    return jobs.follow(jobs.start_for(request, report_jobs.KIND, params))


# --- Business plan ---------------------------------------------------------------------------


@forbund_view("reports.view", methods=READ)
def plan(request, year: int):
    data = generation.business_plan_data(request.forbund, year)
    return render(
        request,
        "reports/plan.html",
        {"year": year, "data": data, "can_manage": can_manage(request)},
    )


@forbund_view("reports.manage")
def plan_texts(request, year: int):
    report = generation.find_report(request.forbund, ReportKind.PLAN, year)
    form = TextsForm(
        sections_for(ReportKind.PLAN), sources.texts(report, ReportKind.PLAN), request.POST or None
    )
    rows = partial(report_rows, ReportKind.PLAN, year)
    form.set_rows(rows())
    if request.method == "POST" and form.is_valid():

        def save() -> int:
            report = services.get_or_create_report(request.forbund, ReportKind.PLAN, year)
            return services.save_texts(report, form.texts(), request.user)

        count = save_rows_or_conflict(form, request.forbund, rows, save)
        if count is not None:
            messages.success(
                request, _("Texterna är sparade (%(count)s ändrade).") % {"count": count}
            )
            return redirect("reports:plan", forbund=request.forbund.slug, year=year)
    title = _("Texter i verksamhetsplanen %(year)s") % {"year": year}
    return render(
        request,
        "reports/texts.html",
        {
            "year": year,
            "form": form,
            "title": title,
            "back": reverse("reports:plan", kwargs={"forbund": request.forbund.slug, "year": year}),
        },
    )


def _plan_file(request, year: int, fmt: str):
    data = generation.business_plan_data(request.forbund, year)
    return download(generation.report_file(data, fmt), generation.file_name(data, fmt), fmt)


@forbund_view("reports.view", methods=READ)
def plan_docx(request, year: int):
    return _plan_file(request, year, "docx")


@forbund_view("reports.view", methods=READ)
def plan_pdf(request, year: int):
    return _plan_file(request, year, "pdf")


# --- Period reports --------------------------------------------------------------------------


@forbund_view("reports.view", methods=READ)
def period(request, year: int, report_period: str):
    chosen = _period(report_period)
    data = generation.period_report_data(request.forbund, year, chosen)
    report = generation.find_report(request.forbund, ReportKind.PERIOD, year, chosen)
    return render(
        request,
        "reports/period.html",
        {
            "year": year,
            "period": chosen,
            "title": PERIOD_TITLES[chosen],
            "data": data,
            "report": report,
            "can_manage": can_manage(request),
            "can_forecast": has_capability(request.membership.role, "economy.manage"),
        },
    )


@forbund_view("reports.manage")
def period_texts(request, year: int, report_period: str):
    chosen = _period(report_period)
    report = generation.find_report(request.forbund, ReportKind.PERIOD, year, chosen)
    report_instance = report or Report(
        forbund=request.forbund, kind=ReportKind.PERIOD, year=year, period=chosen
    )
    form = TextsForm(
        sections_for(ReportKind.PERIOD),
        sources.texts(report, ReportKind.PERIOD),
        request.POST or None,
    )
    options = ReportOptionsForm(request.POST or None, instance=report_instance, prefix="val")
    # One fingerprint over the report (its options) and its texts: the page's version.
    rows = partial(report_rows, ReportKind.PERIOD, year, chosen)
    form.set_rows(rows())
    if request.method == "POST" and form.is_valid() and options.is_valid():

        def save() -> int:
            stored = Report.objects.filter(pk=report_instance.pk).first() if report else None
            saved = services.save_report_options(
                options.save(commit=False),
                request.user,
                before=audit.snapshot(stored) if stored else {},
            )
            return services.save_texts(saved, form.texts(), request.user)

        count = save_rows_or_conflict(form, request.forbund, rows, save)
        if count is not None:
            messages.success(
                request, _("Texterna är sparade (%(count)s ändrade).") % {"count": count}
            )
            return redirect(
                "reports:period", forbund=request.forbund.slug, year=year, report_period=chosen
            )
    title = _("Texter i %(title)s %(year)s") % {
        "title": PERIOD_TITLES[chosen].lower(),
        "year": year,
    }
    return render(
        request,
        "reports/texts.html",
        {
            "year": year,
            "form": form,
            "options": options,
            "title": title,
            "back": reverse(
                "reports:period",
                kwargs={"forbund": request.forbund.slug, "year": year, "report_period": chosen},
            ),
        },
    )


def _forecast_rows(year: int, period: str) -> list:
    """The rows the forecast page edits: their fingerprint is the page's version."""
    return list(
        PeriodForecast.objects.filter(
            report__kind=ReportKind.PERIOD, report__year=year, report__period=period
        )
    )


@forbund_view("economy.manage")
def period_forecast(request, year: int, report_period: str):
    """The ekonom's full-year forecast per line of the driftredovisning (prognos helår)."""
    chosen = _period(report_period)
    data = generation.period_report_data(request.forbund, year, chosen)
    report = generation.find_report(request.forbund, ReportKind.PERIOD, year, chosen)
    lines = forecast_lines(data["operating"])
    form = ForecastForm(lines, stored_forecasts(report), request.POST or None)
    rows = partial(_forecast_rows, year, chosen)
    form.set_rows(rows())
    if request.method == "POST" and form.is_valid():

        def save() -> int:
            saved = services.get_or_create_report(request.forbund, ReportKind.PERIOD, year, chosen)
            return save_forecasts(saved, form.values(), lines, request.user)

        count = save_rows_or_conflict(form, request.forbund, rows, save)
        if count is not None:
            messages.success(
                request, _("Prognosen är sparad (%(count)s rader ändrade).") % {"count": count}
            )
            return redirect(
                "reports:period", forbund=request.forbund.slug, year=year, report_period=chosen
            )
    return render(
        request,
        "reports/forecast.html",
        {
            "year": year,
            "period": chosen,
            "title": PERIOD_TITLES[chosen],
            "data": data,
            "form": form,
        },
    )


def _period_file(request, year: int, report_period: str, fmt: str):
    data = generation.period_report_data(request.forbund, year, _period(report_period))
    return download(generation.report_file(data, fmt), generation.file_name(data, fmt), fmt)


@forbund_view("reports.view", methods=READ)
def period_docx(request, year: int, report_period: str):
    return _period_file(request, year, report_period, "docx")


@forbund_view("reports.view", methods=READ)
def period_pdf(request, year: int, report_period: str):
    return _period_file(request, year, report_period, "pdf")
