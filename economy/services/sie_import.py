"""Importing a SIE file into a förbund's books: all or nothing, replacing that year's books.

    result = import_sie(forbund, path_or_bytes_or_upload, user)   # ImportResult
    preview = preview_sie(forbund, data, file_name)               # nothing written

The file is read completely by `economy.sie.read_sie` before anything is written; a refused
file raises `SieImportError` whose `problems` are the reader's Swedish, line-numbered errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from django.db import transaction as db_transaction
from django_scopes import scope

from core import audit, limits
from core.locks import ImportBusy, import_lock
from core.tabular.text import remove_control_characters
from economy.sie import SieError, SieFile, read_sie

from ..choices import BalanceKind
from ..models import AccountBalance, FinancialYear, LedgerDimension, LedgerObject, Transaction
from .ledger_writer import LedgerWriter, delete_books

Source = bytes | bytearray | str | os.PathLike[str] | BinaryIO


class SieImportError(Exception):
    """The file was refused; nothing was written. `problems` are Swedish sentences."""

    def __init__(self, problems: list[str], *, busy: bool = False) -> None:
        self.problems = problems
        self.busy = busy  # only refused because another SIE import of the förbund was running
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


@dataclass
class SiePreview:
    """What an import of the file would do, for the confirmation page."""

    file_name: str
    period: Period
    sie_type: str
    program: str
    company_name: str
    org_number: str
    accounts: int
    vouchers: int
    transactions: int
    replaces: FinancialYear | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    financial_year: FinancialYear
    replaced: bool
    accounts: int
    vouchers: int
    transactions: int
    warnings: list[str] = field(default_factory=list)


def read_source(source: Source) -> tuple[bytes, str]:
    """The file's bytes and its name (for the record of where the books came from).
    Refuses a file over SIE_MAX_BYTES without reading all of it."""
    limit = limits.SIE_MAX_BYTES
    if isinstance(source, (bytes, bytearray)):
        data, name = bytes(source), ""
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        _check_size(path.stat().st_size)
        with path.open("rb") as file:
            data, name = file.read(limit + 1), path.name
    else:
        data = source.read(limit + 1)
        name = Path(getattr(source, "name", "") or "").name
    _check_size(len(data))
    return data, name


def _check_size(size: int) -> None:
    if size > limits.SIE_MAX_BYTES:
        raise SieImportError(
            [
                f"Filen är {limits.megabytes(size)}; en SIE-fil får vara högst "
                f"{limits.megabytes(limits.SIE_MAX_BYTES)}."
            ]
        )


def parse_sie(data: bytes) -> SieFile:
    _check_size(len(data))
    try:
        return read_sie(data, max_lines=limits.SIE_MAX_LINES)
    except SieError as error:
        raise SieImportError([str(problem) for problem in error.problems]) from None


def _decimal_limit(model, name: str) -> Decimal:
    """The first amount a DecimalField cannot hold (10^16 for numeric(18, 2)), less the half
    unit that would round up to it."""
    field = model._meta.get_field(name)
    places = field.decimal_places
    return Decimal(10) ** (field.max_digits - places) - Decimal(5) / Decimal(10) ** (places + 1)


def _integer_range(model, name: str) -> tuple[int, int]:
    """The range of an integer column as PostgreSQL has it (SQLite would take more, but the
    same file must be refused on both)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    internal_type = model._meta.get_field(name).get_internal_type()
    return BaseDatabaseOperations.integer_field_ranges[internal_type]


