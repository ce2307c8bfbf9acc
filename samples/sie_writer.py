"""The one SIE 4E writer of the samples: the demo books, the sample förbund's books and the
benchmark files are all written here, as an accounting system exports them (CP437,
#FORMAT PC8, CRLF), so the import reads what a förbund would upload.

The caller says what the year holds (accounts, objects in dimension 6, opening balances,
vouchers); the writer numbers the vouchers per series and derives #UB and #RES from the
opening balances and the vouchers, so the file always agrees with itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Balances = Mapping[str, Decimal]


@dataclass(frozen=True)
class Transaction:
    """A #TRANS row: SIE signs (debit positive). `day` and `text` only when the row has its
    own (transdat, transtext); `objects` are (dimension, code) pairs."""

    account: str
    amount: Decimal
    objects: Sequence[tuple[int, str]] = ()
    day: date | None = None
    text: str = ""


@dataclass(frozen=True)
class Voucher:
    series: str
    day: date
    text: str
    rows: Sequence[Transaction]
    registered: date | None = None  # regdatum, when the export writes one


@dataclass
class Books:
    """One financial year (1 January – 31 December) of one company, as a SIE 4E file."""

    program: str
    company: str
    org_number: str
    year: int
    generated: date
    accounts: Mapping[str, str]
    objects: Mapping[str, str]  # dimension 6 (Projekt): code -> name, in file order
    opening: Balances
    vouchers: Sequence[Voucher]
    # The year before: (#IB, #UB, #RES) of index −1, written with its #RAR −1 when given.
    previous: tuple[Balances, Balances, Balances] | None = None
    # A #RAR −1 without balances (an export that names the year before but carries none).
    previous_year: bool = False


def is_balance_account(account: str) -> bool:
    """Assets, equity and liabilities (class 1 and 2) carry over; the rest is the result."""
    return account[0] in "12"


def balances_after(
    opening: Balances, vouchers: Iterable[Voucher]
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(closing balances of the balance accounts, the result accounts' totals)."""
    closing = dict(opening)
    result: dict[str, Decimal] = {}
    for voucher in vouchers:
        for row in voucher.rows:
            target = closing if is_balance_account(row.account) else result
            target[row.account] = target.get(row.account, Decimal(0)) + row.amount
    return closing, result


def carry_forward(closing: Balances, result: Balances) -> dict[str, Decimal]:
    """Next year's opening balances: the result booked to equity (2010). A surplus is a
    credit (negative) sum of the result accounts, and equity is a credit balance."""
    opening = dict(closing)
    opening["2010"] = opening.get("2010", Decimal(0)) + sum(result.values(), Decimal(0))
    return opening


def write_sie(books: Books) -> bytes:
    """The year as SIE 4E bytes (CP437)."""
    return sie_text(books).encode("cp437")


def sie_text(books: Books) -> str:
    year = books.year
    closing, result = balances_after(books.opening, books.vouchers)
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {_quoted(books.program)} 1.0",
        "#FORMAT PC8",
        f"#GEN {books.generated:%Y%m%d}",
        "#SIETYP 4",
        f"#FNAMN {_quoted(books.company)}",
        f"#ORGNR {books.org_number}",
        f"#RAR 0 {year}0101 {year}1231",
    ]
    if books.previous is not None or books.previous_year:
        lines.append(f"#RAR -1 {year - 1}0101 {year - 1}1231")
    lines.append("#KPTYP BAS2014")
    for number in sorted(books.accounts):
        lines.append(f"#KONTO {number} {_quoted(books.accounts[number])}")
    lines.append('#DIM 6 "Projekt"')
    for code, name in books.objects.items():
        lines.append(f"#OBJEKT 6 {_quoted(code)} {_quoted(name)}")

    def balance_lines(label: str, index: int, amounts: Balances) -> None:
        for number in sorted(amounts):
            lines.append(f"#{label} {index} {number} {_amount(amounts[number])}")

    if books.previous is not None:
        previous_opening, previous_closing, previous_result = books.previous
        balance_lines("IB", -1, previous_opening)
        balance_lines("UB", -1, previous_closing)
        balance_lines("RES", -1, previous_result)
    balance_lines("IB", 0, books.opening)
    balance_lines("UB", 0, closing)
    balance_lines("RES", 0, result)
    numbers: dict[str, int] = {}
    for voucher in books.vouchers:
        numbers[voucher.series] = numbers.get(voucher.series, 0) + 1
        head = (
            f"#VER {voucher.series} {numbers[voucher.series]} {voucher.day:%Y%m%d} "
            f"{_quoted(voucher.text)}"
        )
        if voucher.registered is not None:
            head += f" {voucher.registered:%Y%m%d}"
        lines.append(head)
        lines.append("{")
        for row in voucher.rows:
            objects = " ".join(f"{dimension} {_quoted(code)}" for dimension, code in row.objects)
            line = f"#TRANS {row.account} {{{objects}}} {_amount(row.amount)}"
            if row.day is not None or row.text:
                day = f"{row.day:%Y%m%d}" if row.day is not None else '""'
                line += f" {day} {_quoted(row.text)}"
            lines.append(line)
        lines.append("}")
    return "\r\n".join(lines) + "\r\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"
