"""The parsed content of a SIE file. Amounts are Decimal, dates datetime.date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import Problem

# An object list: (dimension number, object code) pairs, e.g. ((1, "100"), (6, "P12")).
ObjectRef = tuple[int, str]
ObjectList = tuple[ObjectRef, ...]


@dataclass(frozen=True, slots=True)
class FinancialYear:
    """#RAR: index 0 is the year of the file, -1 the year before, and so on."""

    index: int
    start: datetime.date
    end: datetime.date

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(slots=True)
class Account:
    """#KONTO (+ #KTYP). `type` is T/S (balance) or K/I (result) when the file says so."""

    number: str
    name: str
    type: str | None = None
    known: bool = True  # False: used by the file but never declared with #KONTO

    @property
    def is_balance_account(self) -> bool:
        """Tillgång/skuld by #KTYP, else by BAS numbering (classes 1 and 2)."""
        if self.type in ("T", "S"):
            return True
        if self.type in ("K", "I"):
            return False
        return self.number[:1] in ("1", "2")


@dataclass(frozen=True, slots=True)
class Dimension:
    """#DIM, or #UNDERDIM when `parent` is set."""

    number: int
    name: str
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class SieObject:
    """#OBJEKT: an object (kostnadsställe, projekt, insats…) within a dimension."""

    dimension: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Transaction:
    """#TRANS, or an #RTRANS (added afterwards) / #BTRANS (removed) row."""

    account: str
    objects: ObjectList
    amount: Decimal
    date: datetime.date  # the row's own date, else the voucher date
    text: str
    quantity: Decimal | None
    line: int
    kind: str = "TRANS"  # "TRANS", "RTRANS" or "BTRANS"

    def object_in(self, dimension: int) -> str | None:
        for dim, code in self.objects:
            if dim == dimension:
                return code
        return None


@dataclass(slots=True)
class Voucher:
    """#VER with its rows. `transactions` are the rows that count (#TRANS and #RTRANS,
    without the duplicate #TRANS that follows an #RTRANS); `removed` are #BTRANS rows."""

    series: str
    number: str
    date: datetime.date
    text: str
    registration_date: datetime.date | None
    signature: str
    line: int
    transactions: list[Transaction] = field(default_factory=list)
    removed: list[Transaction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.series} {self.number}".strip() or "(utan nummer)"

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.transactions), Decimal(0))


@dataclass(frozen=True, slots=True)
class ObjectBalance:
    """#OIB / #OUB: balance of one account for one object."""

    year: int
    account: str
    object: ObjectRef
    amount: Decimal
    quantity: Decimal | None
    line: int


@dataclass(frozen=True, slots=True)
class PeriodAmount:
    """#PSALDO / #PBUDGET: one account's balance or budget for one month (YYYYMM)."""

    year: int
    period: str
    account: str
    objects: ObjectList
    amount: Decimal
    quantity: Decimal | None
    line: int


@dataclass(frozen=True, slots=True)
class BalanceMismatch:
    """A balance the file states (#UB/#RES) that #IB + #TRANS do not reproduce."""

    account: str
    source: str  # "UB" or "RES"
    expected: Decimal
    found: Decimal


@dataclass(slots=True)
class SieFile:
    """Everything the reader understood. Balances are keyed year index → account → amount."""

    encoding: str
    flag: str = ""
    program: str = ""
    program_version: str = ""
    format: str = ""
    generated: datetime.date | None = None
    generated_by: str = ""
    sie_type: str = ""
    org_number: str = ""
    company_name: str = ""
    company_id: str = ""  # #FNR
    currency: str = ""
    chart_of_accounts_type: str = ""  # #KPTYP
    scope_end: datetime.date | None = None  # #OMFATTN
    checksum_verified: bool = False
    financial_years: dict[int, FinancialYear] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[int, Dimension] = field(default_factory=dict)
    objects: dict[tuple[int, str], SieObject] = field(default_factory=dict)
    opening_balances: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    closing_balances: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    results: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    object_opening_balances: list[ObjectBalance] = field(default_factory=list)
    object_closing_balances: list[ObjectBalance] = field(default_factory=list)
    period_balances: list[PeriodAmount] = field(default_factory=list)
    period_budgets: list[PeriodAmount] = field(default_factory=list)
    vouchers: list[Voucher] = field(default_factory=list)
    balance_mismatches: list[BalanceMismatch] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def account_name(self, number: str) -> str:
        account = self.accounts.get(number)
        return account.name if account else unknown_account_name(number)

    def vouchers_in_year(self, year: int = 0) -> list[Voucher]:
        """Vouchers dated within financial year `year`. Without #RAR for that year, year 0
        means all vouchers (a SIE 4 file carries the vouchers of its own year)."""
        financial_year = self.financial_years.get(year)
        if financial_year is None:
            return list(self.vouchers) if year == 0 else []
        return [voucher for voucher in self.vouchers if financial_year.contains(voucher.date)]

    def transaction_totals(self, year: int = 0) -> dict[str, Decimal]:
        """Sum of the counting transaction rows per account, for vouchers in `year`."""
        totals: dict[str, Decimal] = {}
        for voucher in self.vouchers_in_year(year):
            for row in voucher.transactions:
                totals[row.account] = totals.get(row.account, Decimal(0)) + row.amount
        return totals

    def transaction_totals_by_object(
        self, dimension: int, year: int = 0
    ) -> dict[tuple[str, str | None], Decimal]:
        """Sum per (account, object code in `dimension`); None for rows without an object
        in that dimension, so the totals still add up to `transaction_totals`."""
        totals: dict[tuple[str, str | None], Decimal] = {}
        for voucher in self.vouchers_in_year(year):
            for row in voucher.transactions:
                key = (row.account, row.object_in(dimension))
                totals[key] = totals.get(key, Decimal(0)) + row.amount
        return totals


def unknown_account_name(number: str) -> str:
    return f"okänt konto {number}"
