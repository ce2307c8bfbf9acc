"""Over, at risk of going over, within or under budget: the status of a driftredovisning row.

The rule, for rows that are a net cost in the budget (budget net < 0: insatser, areas,
administration, a budgeted deficit; income rows such as member contributions are paid in
lumps and get no status; the result row of a whole year is "Sämre än budget" or "Enligt
eller bättre än budget"):

    Över budget      the net cost so far is larger than the whole year's budgeted net cost
    Risk att överskrida budget
                     part of the year: the net cost so far is more than RISK_MARGIN above the
                     budget pro rata (budget × the share of the year the books cover)
    Under budget     the whole year: the net cost is less than UNDER_SHARE of the budget
    Inom budget      otherwise

The share of the year: to `until` when the page asks for a period; for a year that is over, the
whole year; otherwise to the last day with a booked voucher (`books_through`). Exact decimals
throughout; nothing is rounded before it is compared.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from django.db.models import Max
from django.utils.translation import gettext as _

from core import request_memo
from core.status import BAD, INFO, OK, WARN, Status

from ..models import FinancialYear, Voucher
from .operating import OperatingRow, OperatingStatement

RISK_MARGIN = Fraction(1, 10)  # 10 % above the budget pro rata
UNDER_SHARE = Fraction(8, 10)  # less than 80 % of the budget used in a whole year


@request_memo.memoize
def books_through(forbund, year: int) -> date | None:
    """The last day with a booked voucher in the financial year ending in `year`."""
    financial_year = FinancialYear.objects.filter(forbund=forbund, end__year=year).first()
    if financial_year is None:
        return None
    return Voucher.objects.filter(financial_year=financial_year).aggregate(last=Max("date"))["last"]


def share_of_year(year: int, through: date | None) -> Fraction:
    """The part of `year` that an outcome up to `through` covers (when it is not known how far
    the books go: 1, compared with the whole year)."""
    if through is None:
        return Fraction(1)
    if through.year > year or (through.month, through.day) == (12, 31):
        return Fraction(1)
    if through.year < year:
        return Fraction(0)
    first = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - first).days
    return Fraction((through - first).days + 1, days)


def row_status(row: OperatingRow, share: Fraction) -> Status | None:
    """The row's status (None: no budgeted net cost to compare with)."""
    budget_net = row.budget_net
    if row.is_total and budget_net is not None and share >= 1:
        # The result: better or worse than the budgeted result (a whole year only).
        if row.net < budget_net:
            return Status(BAD, _("Sämre än budget"), _("Resultatet är sämre än budgeterat."))
        return Status(OK, _("Enligt eller bättre än budget"))
    if budget_net is None or budget_net >= 0:
        return None
    budget_cost = Fraction(-budget_net)
    cost = Fraction(-row.net)
    if cost > budget_cost:
        return Status(
            BAD,
            _("Över budget"),
            _("Nettokostnaden är större än årets budget."),
        )
    if share < 1:
        if cost > budget_cost * share * (1 + RISK_MARGIN):
            return Status(
                WARN,
                _("Risk att överskrida"),
                _("Nettokostnaden hittills är mer än 10 % över budgeten för samma del av året."),
            )
        return Status(OK, _("Inom budget"))
    if cost < budget_cost * UNDER_SHARE:
        return Status(INFO, _("Under budget"), _("Mindre än 80 % av budgeten är använd."))
    return Status(OK, _("Inom budget"))


def statuses(statement: OperatingStatement, share: Fraction) -> dict[str, Status | None]:
    """Every row's status by its key."""
    return {row.key: row_status(row, share) for row in statement.rows}


def statement_share(
    forbund, statement: OperatingStatement, today: date, until: date | None = None
) -> Fraction:
    """The share of the year the statement's outcome covers."""
    if until is not None:
        return share_of_year(statement.year, until)
    if today.year > statement.year:
        return Fraction(1)
    return share_of_year(statement.year, books_through(forbund, statement.year))
