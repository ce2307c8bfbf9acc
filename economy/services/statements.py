"""`financial_statements(forbund, year)`: the document of `docs/format/sie-och-bokslut.md`.

Every figure is {"ar": Decimal, "foregaende_ar": Decimal | None} in kronor rounded to öre
(Decimal in Python; `statements_json` writes JSON numbers). Signs as a published kommunal
statement: income positive, costs negative, balance-sheet lines positive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum
from django_scopes import scope

from core import figure_cache, request_memo

from ..choices import BALANCE_LINES, RESULT_LINES, BalanceAdjustmentKind, StatementLine
from ..models import BalanceAdjustment, Transaction
from .ledger_figures import YearBooks, books_for, financial_year_for
from .mapping import AccountMapping, mapping_for
from .statement_lines import (
    BalanceSheet,
    CashFlow,
    IncomeStatement,
    balance_sheet_lines,
    cash_flow,
    income_statement_lines,
)

CENT = Decimal("0.01")
ZERO = Decimal(0)
UNBOOKED_RESULT_NAME = "Årets resultat (ej överfört till eget kapital)"


class NoBooksError(LookupError):
    """No imported financial year ends in the requested year."""

    def __init__(self, forbund, year: int) -> None:
        super().__init__(
            f"Förbundet {forbund.slug} har ingen inläst bokföring för {year}. "
            f"Läs in årets SIE-fil först (import_sie)."
        )


def money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP) + ZERO


def figure(current: Decimal | None, previous: Decimal | None) -> dict[str, Decimal | None]:
    return {"ar": money(current), "foregaende_ar": money(previous)}


@dataclass
class YearStatements:
    """The computed statements of one year (None parts where the books do not tell)."""

    books: YearBooks
    income: IncomeStatement
    closing: BalanceSheet
    opening: BalanceSheet | None
    cash_flow: CashFlow | None
    adjustments: dict[str, Decimal]  # BalanceAdjustmentKind → the year's total

    @property
    def year(self) -> int:
        return self.books.year

    def adjustment(self, kind: str) -> Decimal:
        return self.adjustments.get(kind, ZERO)

    @property
    def result_after_adjustments(self) -> Decimal:
        """Årets resultat efter balanskravsjusteringar (before the reserve)."""
        reserve = (RESERVE_ALLOCATION, RESERVE_USE)
        return self.income.result + sum(
            (amount for kind, amount in self.adjustments.items() if kind not in reserve), ZERO
        )

    @property
    def balance_requirement_result(self) -> Decimal:
        return self.income.result + sum(self.adjustments.values(), ZERO)


RESERVE_ALLOCATION = BalanceAdjustmentKind.RESERVE_ALLOCATION.value
RESERVE_USE = BalanceAdjustmentKind.RESERVE_USE.value


def year_statements(
    books: YearBooks, mapping: AccountMapping, adjustments: dict[str, Decimal] | None = None
) -> YearStatements:
    income = IncomeStatement(income_statement_lines(books.result, mapping))
    closing = BalanceSheet(balance_sheet_lines(books.closing, mapping))
    opening = None
    flow = None
    if books.opening is not None:
        opening = BalanceSheet(balance_sheet_lines(books.opening, mapping))
        flow = cash_flow(income, opening, closing)
    return YearStatements(
        books=books,
        income=income,
        closing=closing,
        opening=opening,
        cash_flow=flow,
        adjustments=dict(adjustments or {}),
    )


@request_memo.memoize
def adjustments_by_year(forbund) -> dict[int, dict[str, Decimal]]:
    """Year → balanskravsutredning row → the sum of the ekonom's adjustments."""
    totals: dict[int, dict[str, Decimal]] = {}
    for year, kind, amount in BalanceAdjustment.objects.filter(forbund=forbund).values_list(
        "year", "kind", "amount"
    ):
        year_totals = totals.setdefault(year, {})
        year_totals[kind] = year_totals.get(kind, ZERO) + amount
    return totals


@figure_cache.kept(errors=(NoBooksError,))
def statements_for(forbund, year: int) -> tuple[YearStatements, YearStatements | None]:
    """This year's and the previous year's statements. Raises NoBooksError."""
    with scope(forbund=forbund):
        financial_year = financial_year_for(forbund, year)
        if financial_year is None:
            raise NoBooksError(forbund, year)
        current_books, previous_books = books_for(financial_year)
        mapping = mapping_for(forbund)
        adjustments = adjustments_by_year(forbund)
    current = year_statements(current_books, mapping, adjustments.get(year))
    previous = None
    if previous_books is not None:
        previous = year_statements(previous_books, mapping, adjustments.get(year - 1))
    return current, previous


def financial_statements(forbund, year: int) -> dict[str, Any]:
    """The spec's document for `year` with the previous year beside it. Raises NoBooksError."""
    current, previous = statements_for(forbund, year)
    return build_document(forbund.slug, year, current, previous)


