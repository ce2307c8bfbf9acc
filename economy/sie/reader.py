"""Read a SIE file (types 1, 2, 3, 4E, 4I — "SIE filformat utgåva 4B") into a SieFile.

All or nothing: the result is complete, or SieError carries every problem found.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from . import fields as f
from .checksum import ChecksumAccumulator, checksum_encodings
from .consistency import (
    check_balances,
    check_voucher_dates,
    judge_unbalanced_vouchers,
    unbalanced_voucher_message,
)
from .encoding import decode_sie
from .errors import FieldError, Problem, SieError
from .model import (
    Account,
    Dimension,
    FinancialYear,
    ObjectBalance,
    PeriodAmount,
    SieFile,
    SieObject,
    unknown_account_name,
)
from .tokenizer import Field, flatten, split_fields
from .vouchers import ROW_LABELS, VoucherBlocks

Source = bytes | bytearray | str | os.PathLike[str] | BinaryIO


def read_sie(source: Source, *, max_lines: int | None = None) -> SieFile:
    """Read a SIE file from bytes, a path, or an open binary file.

    Returns the parsed SieFile (with `warnings`), or raises SieError listing every error.
    A file of more than `max_lines` lines is refused before any line is read.
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        data = Path(source).read_bytes()
    else:
        data = source.read()
    return _SieReader(data, max_lines).read()