def check_storable(sie: SieFile, balances: Balances) -> None:
    """Refuse, with SieImportError, any number the ledger tables cannot hold: amounts of
    10^16 kr or more (the file's or the sums computed from it), quantities of 10^14, year
    indexes and dimension numbers outside their columns. The preview and the import both
    call this, so a file the preview accepts is never refused by the database."""
    problems: list[str] = []
    amount_limit = _decimal_limit(Transaction, "amount")
    quantity_limit = _decimal_limit(Transaction, "quantity")
    balance_limit = _decimal_limit(AccountBalance, "amount")
    years = _integer_range(AccountBalance, "year_index")
    dimensions = _integer_range(LedgerDimension, "number")
    objects = _integer_range(LedgerObject, "dimension")
    too_large = "beloppet {amount} är för stort; högst {limit} kr kan sparas"
    shown_limit = f"{balance_limit:,.2f}".replace(",", " ").replace(".", ",")
    for voucher in sie.vouchers:
        for row in voucher.transactions:
            if abs(row.amount) > amount_limit:
                shown = str(row.amount)[:40]
                problems.append(
                    f"Rad {row.line}: " + too_large.format(amount=shown, limit=shown_limit)
                )
            if row.quantity is not None and abs(row.quantity) > quantity_limit:
                problems.append(f"Rad {row.line}: kvantiteten {str(row.quantity)[:40]} är för stor")
            for number, _code in row.objects:
                if not objects[0] <= number <= objects[1]:
                    problems.append(
                        f"Rad {row.line}: dimension {number} kan inte sparas (ska vara 0–"
                        f"{objects[1]})"
                    )
        if len(problems) > 50:
            break
    for (index, kind), amounts in balances.items():
        if not years[0] <= index <= years[1]:
            problems.append(
                f"#{kind}: årsnummer {index} kan inte sparas (ska vara mellan {years[0]} och "
                f"{years[1]})"
            )
            continue
        for account, amount in amounts.items():
            if abs(amount) > balance_limit:
                problems.append(
                    f"#{kind} {index} för konto {account[:20]}: "
                    + too_large.format(amount=str(amount)[:40], limit=shown_limit)
                    + " (i filen eller summerat från verifikationerna)"
                )
    for declared in sie.dimensions.values():
        for declared_number in (declared.number, declared.parent):
            if declared_number is not None and not (
                dimensions[0] <= declared_number <= dimensions[1]
            ):
                problems.append(
                    f"#DIM/#UNDERDIM: dimension {declared_number} kan inte sparas (ska vara 0–"
                    f"{dimensions[1]})"
                )
    for object_dimension, _code in sie.objects:
        if not objects[0] <= object_dimension <= objects[1]:
            problems.append(
                f"#OBJEKT: dimension {object_dimension} kan inte sparas (ska vara 0–{objects[1]})"
            )
    if problems:
        raise SieImportError(list(dict.fromkeys(problems)))


def financial_period(sie: SieFile, warnings: list[str]) -> Period:
    """#RAR 0, or — for a file without it (SIE 4I) — the calendar year of its last voucher."""
    year = sie.financial_years.get(0)
    if year is not None:
        return Period(year.start, year.end)
    if not sie.vouchers:
        raise SieImportError(
            [
                "Filen saknar räkenskapsår (#RAR 0) och verifikationer, så det går inte att "
                "avgöra vilket år bokföringen gäller."
            ]
        )
    last = max(voucher.date for voucher in sie.vouchers)
    period = Period(date(last.year, 1, 1), date(last.year, 12, 31))
    warnings.append(
        f"Filen saknar räkenskapsår (#RAR 0); räkenskapsåret antas vara kalenderåret {last.year} "
        f"(den sista verifikationens år)."
    )
    return period


def _overlapping_year(forbund, period: Period) -> FinancialYear | None:
    return (
        FinancialYear.objects.filter(forbund=forbund, start__lte=period.end, end__gte=period.start)
        .exclude(start=period.start)
        .first()
    )


def preview_sie(forbund, data: bytes, file_name: str = "") -> SiePreview:
    """Read the file and tell what importing it would do. Raises SieImportError."""
    sie = parse_sie(data)
    warnings = [str(problem) for problem in sie.warnings]
    period = financial_period(sie, warnings)
    check_storable(sie, year_balances(sie, period)[0])
    with scope(forbund=forbund):
        overlapping = _overlapping_year(forbund, period)
        if overlapping is not None:
            raise SieImportError([overlap_message(period, overlapping)])
        replaces = FinancialYear.objects.filter(forbund=forbund, start=period.start).first()
    outside = _vouchers_outside(sie, period)
    if outside:
        warnings.append(outside_message(outside))
    return SiePreview(
        file_name=file_name,
        period=period,
        sie_type=sie.sie_type,
        program=" ".join(part for part in (sie.program, sie.program_version) if part),
        company_name=sie.company_name,
        org_number=sie.org_number,
        accounts=len(sie.accounts),
        vouchers=len(sie.vouchers),
        transactions=sum(len(voucher.transactions) for voucher in sie.vouchers),
        replaces=replaces,
        warnings=warnings,
    )


def import_sie(forbund, source: Source, user=None, *, file_name: str = "") -> ImportResult:
    """Import the file as the förbund's books for its financial year (#RAR 0).

    Replaces an earlier import of the same year (same start date). Refuses a file that
    cannot be read, or whose year overlaps another imported year, with SieImportError.
    """
    data, name = read_source(source)
    file_name = file_name or name
    sie = parse_sie(data)
    warnings = [str(problem) for problem in sie.warnings]
    period = financial_period(sie, warnings)
    outside = _vouchers_outside(sie, period)
    if outside:
        warnings.append(outside_message(outside))
    balances, computed = year_balances(sie, period)
    check_storable(sie, balances)
    try:
        with scope(forbund=forbund), db_transaction.atomic(), import_lock(forbund, "sie"):
            return _write_year(
                forbund, sie, data, user, file_name, period, balances, computed, warnings
            )
    except ImportBusy as busy:
        raise SieImportError([str(busy)], busy=True) from None


