"""#VER blocks: their { } structure, their rows (#TRANS/#RTRANS/#BTRANS) and their balance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from . import fields as f
from .errors import FieldError, Problem
from .model import Transaction, Voucher
from .tokenizer import Field

ROW_LABELS = ("#TRANS", "#RTRANS", "#BTRANS")
_NO_DATE = date(1, 1, 1)


class VoucherBlocks:
    """Follows #VER → { → rows → } and hands finished vouchers to `vouchers`
    (unbalanced ones are also listed in `unbalanced`, to be judged at the end of the file)."""

    def __init__(self, vouchers: list[Voucher], errors: list[Problem], warnings: list[Problem]):
        self.vouchers = vouchers
        self.errors = errors
        self.warnings = warnings
        self.open: Voucher | None = None  # the voucher whose { } block is open
        self.awaiting: Voucher | None = None  # #VER read, its { not yet seen
        self.broken: Voucher | None = None  # stand-in for a #VER with bad fields
        self.pending_added: int | None = None  # index of an #RTRANS awaiting its #TRANS twin
        self.errors_before_block = 0
        self.unbalanced: list[Voucher] = []  # vouchers whose rows do not sum to 0.00

    def start(self, fields: list[Field], number: int) -> None:
        """#VER serie vernr verdatum vertext regdatum sign"""
        if self.open is not None:
            self.errors.append(Problem(self.open.line, unclosed_message(self.open)))
            self.open = None
        try:
            self.awaiting = Voucher(
                series=f.text(fields, 1, "serie"),
                number=f.text(fields, 2, "vernr"),
                date=f.required_date(fields, 3, "verdatum"),
                text=f.text(fields, 4, "vertext"),
                registration_date=f.optional_date(fields, 5, "regdatum"),
                signature=f.text(fields, 6, "sign"),
                line=number,
            )
        except FieldError:
            # Still swallow its { } block, so its rows do not each raise a second error.
            self.broken = Voucher("", "", _NO_DATE, "", None, "", number)
            self.awaiting = self.broken
            raise

    def before_line(self, line: str) -> bool:
        """Called with each line while a #VER waits for its {; True if the line was that {."""
        voucher, self.awaiting = self.awaiting, None
        if voucher is None:
            return False
        if line == "{":
            self.open_block(voucher)
            return True
        if line.upper().startswith(ROW_LABELS):
            # Some exports (e-conomic) leave out the { of a block but keep its }.
            self.warnings.append(
                Problem(voucher.line, f"#VER {voucher.label} saknar {{ före sina rader")
            )
            self.open_block(voucher)
        elif voucher is not self.broken:
            self.errors.append(Problem(voucher.line, no_block_message(voucher)))
        return False

    def open_awaiting(self) -> None:
        """The { came on the #VER line itself."""
        if self.awaiting is not None:
            self.open_block(self.awaiting)
            self.awaiting = None

    def open_block(self, voucher: Voucher) -> None:
        self.open = voucher
        self.pending_added = None
        self.errors_before_block = len(self.errors)

    def close_block(self, number: int) -> None:
        voucher, self.open = self.open, None
        if voucher is None:
            self.errors.append(Problem(number, "} utan öppnat verifikationsblock"))
            return
        if voucher is self.broken:
            return
        if len(self.errors) > self.errors_before_block:
            return  # its rows are already reported; the sum would only repeat that
        if voucher.total:
            # Judged when the whole file is read: see consistency.judge_unbalanced_vouchers.
            self.unbalanced.append(voucher)
        self.vouchers.append(voucher)

    def add_row(self, fields: list[Field], number: int) -> str:
        """#TRANS kontonr {objektlista} belopp transdat transtext kvantitet sign;
        returns the account number."""
        voucher = self.open
        if voucher is None:
            raise FieldError("transaktionsrad utanför ett verifikationsblock #VER { … }")
        label = str(fields[0]).upper()
        row = Transaction(
            account=f.required_text(fields, 1, "kontonr"),
            objects=f.object_list(fields, 2),
            amount=f.amount(fields, 3, "belopp"),
            date=f.optional_date(fields, 4, "transdat") or voucher.date,
            text=f.text(fields, 5, "transtext"),
            quantity=f.optional_amount(fields, 6, "kvantitet"),
            line=number,
            kind=label[1:],
        )
        if label == "#BTRANS":
            voucher.removed.append(row)  # removed afterwards: kept for the record, not counted
            return row.account
        added, self.pending_added = self.pending_added, None
        if label == "#RTRANS":
            self.pending_added = len(voucher.transactions)
            voucher.transactions.append(row)
        elif added is not None and _same_row(voucher.transactions[added], row):
            # Files that write #RTRANS repeat it as a #TRANS for older readers: count once,
            # keeping the #TRANS row (its date is the transaction date) marked as added.
            voucher.transactions[added] = replace(row, kind="RTRANS")
        else:
            voucher.transactions.append(row)
        return row.account

    def finish(self) -> None:
        if self.awaiting is not None and self.awaiting is not self.broken:
            self.errors.append(Problem(self.awaiting.line, no_block_message(self.awaiting)))
        if self.open is not None:
            self.errors.append(Problem(self.open.line, unclosed_message(self.open)))


def no_block_message(voucher: Voucher) -> str:
    return f"#VER {voucher.label} följs inte av ett block {{ … }}"


def unclosed_message(voucher: Voucher) -> str:
    return f"verifikation {voucher.label} (#VER) avslutas aldrig med }}"


def _same_row(added: Transaction, row: Transaction) -> bool:
    return (added.account, added.objects, added.amount) == (row.account, row.objects, row.amount)
