"""The booked outcome of a year split by where it belongs (insats, administration…).

A transaction row booked on an object in the förbund's insats dimension (default 6,
"projekt") whose code is an insats code belongs to that insats; a code listed as an
administration code belongs to administration; another code is shown as its own object
under "ej fördelat" — unless the förbund lists it as an object of an area (FORUM for
"Gemensamma forum" under the structural insatser). What no object claims goes, account by
account, to member contributions (the contribution accounts), other income,
administration (when the förbund books its kansli without objects and says so) or
"ej fördelat".

The year's totals per account are the file's #RES where it states them (so the rows add up
to the resultaträkning's årets resultat); the objects split those totals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from ..choices import BalanceKind, StatementLine
from ..models import AccountBalance, EconomySettings, FinancialYear, Transaction, TransactionObject
from .configuration import account_in_ranges
from .mapping import AccountMapping

ZERO = Decimal(0)
INCOME_LINES = frozenset({StatementLine.OPERATING_INCOME, StatementLine.FINANCIAL_INCOME})
COST_LINES = frozenset(
    {StatementLine.OPERATING_COSTS, StatementLine.DEPRECIATION, StatementLine.FINANCIAL_COSTS}
)
# Bucket keys besides "insats:<code>" and "objekt:<code>".
CONTRIBUTIONS = "medlemsbidrag"
OTHER_INCOME = "ovriga_intakter"
ADMINISTRATION = "administration"
UNALLOCATED = "ej_fordelat"


def area_object_key(area: str, code: str) -> str:
    """The bucket of an object that belongs to an area without being an insats."""
    return f"omrade:{area}:{code}"


@dataclass
class Amount:
    """Income and costs, both as positive amounts (a refund on a cost account lowers costs)."""

    income: Decimal = ZERO
    costs: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.income - self.costs


@dataclass
class Outcome:
    buckets: dict[str, Amount] = field(default_factory=lambda: defaultdict(Amount))
    # Bucket key -> the object's name, for the buckets of objects that are no insats.
    labels: dict[str, str] = field(default_factory=dict)
    from_transactions: bool = True

    def get(self, key: str) -> Amount:
        return self.buckets.get(key, Amount())

    @property
    def total(self) -> Amount:
        return Amount(
            sum((a.income for a in self.buckets.values()), ZERO),
            sum((a.costs for a in self.buckets.values()), ZERO),
        )


def _add(outcome: Outcome, key: str, line: str | None, raw: Decimal) -> None:
    """Add a raw SIE amount (debit positive) booked on a result line to a bucket."""
    bucket = outcome.buckets[key]
    if line in INCOME_LINES:
        bucket.income -= raw
    elif line in COST_LINES:
        bucket.costs += raw
    elif raw < 0:  # extraordinary items: by their sign
        bucket.income -= raw
    else:
        bucket.costs += raw


def _transactions(year: FinancialYear, until: date | None):
    rows = Transaction.objects.filter(
        financial_year=year, voucher__date__gte=year.start, voucher__date__lte=year.end
    )
    if until is not None:
        rows = rows.filter(voucher__date__lte=until)
    return rows


def booked_outcome(
    year: FinancialYear,
    settings: EconomySettings,
    mapping: AccountMapping,
    insats_codes: dict[str, str],
    until: date | None = None,
) -> Outcome:
    """Split the year's result accounts into buckets. `insats_codes`: upper-case code → code."""
    outcome = Outcome()
    per_account: dict[str, Decimal] = {}
    if until is None:
        per_account = dict(
            AccountBalance.objects.filter(
                financial_year=year, year_index=0, kind=BalanceKind.RESULT
            ).values_list("account__number", "amount")
        )
    transactions = _transactions(year, until)
    if not per_account:
        per_account = dict(
            transactions.values("account__number")
            .annotate(total=Sum("amount"))
            .values_list("account__number", "total")
        )
    outcome.from_transactions = transactions.exists()
    result_lines = INCOME_LINES | COST_LINES | {StatementLine.EXTRAORDINARY}
    lines = {number: mapping.line_for(number) for number in per_account}

    tagged = TransactionObject.objects.filter(
        financial_year=year,
        ledger_object__dimension=settings.object_dimension,
        transaction__voucher__date__gte=year.start,
        transaction__voucher__date__lte=until or year.end,
    )
    allocated: dict[str, Decimal] = defaultdict(Decimal)
    admin_codes = settings.admin_codes()
    area_codes = settings.area_codes()
    rows = tagged.values_list(
        "ledger_object__code", "ledger_object__name", "transaction__account__number"
    ).annotate(total=Sum("transaction__amount"))
    for code, name, number, total in rows:
        line = lines.get(number) or mapping.line_for(number)
        if line not in result_lines:
            continue
        key = code.strip().upper()
        if key in insats_codes:
            bucket = f"insats:{insats_codes[key]}"
        elif key in admin_codes:
            bucket = ADMINISTRATION
        elif key in area_codes:
            bucket = area_object_key(area_codes[key], code)
            outcome.labels[bucket] = name or code
        else:
            bucket = f"objekt:{code}"
            outcome.labels[bucket] = name
        _add(outcome, bucket, line, total)
        allocated[number] += total

    for number, total in per_account.items():
        line = lines[number]
        if line not in result_lines:
            continue
        rest = total - allocated.get(number, ZERO)
        if not rest:
            continue
        if line in INCOME_LINES:
            in_contributions = account_in_ranges(number, settings.contribution_accounts)
            bucket = CONTRIBUTIONS if in_contributions else OTHER_INCOME
        elif line in COST_LINES and settings.untagged_costs_are_admin:
            bucket = ADMINISTRATION
        else:
            bucket = UNALLOCATED
        _add(outcome, bucket, line, rest)
    return outcome
