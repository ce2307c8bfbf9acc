"""Checks across records: vouchers that do not balance, and stated balances (#UB/#RES)
that the opening balances plus the transactions do not reproduce."""

from __future__ import annotations

from decimal import Decimal

from .errors import Problem
from .model import BalanceMismatch, SieFile, Voucher

ZERO = Decimal(0)


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def unbalanced_voucher_message(voucher: Voucher, total: Decimal) -> str:
    return (
        f"verifikation {voucher.label} ({voucher.date:%Y-%m-%d}, ”{voucher.text}”) balanserar "
        f"inte: summan av dess #TRANS-rader är {money(total)}, ska vara 0.00"
    )


def judge_unbalanced_vouchers(
    sie: SieFile,
    unbalanced: list[Voucher],
    mismatches: list[BalanceMismatch],
    errors: list[Problem],
    warnings: list[Problem],
) -> None:
    """An unbalanced voucher is an error, unless the file's own stated balances confirm it.

    Real exports (SoftOne XE, for one) can hold a voucher whose rows do not sum to zero while
    the program's own #UB/#RES include it. When the file states year-0 balances and every
    account the voucher touches agrees with #IB + #TRANS, the books as exported are internally
    consistent and are read with a warning. Otherwise the voucher is an error: nothing is
    imported.
    """
    stated = bool(sie.closing_balances.get(0) or sie.results.get(0))
    disagreeing = {mismatch.account for mismatch in mismatches}
    for voucher in unbalanced:
        message = unbalanced_voucher_message(voucher, voucher.total)
        accounts = {row.account for row in voucher.transactions}
        in_year = 0 in sie.financial_years and sie.financial_years[0].contains(voucher.date)
        if stated and in_year and not accounts & disagreeing:
            warnings.append(
                Problem(
                    voucher.line,
                    f"{message}; filens egna saldon (#UB/#RES) stämmer med bokningen, så den "
                    "läses in – kontrollera den i bokföringssystemet",
                )
            )
        else:
            errors.append(Problem(voucher.line, message))


def check_balances(
    sie: SieFile, balance_lines: dict[tuple[str, int, str], int], warnings: list[Problem]
) -> list[BalanceMismatch]:
    """Compare #IB (year 0) + #TRANS with #UB (balance accounts) / #RES (result accounts).

    Only for files that hold both vouchers and year-0 closing balances or results; each
    disagreement becomes a warning — the file contradicts itself, but is still readable.
    """
    closing = sie.closing_balances.get(0, {})
    results = sie.results.get(0, {})
    if not sie.vouchers or not (closing or results):
        return []
    opening = sie.opening_balances.get(0, {})
    movements = sie.transaction_totals(0)
    mismatches: list[BalanceMismatch] = []
    for account in sorted({*opening, *closing, *results, *movements}):
        details = sie.accounts.get(account)
        is_balance = details.is_balance_account if details else account[:1] in ("1", "2")
        source, stated = ("UB", closing) if is_balance else ("RES", results)
        if not stated:
            continue  # the file states no balances of this kind at all
        expected = stated.get(account, ZERO)
        found = opening.get(account, ZERO) + movements.get(account, ZERO)
        if expected == found:
            continue
        mismatches.append(BalanceMismatch(account, source, expected, found))
        start = "#IB + " if is_balance else ""
        warnings.append(
            Problem(
                balance_lines.get((source, 0, account), 0),
                f"konto {account} ({sie.account_name(account)}): #{source} för år 0 är "
                f"{money(expected)}, men {start}#TRANS ger {money(found)} "
                f"(skillnad {money(found - expected)})",
            )
        )
    return mismatches


def check_voucher_dates(sie: SieFile, warnings: list[Problem]) -> None:
    """A voucher dated outside financial year 0 is left out of that year's totals: say so."""
    year = sie.financial_years.get(0)
    if year is None:
        return
    for voucher in sie.vouchers:
        if not year.contains(voucher.date):
            warnings.append(
                Problem(
                    voucher.line,
                    f"verifikation {voucher.label} är daterad {voucher.date:%Y-%m-%d}, utanför "
                    f"räkenskapsåret {year.start:%Y-%m-%d}–{year.end:%Y-%m-%d}, och räknas "
                    "inte in i årets saldon",
                )
            )
