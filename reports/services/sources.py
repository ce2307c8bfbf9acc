"""Data for the reports from the other apps' services, as JSON-ready dicts.

Each function reads one kind of data for a förbund and returns plain JSON (see snapshot.py).
Call inside `scope(forbund=...)`. The figures are the services' own: the statistics of
participants.services.statistics, the statements of economy.services, the budget of budget.services.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import Q

from budget.services import budget_for_year, contributions_for_year, ideal_allocation
from budget.services import three_year_plan as budget_three_year_plan
from economy.services import (
    NoBooksError,
    financial_statements,
    operating_statement,
    run_checks,
    statements_until,
)
from economy.services import five_year_overview as economy_five_year_overview
from economy.services.balance_requirement import balance_requirement_follow_up
from organisations.choices import Role
from organisations.models import Member, Membership
from participants.choices import InterventionKind
from participants.models import Insats
from participants.services.statistics import year_statistics
from participants.services.statistics_publication import publishable
from reports.models import AdoptedVersion, Report, ReportText
from reports.services.sections import sections_for
from reports.services.snapshot import jsonable
from reports.services.trustees import signing_board, trustees_for_year

COMPARISON_YEARS = 3  # the year and the two before it (Stockholms stad 2023, figure 6)


def forbund_info(forbund) -> dict[str, Any]:
    return {
        "slug": forbund.slug,
        "name": forbund.name,
        "org_number": forbund.org_number,
        "seat": forbund.seat,
    }


def texts(report: Report | None, kind: str) -> dict[str, str]:
    """Every section's text; an empty or missing text falls back to the section's default."""
    stored = {}
    if report is not None and report.pk:
        stored = dict(ReportText.objects.filter(report=report).values_list("key", "text"))
    return {
        section.key: (stored.get(section.key) or "").strip() or section.default
        for section in sections_for(kind)
    }


INSATS_TEXT_PREFIX = "insats:"


def insats_texts(report: Report | None) -> dict[str, str]:
    """The förbund's text about each insats's year (ReportText keys "insats:KOD"), by code."""
    if report is None or not report.pk:
        return {}
    rows = ReportText.objects.filter(report=report, key__startswith=INSATS_TEXT_PREFIX)
    return {
        key[len(INSATS_TEXT_PREFIX) :]: text.strip()
        for key, text in rows.values_list("key", "text")
        if text.strip()
    }


def members(forbund, year: int) -> list[dict[str, Any]]:
    """Members during the year, with their decided contribution (kronor) where entered."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = {row.member.pk: row for row in contributions_for_year(forbund, year).rows}
    result = []
    active = Member.objects.filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=last),
        Q(left_on__isnull=True) | Q(left_on__gte=first),
    )
    for member in sorted(active, key=lambda m: (_KIND_ORDER.get(m.kind, 9), m.name)):
        row = rows.get(member.pk)
        result.append(
            {
                "name": member.name,
                "kind": member.kind,
                "kind_label": str(member.get_kind_display()),
                "joined_on": member.joined_on,
                "left_on": member.left_on,
                "requested": row.requested if row else None,
                "decided": row.decided if row else None,
            }
        )
    return jsonable(result)


_KIND_ORDER = {"forsakringskassan": 0, "arbetsformedlingen": 1, "region": 2, "kommun": 3}


def board(forbund, year: int | None = None) -> list[dict[str, str]]:
    """The board that signs: from the register of förtroendevalda (names and organisations as
    entered) when it has the year's board; else the signatories of the latest adopted report,
    else the people with the role styrelse in Samordna."""
    if year is not None:
        registered = signing_board(forbund, year)
        if registered:
            return registered
    latest = (
        AdoptedVersion.objects.filter(forbund=forbund)
        .defer("docx", "pdf", "data")
        .order_by("-adopted_on", "-version")
        .first()
    )
    if latest is not None and latest.signatories:
        return [{"name": s["name"], "role": s.get("role", "")} for s in latest.signatories]
    memberships = Membership.objects.filter(forbund=forbund, role=Role.STYRELSE).select_related(
        "user"
    )
    people = sorted(
        (m.user.get_full_name() or m.user.username for m in memberships), key=str.casefold
    )
    return [{"name": name, "role": "Ledamot"} for name in people]


def trustees(forbund, year: int) -> dict[str, list[dict[str, Any]]]:
    """The register of förtroendevalda for the year (reports.services.trustees)."""
    return jsonable(trustees_for_year(forbund, year))


def statistics(forbund, year: int, *, for_publication: bool) -> dict[str, Any]:
    """{"exact": {year: doc}, "shown": {year: doc}} for the year and the two before.

    "shown" is what the report prints: the publishable documents (small counts suppressed)
    when the report is for publication, else the exact ones. Goals are always computed on
    the exact figures (they are shares and totals, not tables of small cells).
    """
    exact = {
        str(y): year_statistics(forbund, y) for y in range(year - COMPARISON_YEARS + 1, year + 1)
    }
    shown = {y: publishable(doc) for y, doc in exact.items()} if for_publication else exact
    return {"exact": exact, "shown": shown}


