"""The five-year overview of the förvaltningsberättelse (first tables of Roslagen 2023).

    rows = five_year_overview(forbund, 2023)     # newest year first, five rows

Each year's figures come from the financial year that ends in it, else from the following
year's file (its year −1). Costs are shown as positive amounts, as annual reports' tables do
("Verksamhetens kostnader inkl. avskrivningar och finansiella kostnader"). A year the
books do not tell has None figures; staff comes from what the förbund entered (StaffYear).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django_scopes import scope

from core import figure_cache

from ..choices import StatementLine
from ..models import StaffYear
from .configuration import account_in_ranges, settings_for
from .ledger_figures import financial_year_for
from .statements import NoBooksError, YearStatements, money, statements_for

ZERO = Decimal(0)


def _year_statements(forbund, year: int) -> tuple[YearStatements | None, str | None]:
    try:
        current, _previous = statements_for(forbund, year)
        return current, "bokforing"
    except NoBooksError:
        pass
    with scope(forbund=forbund):
        later = financial_year_for(forbund, year + 1)
    if later is not None:
        _current, previous = statements_for(forbund, year + 1)
        if previous is not None and previous.books.financial_year is None:
            return previous, "foregaende_ar_i_fil"
    return None, None


def _contributions(statements: YearStatements, ranges: str) -> Decimal:
    accounts = statements.income.lines.accounts.get(StatementLine.OPERATING_INCOME, {})
    return sum(
        (amount for number, amount in accounts.items() if account_in_ranges(number, ranges)),
        ZERO,
    )


def _staff(row: StaffYear | None) -> dict[str, Decimal | None]:
    if row is None:
        return {"kansli": None, "struktur": None, "individ": None, "totalt": None}
    return {
        "kansli": row.administration,
        "struktur": row.structural,
        "individ": row.individual,
        "totalt": row.total,
    }


@figure_cache.kept
def five_year_overview(forbund, year: int, years: int = 5) -> list[dict[str, Any]]:
    """One dict per year, newest first:

    {"ar", "kalla" ("bokforing" | "foregaende_ar_i_fil" | None), "medlemsbidrag",
     "ovriga_intakter", "intakter", "kostnader" (positive), "arets_resultat", "eget_kapital",
     "soliditet_procent", "arsarbetare": {"kansli", "struktur", "individ", "totalt"}}
    """
    with scope(forbund=forbund):
        settings = settings_for(forbund)
        staff = {
            row.year: row
            for row in StaffYear.objects.filter(
                forbund=forbund, year__gt=year - years, year__lte=year
            )
        }
    rows = []
    for this_year in range(year, year - years, -1):
        statements, source = _year_statements(forbund, this_year)
        row: dict[str, Any] = {"ar": this_year, "kalla": source}
        if statements is None:
            row.update(
                dict.fromkeys(
                    (
                        "medlemsbidrag",
                        "ovriga_intakter",
                        "intakter",
                        "kostnader",
                        "arets_resultat",
                        "eget_kapital",
                        "soliditet_procent",
                    )
                )
            )
        else:
            income = statements.income.total_income
            contributions = _contributions(statements, settings.contribution_accounts)
            row.update(
                {
                    "medlemsbidrag": money(contributions),
                    "ovriga_intakter": money(income - contributions),
                    "intakter": money(income),
                    "kostnader": money(-statements.income.total_costs),
                    "arets_resultat": money(statements.income.result),
                    "eget_kapital": money(statements.closing.equity),
                    "soliditet_procent": money(statements.closing.solidity_percent),
                }
            )
        row["arsarbetare"] = _staff(staff.get(this_year))
        rows.append(row)
    return rows