def statements_until(forbund, year: int, until: date) -> dict[str, Any]:
    """The income statement from 1 January to `until` and the balance sheet at `until`, from
    the imported books (the opening balances and every voucher dated up to `until`), beside
    the balance sheet at the start of the year: a period report's RR and BR. Same shape as
    financial_statements' "resultatrakning" and "balansrakning"; "foregaende_ar" is the
    opening balance sheet (None in the income statement). Raises NoBooksError."""
    with scope(forbund=forbund):
        financial_year = financial_year_for(forbund, year)
        if financial_year is None:
            raise NoBooksError(forbund, year)
        books, _previous = books_for(financial_year)
        mapping = mapping_for(forbund)
        last = min(until, financial_year.end)
        moved = dict(
            Transaction.objects.filter(
                financial_year=financial_year,
                voucher__date__gte=financial_year.start,
                voucher__date__lte=last,
            )
            .values("account__number")
            .annotate(total=Sum("amount"))
            .values_list("account__number", "total")
        )
    opening = dict(books.opening or {})
    closing = dict(opening)
    result: dict[str, Decimal] = {}
    for number, amount in moved.items():
        if mapping.line_for(number) in RESULT_LINES:
            result[number] = amount
        else:
            closing[number] = closing.get(number, ZERO) + amount
    current = year_statements(
        YearBooks(year=year, opening=opening, closing=closing, result=result, names=books.names),
        mapping,
    )
    start = year_statements(
        YearBooks(year=year - 1, opening=None, closing=opening, result={}, names=books.names),
        mapping,
    )
    document = build_document(forbund.slug, year, current, start)
    for part in ("resultatrakning", "kassaflodesanalys"):
        for figures in document[part].values():
            figures["foregaende_ar"] = None
    document["balansrakning"]["varav_arets_resultat"]["foregaende_ar"] = None
    return {
        "forbund": forbund.slug,
        "ar": year,
        "fran": financial_year.start,
        "till_och_med": last,
        "har_ingaende_balans": books.opening is not None,
        "resultatrakning": document["resultatrakning"],
        "balansrakning": document["balansrakning"],
        "kassaflodesanalys": document["kassaflodesanalys"],
        "noter": {},
        "nyckeltal": document["nyckeltal"],
        "varningar": consistency_warnings(current),
    }


def build_document(
    slug: str, year: int, current: YearStatements, previous: YearStatements | None
) -> dict[str, Any]:
    def both(get) -> dict[str, Decimal | None]:
        return figure(get(current), get(previous) if previous is not None else None)

    def flow(get) -> dict[str, Decimal | None]:
        return figure(
            get(current.cash_flow) if current.cash_flow else None,
            get(previous.cash_flow) if previous is not None and previous.cash_flow else None,
        )

    L = StatementLine
    return {
        "forbund": slug,
        "ar": year,
        "resultatrakning": {
            "verksamhetens_intakter": both(lambda s: s.income.lines.get(L.OPERATING_INCOME)),
            "verksamhetens_kostnader": both(lambda s: s.income.lines.get(L.OPERATING_COSTS)),
            "avskrivningar": both(lambda s: s.income.lines.get(L.DEPRECIATION)),
            "verksamhetens_nettokostnader": both(lambda s: s.income.net_operating_costs),
            "finansiella_intakter": both(lambda s: s.income.lines.get(L.FINANCIAL_INCOME)),
            "finansiella_kostnader": both(lambda s: s.income.lines.get(L.FINANCIAL_COSTS)),
            "resultat_efter_finansiella_poster": both(
                lambda s: s.income.result_after_financial_items
            ),
            "extraordinara_poster": both(lambda s: s.income.lines.get(L.EXTRAORDINARY)),
            "arets_resultat": both(lambda s: s.income.result),
        },
        "balansrakning": {
            **{
                line: both(lambda s, line=line: s.closing.lines.get(line))
                for line in (L.INTANGIBLE_ASSETS, L.TANGIBLE_ASSETS, L.FINANCIAL_ASSETS)
            },
            "summa_anlaggningstillgangar": both(lambda s: s.closing.fixed_assets),
            **{
                line: both(lambda s, line=line: s.closing.lines.get(line))
                for line in (L.INVENTORIES, L.RECEIVABLES, L.SHORT_TERM_INVESTMENTS, L.CASH)
            },
            "summa_omsattningstillgangar": both(lambda s: s.closing.current_assets),
            "summa_tillgangar": both(lambda s: s.closing.total_assets),
            "eget_kapital": both(lambda s: s.closing.equity),
            "varav_arets_resultat": both(lambda s: s.income.result),
            **{
                line: both(lambda s, line=line: s.closing.lines.get(line))
                for line in (L.PROVISIONS, L.LONG_TERM_LIABILITIES, L.SHORT_TERM_LIABILITIES)
            },
            "summa_eget_kapital_avsattningar_och_skulder": both(
                lambda s: s.closing.total_equity_and_liabilities
            ),
        },
        "kassaflodesanalys": {
            "arets_resultat": flow(lambda f: f.result),
            "justering_for_ej_likviditetspaverkande_poster": flow(lambda f: f.non_cash_adjustments),
            "forandring_forrad": flow(lambda f: f.change_inventories),
            "forandring_kortfristiga_fordringar": flow(lambda f: f.change_receivables),
            "forandring_kortfristiga_skulder": flow(lambda f: f.change_short_term_liabilities),
            "kassaflode_fran_lopande_verksamhet": flow(lambda f: f.operating),
            "kassaflode_fran_investeringsverksamhet": flow(lambda f: f.investing),
            "kassaflode_fran_finansieringsverksamhet": flow(lambda f: f.financing),
            "arets_kassaflode": flow(lambda f: f.total),
            "likvida_medel_vid_arets_borjan": flow(lambda f: f.liquid_funds_opening),
            "likvida_medel_vid_arets_slut": flow(lambda f: f.liquid_funds_closing),
        },
        "noter": notes(current, previous),
        "balanskravsutredning": {
            "arets_resultat": both(lambda s: s.income.result),
            **{
                kind: both(lambda s, kind=kind: s.adjustment(kind))
                for kind in BALANCE_REQUIREMENT_ADJUSTMENTS
            },
            "arets_resultat_efter_balanskravsjusteringar": both(
                lambda s: s.result_after_adjustments
            ),
            RESERVE_ALLOCATION: both(lambda s: s.adjustment(RESERVE_ALLOCATION)),
            RESERVE_USE: both(lambda s: s.adjustment(RESERVE_USE)),
            "balanskravsresultat": both(lambda s: s.balance_requirement_result),
        },
        "nyckeltal": {
            "soliditet_procent": both(lambda s: s.closing.solidity_percent),
            "balanskravsresultat": both(lambda s: s.balance_requirement_result),
        },
    }


