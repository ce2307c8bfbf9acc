"""The economic checks annual reports apply, each against the förbund's own threshold.

    results = run_checks(forbund, 2023)      # list[CheckResult]; NoBooksError without books

- administrationsandel: administration's share of all costs ≤ the limit (002: 10 % of the
  costs; 003: a third of the budget — the basis is a setting, outcome or budget).
- individandel / strukturandel: of the insats costs (what is left after administration),
  individual insatser ≥ the minimum and structural ≤ the maximum (000: 70 / 30 %).
- eget_kapital: equity at year end ≤ Nationella rådet's recommendation for the members'
  contributions (equity_guideline.py).
- balanskrav: the balanskravsresultat ≥ the minimum (0 kr: a result not below zero).
- soliditet: eget kapital / summa tillgångar ≥ the minimum.
A value exactly at its threshold meets it. Shares are compared exactly (fractions of the
booked amounts, never a rounded percentage), and a limit can be a fraction where the rule is
one ("högst en tredjedel": EconomySettings.admin_share_max_fraction = "1/3"), so a share of
exactly a third meets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Sum
from django_scopes import scope

from budget.models import Contribution
from core import figure_cache
from core.formatting import format_number

from ..choices import CheckBasis, CheckStatus, StatementLine
from ..models import EconomySettings
from .configuration import account_in_ranges, settings_for
from .equity_guideline import recommended_max_equity, steps_for
from .operating import INDIVIDUAL, STRUCTURAL, OperatingStatement, operating_statement
from .outcome import ADMINISTRATION
from .statements import YearStatements, statements_for

ZERO = Decimal(0)
PERCENT = "procent"
KRONOR = "kr"


@dataclass
class CheckResult:
    key: str
    label: str
    status: str  # CheckStatus
    value: Decimal | None
    limit: Decimal | None
    unit: str  # "procent" or "kr"
    comparison: str  # "<=" or ">="
    basis: str  # CheckBasis for the share rules, "" otherwise
    explanation: str

    @property
    def status_label(self) -> str:
        return str(CheckStatus(self.status).label)

    def as_dict(self) -> dict[str, Any]:
        return {
            "nyckel": self.key,
            "rubrik": self.label,
            "status": self.status,
            "varde": self.value,
            "grans": self.limit,
            "enhet": self.unit,
            "jamforelse": self.comparison,
            "underlag": self.basis,
            "forklaring": self.explanation,
        }


def _judge(value: Fraction | Decimal | None, limit: Fraction | Decimal, comparison: str) -> str:
    """MET when value <= limit (or >=), compared exactly."""
    if value is None:
        return CheckStatus.NO_DATA
    exact, bound = Fraction(value), Fraction(limit)
    met = exact <= bound if comparison == "<=" else exact >= bound
    return CheckStatus.MET if met else CheckStatus.NOT_MET


def _share(part: Decimal | None, whole: Decimal | None) -> Fraction | None:
    """part / whole in percent, exactly."""
    if part is None or not whole:
        return None
    return Fraction(part) * 100 / Fraction(whole)


def _shown(value: Fraction | None) -> Decimal | None:
    """An exact share as the Decimal the result carries (28 significant digits)."""
    if value is None:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{format_number(value, 1)} %"


def _limit(value: Decimal) -> str:
    """A threshold as entered: 10 %, 33,33 %."""
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_number(value, decimals)} %"


def _kr(value: Decimal | None) -> str:
    return "–" if value is None else f"{format_number(value)} kr"


def member_contributions(
    forbund, statements: YearStatements, settings: EconomySettings
) -> tuple[Decimal, str]:
    """The year's member contributions: booked on the contribution accounts, else the
    decided contributions in the budget app. Returns (amount, where it came from)."""
    lines = statements.income.lines.accounts.get(StatementLine.OPERATING_INCOME, {})
    booked = sum(
        (
            amount
            for number, amount in lines.items()
            if account_in_ranges(number, settings.contribution_accounts)
        ),
        ZERO,
    )
    if booked:
        return booked, "bokföringen"
    with scope(forbund=forbund):
        decided = Contribution.objects.filter(forbund=forbund, year=statements.year).aggregate(
            total=Sum("decided")
        )["total"]
    return Decimal(decided or 0), "beslutade medlemsbidrag"


def admin_share_check(operating: OperatingStatement, settings: EconomySettings) -> CheckResult:
    fraction = settings.admin_share_max_fraction_value()
    if fraction is not None:  # "högst 1/3": exact, shown as 33,33 %
        exact_limit = fraction * 100
        limit = (Decimal(exact_limit.numerator) / Decimal(exact_limit.denominator)).quantize(
            Decimal("0.01")
        )
        limit_text = f"{settings.admin_share_max_fraction.strip()} ({_limit(limit)})"
    else:
        limit = settings.admin_share_max_percent
        exact_limit = Fraction(limit)
        limit_text = _limit(limit)
    if settings.admin_share_basis == CheckBasis.BUDGET:
        value = _share(operating.area_budget_costs(ADMINISTRATION), operating.total_budget_costs)
        basis_text = "av budgeterade kostnader"
    else:
        value = _share(operating.area_costs(ADMINISTRATION), operating.total_costs)
        basis_text = "av årets kostnader"
    return CheckResult(
        key="administrationsandel",
        label="Administrationens andel av kostnaderna",
        status=_judge(value, exact_limit, "<="),
        value=_shown(value),
        limit=limit,
        unit=PERCENT,
        comparison="<=",
        basis=settings.admin_share_basis,
        explanation=f"Administrationen är {_pct(_shown(value))} {basis_text}; gränsen är högst "
        f"{limit_text}.",
    )


def split_checks(operating: OperatingStatement, settings: EconomySettings) -> list[CheckResult]:
    if settings.split_basis == CheckBasis.BUDGET:
        individual = operating.area_budget_costs(INDIVIDUAL)
        structural = operating.area_budget_costs(STRUCTURAL)
        basis_text = "av de budgeterade insatskostnaderna"
    else:
        individual = operating.area_costs(INDIVIDUAL)
        structural = operating.area_costs(STRUCTURAL)
        basis_text = "av årets insatskostnader"
    whole = None if individual is None or structural is None else individual + structural
    individual_share = _share(individual, whole)
    structural_share = _share(structural, whole)
    minimum = settings.individual_share_min_percent
    maximum = settings.structural_share_max_percent
    return [
        CheckResult(
            key="individandel",
            label="Individinriktade insatsers andel",
            status=_judge(individual_share, minimum, ">="),
            value=_shown(individual_share),
            limit=minimum,
            unit=PERCENT,
            comparison=">=",
            basis=settings.split_basis,
            explanation=f"Individinriktade insatser är {_pct(_shown(individual_share))} "
            f"{basis_text} "
            f"(efter administration); gränsen är minst {_limit(minimum)}.",
        ),
        CheckResult(
            key="strukturandel",
            label="Strukturinriktade insatsers andel",
            status=_judge(structural_share, maximum, "<="),
            value=_shown(structural_share),
            limit=maximum,
            unit=PERCENT,
            comparison="<=",
            basis=settings.split_basis,
            explanation=f"Strukturinriktade insatser är {_pct(_shown(structural_share))} "
            f"{basis_text}; "
            f"gränsen är högst {_limit(maximum)}.",
        ),
    ]


def equity_check(forbund, statements: YearStatements, settings: EconomySettings) -> CheckResult:
    contributions, source = member_contributions(forbund, statements, settings)
    with scope(forbund=forbund):
        steps = steps_for(forbund)
    limit = recommended_max_equity(contributions, steps) if contributions else None
    equity = statements.closing.equity
    status = CheckStatus.NO_DATA if limit is None else _judge(equity, limit, "<=")
    return CheckResult(
        key="eget_kapital",
        label="Eget kapital enligt Nationella rådets rekommendation",
        status=status,
        value=equity,
        limit=limit,
        unit=KRONOR,
        comparison="<=",
        basis="",
        explanation=(
            f"Eget kapital vid årets slut är {_kr(equity)}. Med medlemsbidrag på "
            f"{_kr(contributions)} (enligt {source}) rekommenderas högst {_kr(limit)}."
            if limit is not None
            else "Medlemsbidragen för året saknas, så rekommendationen kan inte räknas ut."
        ),
    )


def balance_requirement_check(statements: YearStatements, settings: EconomySettings) -> CheckResult:
    value = statements.balance_requirement_result
    limit = settings.balance_requirement_min
    return CheckResult(
        key="balanskrav",
        label="Balanskravet",
        status=_judge(value, limit, ">="),
        value=value,
        limit=limit,
        unit=KRONOR,
        comparison=">=",
        basis="",
        explanation=f"Balanskravsresultatet är {_kr(value)} (årets resultat "
        f"{_kr(statements.income.result)} efter justeringar); det ska vara minst {_kr(limit)}.",
    )


def solidity_check(statements: YearStatements, settings: EconomySettings) -> CheckResult:
    closing = statements.closing
    value = closing.solidity_percent
    limit = settings.solidity_min_percent
    exact = _share(closing.equity, closing.total_assets)
    return CheckResult(
        key="soliditet",
        label="Soliditet",
        status=_judge(exact, limit, ">="),
        value=value,
        limit=limit,
        unit=PERCENT,
        comparison=">=",
        basis="",
        explanation=f"Soliditeten (eget kapital delat med summa tillgångar) är {_pct(value)}; "
        f"gränsen är minst {_limit(limit)}.",
    )


@figure_cache.kept
def run_checks(forbund, year: int) -> list[CheckResult]:
    """Every check for `year`. Raises NoBooksError when no books are imported for it."""
    statements, _previous = statements_for(forbund, year)
    operating = operating_statement(forbund, year)
    with scope(forbund=forbund):
        settings = settings_for(forbund)
    return [
        admin_share_check(operating, settings),
        *split_checks(operating, settings),
        equity_check(forbund, statements, settings),
        balance_requirement_check(statements, settings),
        solidity_check(statements, settings),
    ]
