"""The economy pages everyone with economy.view reads: books, statements, driftredovisning,
checks and the five-year overview. Pages that change something are in manage.py."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from economy.choices import CheckStatus
from economy.models import FinancialYear
from economy.services import (
    NoBooksError,
    consistency_warnings,
    five_year_overview,
    operating_statement,
    presentation,
    run_checks,
    statements_for,
)
from economy.services.budget_status import row_status, statement_share
from economy.services.statements import build_document
from organisations.access import SAFE_METHODS, forbund_view
from organisations.roles import has_capability


def _unit(request) -> str:
    return "kr" if request.GET.get("enhet") == "kr" else "tkr"


YEAR_PAGES = ("statements", "operating", "checks", "overview")


def _context(request, year: int | None = None, **extra) -> dict:
    page = extra.get("page")
    years = list(
        FinancialYear.objects.filter(forbund=request.forbund)
        .order_by("-end")
        .values_list("end__year", flat=True)
    )
    return {
        "year": year,
        "years": years,
        "unit": _unit(request),
        "can_manage": has_capability(request.membership.role, "economy.manage"),
        "year_view": f"economy:{page}" if page in YEAR_PAGES else None,
        **extra,
    }


def _no_books(request, year: int, page: str):
    context = _context(request, year, page=page)
    return render(request, "economy/no_books.html", context)


@forbund_view("economy.view", methods=SAFE_METHODS)
def home(request):
    years = FinancialYear.objects.filter(forbund=request.forbund).select_related("imported_by")
    latest = years.first()
    checks = []
    if latest is not None:
        checks = run_checks(request.forbund, latest.year)
    failing = [check for check in checks if check.status == CheckStatus.NOT_MET]
    context = _context(
        request,
        latest.year if latest else None,
        page="home",
        financial_years=years,
        latest=latest,
        checks=checks,
        failing=failing,
    )
    return render(request, "economy/home.html", context)


@forbund_view("economy.view", methods=SAFE_METHODS)
def statements(request, year: int):
    try:
        current, previous = statements_for(request.forbund, year)
    except NoBooksError:
        return _no_books(request, year, "statements")
    document = build_document(request.forbund.slug, year, current, previous)
    financial_year = current.books.financial_year
    notes = [
        {"key": line.key, "label": line.label, "rows": document["noter"][line.key]}
        for line in presentation.statement_lines()
        if line.key in document["noter"]
    ]
    context = _context(
        request,
        year,
        page="statements",
        financial_year=financial_year,
        has_previous=previous is not None,
        income_rows=presentation.table(presentation.INCOME_STATEMENT, document["resultatrakning"]),
        balance_rows=presentation.table(presentation.BALANCE_SHEET, document["balansrakning"]),
        cash_flow_rows=presentation.table(presentation.CASH_FLOW, document["kassaflodesanalys"]),
        key_figure_rows=presentation.table(presentation.KEY_FIGURES, document["nyckeltal"]),
        has_cash_flow=current.cash_flow is not None,
        notes=notes,
        warnings=consistency_warnings(current),
    )
    return render(request, "economy/statements.html", context)


def _until(request, year: int) -> date | None:
    raw = request.GET.get("till", "").strip()
    if not raw:
        return None
    try:
        until = date.fromisoformat(raw)
    except ValueError:
        messages.error(
            request, _("”%(value)s” är inget datum (ÅÅÅÅ-MM-DD); hela året visas.") % {"value": raw}
        )
        return None
    if until.year != year:
        messages.error(
            request, _("Datumet ska ligga i %(year)s; hela året visas.") % {"year": year}
        )
        return None
    return until


@forbund_view("economy.view", methods=SAFE_METHODS)
def operating(request, year: int):
    until = _until(request, year)
    try:
        statement = operating_statement(request.forbund, year, until=until)
    except NoBooksError:
        return _no_books(request, year, "operating")
    share = statement_share(request.forbund, statement, timezone.localdate(), until)
    context = _context(
        request,
        year,
        page="operating",
        statement=statement,
        until=until,
        rows=[(row, row_status(row, share)) for row in statement.rows],
        share_percent=round(float(share) * 100) if share < 1 else None,
    )
    return render(request, "economy/operating.html", context)


@forbund_view("economy.view", methods=SAFE_METHODS)
def checks(request, year: int):
    try:
        results = run_checks(request.forbund, year)
    except NoBooksError:
        return _no_books(request, year, "checks")
    context = _context(request, year, page="checks", checks=results)
    return render(request, "economy/checks.html", context)


@forbund_view("economy.view", methods=SAFE_METHODS)
def overview(request, year: int):
    rows = five_year_overview(request.forbund, year)
    context = _context(
        request,
        year,
        page="overview",
        rows=rows,
        has_figures=any(row["kalla"] for row in rows),
        has_staff=any(row["arsarbetare"]["totalt"] is not None for row in rows),
    )
    return render(request, "economy/overview.html", context)
