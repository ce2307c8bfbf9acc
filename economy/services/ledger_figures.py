"""Account balances of a year and the year before, as the statements need them.

A year's figures come from the financial year that ends in it. The previous year comes from
the same file's year −1 (#UB −1, #RES −1) where present, else from the previously imported
financial year. Amounts keep the SIE sign (debit positive).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from core import request_memo

from ..choices import BalanceKind
from ..models import AccountBalance, FinancialYear, LedgerAccount

Amounts = dict[str, Decimal]


@dataclass
class YearBooks:
    """One year's balances per account. `opening` is None when neither the file nor an
    earlier import tells the balances at the start of the year."""

    year: int
    opening: Amounts | None
    closing: Amounts
    result: Amounts
    names: dict[str, str] = field(default_factory=dict)
    financial_year: FinancialYear | None = None  # None for a file's year −1


@request_memo.memoize
def financial_years(forbund_id: int) -> list[FinancialYear]:
    """The förbund's imported financial years, the latest end first (on the same end, the
    latest start: never the order of import). Read once per page: the five-year overview asks
    for ten of them."""
    return list(FinancialYear.objects.filter(forbund_id=forbund_id).order_by("-end", "-start"))


@request_memo.memoize
def financial_year_for(forbund, year: int) -> FinancialYear | None:
    """The imported financial year that ends in `year` (the latest end if several; on the same
    end, the latest start: never the order of import)."""
    return next((found for found in financial_years(forbund.pk) if found.end.year == year), None)


@request_memo.memoize
def previous_financial_year(year: FinancialYear) -> FinancialYear | None:
    """The imported financial year just before `year`, if it ends in the calendar year before."""
    previous = next(
        (found for found in financial_years(year.forbund_id) if found.end < year.start), None
    )
    if previous is not None and previous.end.year == year.end.year - 1:
        return previous
    return None


@request_memo.memoize
def stored_balances(year: FinancialYear) -> dict[tuple[int, str], Amounts]:
    result: dict[tuple[int, str], Amounts] = defaultdict(dict)
    rows = AccountBalance.objects.filter(financial_year=year).values_list(
        "year_index", "kind", "account__number", "amount"
    )
    for index, kind, number, amount in rows:
        result[(index, kind)][number] = amount
    return result


@request_memo.memoize
def account_names(year: FinancialYear) -> dict[str, str]:
    return dict(LedgerAccount.objects.filter(financial_year=year).values_list("number", "name"))


def _own_books(year: FinancialYear, stored, fallback_opening: Amounts | None) -> YearBooks:
    opening = stored.get((0, BalanceKind.OPENING))
    if opening is None:
        opening = stored.get((-1, BalanceKind.CLOSING), fallback_opening)
    return YearBooks(
        year=year.year,
        opening=opening,
        closing=stored.get((0, BalanceKind.CLOSING), {}),
        result=stored.get((0, BalanceKind.RESULT), {}),
        names=account_names(year),
        financial_year=year,
    )


@request_memo.memoize
def books_for(year: FinancialYear) -> tuple[YearBooks, YearBooks | None]:
    """The year's books and the previous year's (None when nothing tells them)."""
    stored = stored_balances(year)
    earlier = previous_financial_year(year)
    earlier_books = None
    if earlier is not None:
        earlier_stored = stored_balances(earlier)
        earlier_books = _own_books(earlier, earlier_stored, None)
    fallback_opening = earlier_books.closing if earlier_books is not None else None
    current = _own_books(year, stored, fallback_opening)
    if (-1, BalanceKind.CLOSING) in stored or (-1, BalanceKind.RESULT) in stored:
        previous_opening = stored.get((-1, BalanceKind.OPENING))
        if previous_opening is None and earlier_books is not None:
            previous_opening = earlier_books.opening
        previous = YearBooks(
            year=year.year - 1,
            opening=previous_opening,
            closing=stored.get((-1, BalanceKind.CLOSING), {}),
            result=stored.get((-1, BalanceKind.RESULT), {}),
            names=current.names,
        )
        return current, previous
    return current, earlier_books
