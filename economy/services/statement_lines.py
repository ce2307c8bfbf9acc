"""From account balances (SIE signs) to statement lines (published signs).

Resultaträkning: a line's figure is minus the accounts' #RES (income positive, costs
negative). Balansräkning: assets are the accounts' #UB, equity, provisions and liabilities
minus their #UB, so every balance-sheet line is positive in a normal year.

Eget kapital is the equity accounts plus the year's result when it has not been booked to
equity yet: before the closing entry the balance accounts do not balance, and their
difference (the sum of their balances) is exactly that result. After a closing entry the
difference is zero. So eget kapital = equity accounts + Σ balance accounts, in both cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..choices import ASSET_LINES, BALANCE_LINES, RESULT_LINES, StatementLine
from .mapping import AccountMapping

ZERO = Decimal(0)
Amounts = dict[str, Decimal]


@dataclass
class Lines:
    """Figures per statement line, with the accounts behind each line."""

    totals: dict[str, Decimal] = field(default_factory=dict)
    accounts: dict[str, Amounts] = field(default_factory=dict)
    # Accounts with a non-zero balance that no line counts (unmapped, or mapped to a line
    # of the other statement): shown as a warning, never silently dropped.
    unplaced: Amounts = field(default_factory=dict)
    # Balance sheet only: the result not yet booked to equity (Σ of the balance accounts).
    unbooked_result: Decimal = ZERO

    def get(self, line: str) -> Decimal:
        return self.totals.get(line, ZERO)

    def add(self, line: str, number: str, figure: Decimal) -> None:
        self.totals[line] = self.totals.get(line, ZERO) + figure
        per_account = self.accounts.setdefault(line, {})
        per_account[number] = per_account.get(number, ZERO) + figure


def income_statement_lines(result: Amounts, mapping: AccountMapping) -> Lines:
    lines = Lines(totals=dict.fromkeys(RESULT_LINES, ZERO))
    for number, amount in result.items():
        line = mapping.line_for(number)
        if line in RESULT_LINES:
            lines.add(line, number, -amount)
        elif amount:
            lines.unplaced[number] = amount
    return lines


def balance_sheet_lines(closing: Amounts, mapping: AccountMapping) -> Lines:
    lines = Lines(totals=dict.fromkeys(BALANCE_LINES, ZERO))
    for number, amount in closing.items():
        line = mapping.line_for(number)
        if line in ASSET_LINES:
            lines.add(line, number, amount)
        elif line in BALANCE_LINES:
            lines.add(line, number, -amount)
        elif amount:
            lines.unplaced[number] = amount
            continue
        else:
            continue
        lines.unbooked_result += amount
    if lines.unbooked_result:
        lines.totals[StatementLine.EQUITY] += lines.unbooked_result
    return lines


@dataclass
class IncomeStatement:
    lines: Lines

    @property
    def net_operating_costs(self) -> Decimal:
        """Verksamhetens nettokostnader: intäkter + kostnader + avskrivningar."""
        return (
            self.lines.get(StatementLine.OPERATING_INCOME)
            + self.lines.get(StatementLine.OPERATING_COSTS)
            + self.lines.get(StatementLine.DEPRECIATION)
        )

    @property
    def result_after_financial_items(self) -> Decimal:
        return (
            self.net_operating_costs
            + self.lines.get(StatementLine.FINANCIAL_INCOME)
            + self.lines.get(StatementLine.FINANCIAL_COSTS)
        )

    @property
    def result(self) -> Decimal:
        return self.result_after_financial_items + self.lines.get(StatementLine.EXTRAORDINARY)

    @property
    def total_income(self) -> Decimal:
        return self.lines.get(StatementLine.OPERATING_INCOME) + self.lines.get(
            StatementLine.FINANCIAL_INCOME
        )

    @property
    def total_costs(self) -> Decimal:
        """All costs, as a negative figure (verksamhet, avskrivningar, finansiella)."""
        return (
            self.lines.get(StatementLine.OPERATING_COSTS)
            + self.lines.get(StatementLine.DEPRECIATION)
            + self.lines.get(StatementLine.FINANCIAL_COSTS)
        )


@dataclass
class BalanceSheet:
    lines: Lines

    @property
    def fixed_assets(self) -> Decimal:
        return (
            self.lines.get(StatementLine.INTANGIBLE_ASSETS)
            + self.lines.get(StatementLine.TANGIBLE_ASSETS)
            + self.lines.get(StatementLine.FINANCIAL_ASSETS)
        )

    @property
    def current_assets(self) -> Decimal:
        return (
            self.lines.get(StatementLine.INVENTORIES)
            + self.lines.get(StatementLine.RECEIVABLES)
            + self.lines.get(StatementLine.SHORT_TERM_INVESTMENTS)
            + self.lines.get(StatementLine.CASH)
        )

    @property
    def total_assets(self) -> Decimal:
        return self.fixed_assets + self.current_assets

    @property
    def equity(self) -> Decimal:
        return self.lines.get(StatementLine.EQUITY)

    @property
    def total_equity_and_liabilities(self) -> Decimal:
        return (
            self.equity
            + self.lines.get(StatementLine.PROVISIONS)
            + self.lines.get(StatementLine.LONG_TERM_LIABILITIES)
            + self.lines.get(StatementLine.SHORT_TERM_LIABILITIES)
        )

    @property
    def liquid_funds(self) -> Decimal:
        """Likvida medel = kassa och bank + kortfristiga placeringar."""
        return self.lines.get(StatementLine.CASH) + self.lines.get(
            StatementLine.SHORT_TERM_INVESTMENTS
        )

    @property
    def solidity_percent(self) -> Decimal | None:
        total = self.total_assets
        if not total:
            return None
        return self.equity / total * 100


@dataclass
class CashFlow:
    """Kassaflödesanalys by the indirect method, from the opening and closing balance sheets."""

    result: Decimal
    non_cash_adjustments: Decimal
    change_inventories: Decimal
    change_receivables: Decimal
    change_short_term_liabilities: Decimal
    investing: Decimal
    financing: Decimal
    liquid_funds_opening: Decimal
    liquid_funds_closing: Decimal

    @property
    def operating(self) -> Decimal:
        return (
            self.result
            + self.non_cash_adjustments
            + self.change_inventories
            + self.change_receivables
            + self.change_short_term_liabilities
        )

    @property
    def total(self) -> Decimal:
        return self.operating + self.investing + self.financing


def cash_flow(income: IncomeStatement, opening: BalanceSheet, closing: BalanceSheet) -> CashFlow:
    """An increase in an asset is a negative cash flow, an increase in a debt a positive one.

    Non-cash items: depreciation (added back) and the change in provisions. Investing: the
    change in fixed assets before depreciation. Financing: long-term debt and equity changes
    other than the year's result.
    """
    L = StatementLine
    depreciation = income.lines.get(L.DEPRECIATION)  # negative

    def change(line: str) -> Decimal:
        return closing.lines.get(line) - opening.lines.get(line)

    return CashFlow(
        result=income.result,
        non_cash_adjustments=-depreciation + change(L.PROVISIONS),
        change_inventories=-change(L.INVENTORIES),
        change_receivables=-change(L.RECEIVABLES),
        change_short_term_liabilities=change(L.SHORT_TERM_LIABILITIES),
        investing=-(closing.fixed_assets - opening.fixed_assets) + depreciation,
        financing=change(L.LONG_TERM_LIABILITIES)
        + (closing.equity - opening.equity - income.result),
        liquid_funds_opening=opening.liquid_funds,
        liquid_funds_closing=closing.liquid_funds,
    )