# The adjustments between årets resultat and the result after balanskravsjusteringar.
BALANCE_REQUIREMENT_ADJUSTMENTS = tuple(
    kind.value
    for kind in BalanceAdjustmentKind
    if kind.value not in (RESERVE_ALLOCATION, RESERVE_USE)
)


def _line_accounts(statements: YearStatements, line: str) -> dict[str, Decimal]:
    source = statements.income.lines if line in RESULT_LINES else statements.closing.lines
    accounts = dict(source.accounts.get(line, {}))
    if line == StatementLine.EQUITY and statements.closing.lines.unbooked_result:
        accounts[""] = statements.closing.lines.unbooked_result
    return accounts


def _line_total(statements: YearStatements, line: str) -> Decimal:
    source = statements.income.lines if line in RESULT_LINES else statements.closing.lines
    return source.get(line)


def notes(current: YearStatements, previous: YearStatements | None) -> dict[str, list[dict]]:
    """For every line with a non-zero figure, the accounts behind it (both years).

    The result not yet booked to equity appears under eget_kapital with konto "" so that
    the rows add up to the line.
    """
    result: dict[str, list[dict]] = {}
    names = {**(previous.books.names if previous else {}), **current.books.names}
    for line in (*RESULT_LINES, *BALANCE_LINES):
        this = _line_total(current, line)
        before = _line_total(previous, line) if previous is not None else ZERO
        if not this and not before:
            continue
        this_accounts = _line_accounts(current, line)
        before_accounts = _line_accounts(previous, line) if previous is not None else {}
        rows = []
        for number in sorted({*this_accounts, *before_accounts}, key=lambda n: (n == "", n)):
            now = this_accounts.get(number, ZERO)
            earlier = before_accounts.get(number, ZERO)
            if not now and not earlier:
                continue
            rows.append(
                {
                    "konto": number,
                    "namn": names.get(number, "") if number else UNBOOKED_RESULT_NAME,
                    "ar": money(now),
                    "foregaende_ar": money(earlier) if previous is not None else None,
                }
            )
        result[str(line)] = rows
    return result


class _DecimalEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)  # öre-rounded amounts are exact in a double up to ~10^13 kr
        return super().default(o)


def statements_json(document: dict[str, Any]) -> str:
    return json.dumps(document, cls=_DecimalEncoder, ensure_ascii=False, indent=2)


def consistency_warnings(statements: YearStatements) -> list[str]:
    """What a reader of the statements should know: accounts left out, and equity that does
    not move by the year's result (an entry straight against equity, or books that disagree)."""
    from core.formatting import format_number

    warnings = []
    unplaced = {**statements.income.lines.unplaced, **statements.closing.lines.unplaced}
    for number in sorted(unplaced):
        name = statements.books.names.get(number, "")
        warnings.append(
            f"Konto {number} {name} ({format_number(unplaced[number], 2)} kr) hör inte till "
            f"någon rad i resultat- eller balansräkningen och är inte medräknat. Ange en rad "
            f"för kontot under Kontomappning om det ska med."
        )
    if statements.opening is not None:
        difference = (
            statements.closing.equity - statements.opening.equity - statements.income.result
        )
        if difference:
            warnings.append(
                f"Eget kapital vid årets slut ({format_number(statements.closing.equity, 2)} kr) "
                f"är inte eget kapital vid årets början "
                f"({format_number(statements.opening.equity, 2)} kr) plus årets resultat "
                f"({format_number(statements.income.result, 2)} kr); skillnaden är "
                f"{format_number(difference, 2)} kr."
            )
    return warnings