class _SieReader:
    def __init__(self, data: bytes, max_lines: int | None = None) -> None:
        text, encoding = decode_sie(data)
        if max_lines is not None and text.count("\n") >= max_lines:
            raise SieError(
                [
                    Problem(
                        0,
                        f"filen har fler än {max_lines:,} rader; så stora SIE-filer läses "
                        "inte in. Exportera ett räkenskapsår i taget.".replace(",", " "),
                    )
                ]
            )
        self.lines = text.split("\n")
        self.sie = SieFile(encoding=encoding)
        self.errors: list[Problem] = []
        self.recognised_records = 0
        self.blocks = VoucherBlocks(self.sie.vouchers, self.errors, self.sie.warnings)
        self.account_types: dict[str, tuple[str, int]] = {}
        self.first_use: dict[str, int] = {}
        self.balance_lines: dict[tuple[str, int, str], int] = {}
        self.checksum: ChecksumAccumulator | None = None
        self.checksum_start = 0
        self.checksum_seen = False
        self.handlers: dict[str, Callable[[list[Field], int], None]] = {
            "#FLAGGA": self._flag,
            "#PROGRAM": self._program,
            "#FORMAT": self._format,
            "#GEN": self._generated,
            "#SIETYP": self._sie_type,
            "#ORGNR": self._org_number,
            "#FNAMN": self._company_name,
            "#FNR": self._company_id,
            "#VALUTA": self._currency,
            "#KPTYP": self._chart_type,
            "#OMFATTN": self._scope,
            "#RAR": self._financial_year,
            "#KONTO": self._account,
            "#KTYP": self._account_type,
            "#DIM": self._dimension,
            "#UNDERDIM": self._sub_dimension,
            "#OBJEKT": self._object,
            "#IB": self._opening_balance,
            "#UB": self._closing_balance,
            "#RES": self._result,
            "#OIB": self._object_opening_balance,
            "#OUB": self._object_closing_balance,
            "#PSALDO": self._period_balance,
            "#PBUDGET": self._period_budget,
            "#VER": self._voucher,
            "#TRANS": self._row,
            "#RTRANS": self._row,
            "#BTRANS": self._row,
        }

    # ---- driver -------------------------------------------------------------------------

    def read(self) -> SieFile:
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if line:
                self._line(line, number)
        self._finish()
        if self.errors:
            raise SieError(self.errors)
        return self.sie

    def _line(self, line: str, number: int) -> None:
        if "\x00" in line:
            # No text may hold it (PostgreSQL refuses it): a damaged or non-SIE file.
            self._error(number, "raden innehåller ett NUL-tecken (byte 0); filen är skadad")
            return
        if self.blocks.awaiting is not None and self.blocks.before_line(line):
            return
        if line == "{":
            self._error(number, "{ utan föregående #VER")
            return
        if line == "}":
            self.blocks.close_block(number)
            return
        try:
            fields, opens_block, unterminated_quote = split_fields(line)
        except FieldError as problem:
            self._error(number, str(problem))
            return
        if unterminated_quote:
            self._warning(
                number,
                "citattecknet i radens sista fält avslutas aldrig; fältet läses till radens slut",
            )
        label = fields[0] if fields and isinstance(fields[0], str) else ""
        label = label.upper()
        if label == "#KSUMMA":
            self._checksum_record(fields, number)
            return
        if self.checksum is not None:
            self.checksum.add(flatten(fields))
        if not label.startswith("#"):
            self._warning(number, "raden saknar etikett (#…) och hoppas över")
            return
        if opens_block and label != "#VER":
            self._error(number, f"{label}: objektlista som aldrig avslutas med }}")
            return
        handler = self.handlers.get(label)
        if handler is None:
            return  # unknown labels are ignored, as the standard demands
        self.recognised_records += 1
        if self.blocks.open is not None and label not in ROW_LABELS and label != "#VER":
            return  # other known records inside a block: ignored like unknown ones
        try:
            handler(fields, number)
        except FieldError as problem:
            self._error(number, f"{label}: {problem}")
        if opens_block:
            self.blocks.open_awaiting()

    def _finish(self) -> None:
        self.blocks.finish()
        if self.checksum is not None:
            self._error(
                self.checksum_start, "#KSUMMA inleder kontrollsummering som aldrig avslutas"
            )
        if not self.recognised_records and not self.checksum_seen:
            self._error(0, "filen innehåller inga SIE-poster (rader som #FLAGGA, #KONTO, #VER …)")
        self._apply_account_types()
        self._declare_unknown_accounts()
        if not self.errors:
            check_voucher_dates(self.sie, self.sie.warnings)
            self.sie.balance_mismatches = check_balances(
                self.sie, self.balance_lines, self.sie.warnings
            )
            judge_unbalanced_vouchers(
                self.sie,
                self.blocks.unbalanced,
                self.sie.balance_mismatches,
                self.errors,
                self.sie.warnings,
            )
        else:
            for voucher in self.blocks.unbalanced:
                self._error(voucher.line, unbalanced_voucher_message(voucher, voucher.total))
        self.sie.warnings.sort(key=lambda problem: problem.line)

    def _error(self, line: int, message: str) -> None:
        self.errors.append(Problem(line, message))

    def _warning(self, line: int, message: str) -> None:
        self.sie.warnings.append(Problem(line, message))

    # ---- checksum -----------------------------------------------------------------------

    def _checksum_record(self, fields: list[Field], number: int) -> None:
        self.checksum_seen = True
        value = fields[1] if len(fields) > 1 else ""
        if not value:
            if self.checksum is not None:
                self._error(number, "#KSUMMA: ny inledande #KSUMMA innan den förra avslutats")
            self.checksum = ChecksumAccumulator(checksum_encodings(self.sie.encoding))
            self.checksum_start = number
            return
        if self.checksum is None:
            self._error(number, "#KSUMMA med kontrollsumma saknar inledande #KSUMMA-post")
            return
        accumulator, self.checksum = self.checksum, None
        if not isinstance(value, str) or not value.isdigit() or len(value) > 10:
            self._error(number, f'#KSUMMA: "{value}" är ingen giltig kontrollsumma (heltal)')
            return
        if accumulator.matches(int(value)):
            self.sie.checksum_verified = True
        else:
            self._error(
                number,
                f"#KSUMMA stämmer inte: filen anger {value}, innehållet ger {accumulator.value}. "
                "Filen har ändrats eller skadats efter exporten.",
            )

    # ---- identification records ---------------------------------------------------------

    def _flag(self, fields: list[Field], number: int) -> None:
        self.sie.flag = f.text(fields, 1, "flagga")

    def _program(self, fields: list[Field], number: int) -> None:
        self.sie.program = f.text(fields, 1, "programnamn")
        self.sie.program_version = f.text(fields, 2, "version")

    def _format(self, fields: list[Field], number: int) -> None:
        self.sie.format = f.text(fields, 1, "format")

    def _generated(self, fields: list[Field], number: int) -> None:
        self.sie.generated = f.optional_date(fields, 1, "datum")
        self.sie.generated_by = f.text(fields, 2, "signatur")

    def _sie_type(self, fields: list[Field], number: int) -> None:
        self.sie.sie_type = f.required_text(fields, 1, "typnummer")

    def _org_number(self, fields: list[Field], number: int) -> None:
        self.sie.org_number = f.text(fields, 1, "organisationsnummer")

    def _company_name(self, fields: list[Field], number: int) -> None:
        self.sie.company_name = f.text(fields, 1, "företagsnamn")

    def _company_id(self, fields: list[Field], number: int) -> None:
        self.sie.company_id = f.text(fields, 1, "företags-id")

    def _currency(self, fields: list[Field], number: int) -> None:
        self.sie.currency = f.text(fields, 1, "valutakod")

    def _chart_type(self, fields: list[Field], number: int) -> None:
        self.sie.chart_of_accounts_type = f.text(fields, 1, "typ")

    def _scope(self, fields: list[Field], number: int) -> None:
        self.sie.scope_end = f.optional_date(fields, 1, "datum")

    def _financial_year(self, fields: list[Field], number: int) -> None:
        index = f.integer(fields, 1, "årsnr")
        if not f.text(fields, 2, "start") and not f.text(fields, 3, "slut"):
            self._warning(number, f"#RAR {index} saknar start- och slutdatum och hoppas över")
            return
        start = f.required_date(fields, 2, "start")
        end = f.required_date(fields, 3, "slut")
        if end < start:
            raise FieldError(f"räkenskapsåret slutar ({end}) före det börjar ({start})")
        self.sie.financial_years[index] = FinancialYear(index, start, end)

    # ---- chart of accounts and objects --------------------------------------------------

    def _account(self, fields: list[Field], number: int) -> None:
        account = f.required_text(fields, 1, "kontonr")
        name = f.text(fields, 2, "kontonamn")
        self.sie.accounts[account] = Account(account, name)

    def _account_type(self, fields: list[Field], number: int) -> None:
        account = f.required_text(fields, 1, "kontonr")
        kind = f.text(fields, 2, "kontotyp").upper()
        if kind not in ("T", "S", "K", "I"):
            self._warning(number, f'#KTYP: okänd kontotyp "{kind}" för konto {account} ignoreras')
            return
        self.account_types[account] = (kind, number)

    def _dimension(self, fields: list[Field], number: int) -> None:
        dimension = f.integer(fields, 1, "dimensionsnr")
        self.sie.dimensions[dimension] = Dimension(dimension, f.text(fields, 2, "namn"))

    def _sub_dimension(self, fields: list[Field], number: int) -> None:
        dimension = f.integer(fields, 1, "dimensionsnr")
        name = f.text(fields, 2, "namn")
        parent = f.integer(fields, 3, "överdimension")
        self.sie.dimensions[dimension] = Dimension(dimension, name, parent)

    def _object(self, fields: list[Field], number: int) -> None:
        dimension = f.integer(fields, 1, "dimensionsnr")
        code = f.text(fields, 2, "objektkod", required=True)
        self.sie.objects[(dimension, code)] = SieObject(
            dimension, code, f.text(fields, 3, "objektnamn")
        )

    # ---- balances -----------------------------------------------------------------------

    def _year_account_amount(self, fields: list[Field], number: int) -> tuple[int, str, Decimal]:
        year = f.integer(fields, 1, "årsnr")
        account = f.required_text(fields, 2, "kontonr")
        amount = f.amount(fields, 3, "saldo")
        f.optional_amount(fields, 4, "kvantitet")
        self.first_use.setdefault(account, number)
        return year, account, amount

    def _balance(
        self, kind: str, target: dict[int, dict[str, Decimal]], fields: list[Field], number: int
    ) -> None:
        year, account, amount = self._year_account_amount(fields, number)
        target.setdefault(year, {})[account] = amount
        self.balance_lines[(kind, year, account)] = number

    def _opening_balance(self, fields: list[Field], number: int) -> None:
        self._balance("IB", self.sie.opening_balances, fields, number)

    def _closing_balance(self, fields: list[Field], number: int) -> None:
        self._balance("UB", self.sie.closing_balances, fields, number)

    def _result(self, fields: list[Field], number: int) -> None:
        self._balance("RES", self.sie.results, fields, number)

    def _object_balance(self, fields: list[Field], number: int) -> ObjectBalance:
        year = f.integer(fields, 1, "årsnr")
        account = f.required_text(fields, 2, "kontonr")
        reference = f.single_object(fields, 3)
        amount = f.amount(fields, 4, "saldo")
        quantity = f.optional_amount(fields, 5, "kvantitet")
        self.first_use.setdefault(account, number)
        return ObjectBalance(year, account, reference, amount, quantity, number)

    def _object_opening_balance(self, fields: list[Field], number: int) -> None:
        self.sie.object_opening_balances.append(self._object_balance(fields, number))

    def _object_closing_balance(self, fields: list[Field], number: int) -> None:
        self.sie.object_closing_balances.append(self._object_balance(fields, number))

    def _period_amount(self, fields: list[Field], number: int) -> PeriodAmount:
        year = f.integer(fields, 1, "årsnr")
        month = f.period(fields, 2)
        account = f.required_text(fields, 3, "kontonr")
        objects = f.object_list(fields, 4)
        amount = f.amount(fields, 5, "saldo")
        quantity = f.optional_amount(fields, 6, "kvantitet")
        self.first_use.setdefault(account, number)
        return PeriodAmount(year, month, account, objects, amount, quantity, number)

    def _period_balance(self, fields: list[Field], number: int) -> None:
        self.sie.period_balances.append(self._period_amount(fields, number))

    def _period_budget(self, fields: list[Field], number: int) -> None:
        self.sie.period_budgets.append(self._period_amount(fields, number))

    # ---- vouchers -----------------------------------------------------------------------

    def _voucher(self, fields: list[Field], number: int) -> None:
        self.blocks.start(fields, number)

    def _row(self, fields: list[Field], number: int) -> None:
        account = self.blocks.add_row(fields, number)
        self.first_use.setdefault(account, number)

    # ---- after the last line ------------------------------------------------------------

    def _apply_account_types(self) -> None:
        for account, (kind, number) in self.account_types.items():
            if account not in self.sie.accounts:
                self.first_use.setdefault(account, number)
                self._declare_unknown(account, self.first_use[account])
            self.sie.accounts[account].type = kind

    def _declare_unknown_accounts(self) -> None:
        for account, number in self.first_use.items():
            if account not in self.sie.accounts:
                self._declare_unknown(account, number)

    def _declare_unknown(self, account: str, number: int) -> None:
        name = unknown_account_name(account)
        self.sie.accounts[account] = Account(account, name, known=False)
        self._warning(number, f"konto {account} saknar #KONTO och får namnet ”{name}”")