def _write_year(
    forbund,
    sie: SieFile,
    data: bytes,
    user,
    file_name: str,
    period: Period,
    balances: Balances,
    computed: bool,
    warnings: list[str],
) -> ImportResult:
    """The writing part of import_sie, inside its transaction and import lock."""
    overlapping = _overlapping_year(forbund, period)
    if overlapping is not None:
        raise SieImportError([overlap_message(period, overlapping)])
    existing = FinancialYear.objects.filter(forbund=forbund, start=period.start).first()
    if existing is not None:
        delete_books(existing)
    year = FinancialYear.objects.create(
        forbund=forbund,
        start=period.start,
        end=period.end,
        file_name=file_name[:255],
        source_program=" ".join(p for p in (sie.program, sie.program_version) if p)[:200],
        sie_type=sie.sie_type[:4],
        company_name=remove_control_characters(sie.company_name)[:200],
        org_number=sie.org_number[:20],
        encoding=sie.encoding[:20],
        balances_computed=computed,
        warnings=warnings,
        imported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    writer = LedgerWriter(forbund, year, sie)
    object_warnings = writer.write(balances)
    if object_warnings:
        year.warnings = warnings = [*warnings, *object_warnings]
        year.save(update_fields=["warnings"])
    audit.log(
        user,
        "economy.sie_imported",
        year,
        changes={
            "fil": audit.file_facts(file_name, data),  # never the name
            "räkenskapsår": str(period),
            "ersatte_tidigare_inläsning": existing is not None,
            "verifikationer": writer.voucher_count,
            "transaktioner": writer.transaction_count,
        },
    )
    return ImportResult(
        financial_year=year,
        replaced=existing is not None,
        accounts=writer.account_count,
        vouchers=writer.voucher_count,
        transactions=writer.transaction_count,
        warnings=warnings,
    )


Balances = dict[tuple[int, str], dict[str, Decimal]]  # (year index, kind) -> account -> amount


def year_balances(sie: SieFile, period: Period) -> tuple[Balances, bool]:
    """The balances to store: as the file states them; for year 0, UB and RES the file does
    not state are computed from IB + the year's vouchers. Returns (balances, computed?)."""
    balances: Balances = {}
    for kind, source in (
        (BalanceKind.OPENING, sie.opening_balances),
        (BalanceKind.CLOSING, sie.closing_balances),
        (BalanceKind.RESULT, sie.results),
    ):
        for index, amounts in source.items():
            balances[(index, str(kind))] = dict(amounts)
    computed = False
    if sie.vouchers:
        totals = _totals_in(sie, period)
        opening = balances.get((0, BalanceKind.OPENING), {})
        if not balances.get((0, BalanceKind.CLOSING)):
            closing = {
                number: opening.get(number, Decimal(0)) + totals.get(number, Decimal(0))
                for number in {*opening, *totals}
                if _is_balance_account(sie, number)
            }
            balances[(0, BalanceKind.CLOSING)] = closing
            computed = True
        if not balances.get((0, BalanceKind.RESULT)):
            balances[(0, BalanceKind.RESULT)] = {
                number: amount
                for number, amount in totals.items()
                if not _is_balance_account(sie, number)
            }
            computed = True
    return balances, computed


def _totals_in(sie: SieFile, period: Period) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for voucher in sie.vouchers:
        if period.contains(voucher.date):
            for row in voucher.transactions:
                totals[row.account] = totals.get(row.account, Decimal(0)) + row.amount
    return totals


def _is_balance_account(sie: SieFile, number: str) -> bool:
    account = sie.accounts.get(number)
    if account is not None:
        return account.is_balance_account
    return number[:1] in ("1", "2")


def _vouchers_outside(sie: SieFile, period: Period) -> int:
    return sum(1 for voucher in sie.vouchers if not period.contains(voucher.date))


def outside_message(count: int) -> str:
    return (
        f"{count} verifikationer är daterade utanför räkenskapsåret; de sparas men räknas "
        f"inte in i årets saldon eller driftredovisning."
    )


def overlap_message(period: Period, other: FinancialYear) -> str:
    return (
        f"Räkenskapsåret i filen ({period}) överlappar det redan inlästa räkenskapsåret "
        f"{other}. Ta bort eller ersätt det först."
    )