def statements(forbund, year: int) -> dict[str, Any] | None:
    """The financial statements document of the year, or None when no books are imported."""
    try:
        return jsonable(financial_statements(forbund, year))
    except NoBooksError:
        return None


def period_statements(forbund, year: int, until: date) -> dict[str, Any] | None:
    """The income statement to `until` and the balance sheet at `until` from the imported
    books (economy.services.statements_until), or None when the year has no books."""
    try:
        return jsonable(statements_until(forbund, year, until))
    except NoBooksError:
        return None


def balance_requirement(forbund, year: int) -> dict[str, Any] | None:
    """Deficits to restore and the planned use of equity (economy.services.
    balance_requirement), or None when the year has no books."""
    try:
        return jsonable(balance_requirement_follow_up(forbund, year).as_dict())
    except NoBooksError:
        return None


def five_year_overview(forbund, year: int) -> list[dict[str, Any]]:
    """The economy app's five-year overview (newest first; costs positive)."""
    return jsonable(economy_five_year_overview(forbund, year))


def operating(forbund, year: int, until: date | None = None) -> dict[str, Any] | None:
    """The economy app's driftredovisning, or None when the year has no books."""
    try:
        return jsonable(operating_statement(forbund, year, until=until).as_dict())
    except NoBooksError:
        return None


def checks(forbund, year: int) -> list[dict[str, Any]]:
    """The economy app's checks (god ekonomisk hushållning); none without books."""
    try:
        return jsonable([check.as_dict() for check in run_checks(forbund, year)])
    except NoBooksError:
        return []


def budget_use(statement: dict[str, Any] | None) -> dict[str | None, Fraction | None]:
    """Costs in percent of budgeted costs per insats code, and for the förbund (None),
    exact (Fraction)."""
    if not statement or not statement["har_budget"]:
        return {}
    result: dict[str | None, Fraction | None] = {}
    for row in statement["rader"]:
        if row["nyckel"].startswith("insats:"):
            result[row["nyckel"][7:]] = _percent(row["kostnader"], row["budget_kostnader"])
        elif row["nyckel"] == "resultat":
            result[None] = _percent(row["kostnader"], row["budget_kostnader"])
    return result


def _percent(part, whole) -> Fraction | None:
    """part / whole in percent, exactly: goals are graded on it (reports.services.goals),
    rounded only where it is shown."""
    if part is None or not whole:
        return None
    return Fraction(str(part)) * 100 / Fraction(str(whole))


def insatser(forbund, year: int) -> list[dict[str, Any]]:
    """Insatser running some time in the year, with their budget for the year (kronor)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    snapshot = budget_for_year(forbund, year)
    budgets = snapshot.costs_by_insats() if snapshot is not None else {}
    rows = []
    running = Insats.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=last),
        Q(end_date__isnull=True) | Q(end_date__gte=first),
    ).order_by("kind", "code")
    for insats in running:
        rows.append(
            {
                "code": insats.code,
                "name": insats.name,
                "kind": insats.kind,
                "individual": insats.kind == InterventionKind.INDIVIDUAL,
                "start_date": insats.start_date,
                "end_date": insats.end_date,
                "description": insats.description,
                "target_group": insats.target_group,
                "methods": insats.methods,
                "esf_financed": insats.esf_financed,
                "expected_participants": insats.expected_participants,
                "expected_share_women": insats.expected_share_women,
                "expected_share_work_or_studies": insats.expected_share_work_or_studies,
                "executing_members": [m.name for m in insats.executing_members.all()],
                "budget": budgets.get(insats.pk),
            }
        )
    return jsonable(rows)


def ideal(forbund, year: int) -> dict[str, Any] | None:
    """The state's ideal allocation compared with the actual, when the inputs exist."""
    result = ideal_allocation(forbund, year)
    if result is None or not result.ideal_total:
        return None
    share = result.share_of_ideal
    return {
        "ideal_total": result.ideal_total,
        "actual_total": result.actual_total,
        "share_of_ideal": None if share is None else float(share),
    }


def three_year_plan(forbund, year: int) -> dict[str, Any]:
    """The budget app's three-year plan (year, year + 1, year + 2) as JSON."""
    plan = budget_three_year_plan(forbund, year)

    def sections(items) -> list[dict[str, Any]]:
        return [
            {
                "category": section.category,
                "label": str(section.label),
                "rows": [
                    {"name": row.name, "insats_code": row.insats_code, "amounts": row.amounts}
                    for row in section.rows
                ],
                "totals": section.totals,
            }
            for section in items
        ]

    return jsonable(
        {
            "years": plan.years,
            "present": plan.present,
            "adopted": plan.adopted,
            "income": sections(plan.income),
            "costs": sections(plan.costs),
            "total_income": plan.total_income,
            "total_costs": plan.total_costs,
            "result": plan.result,
        }
    )
