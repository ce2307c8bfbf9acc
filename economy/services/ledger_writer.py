"""Writing a parsed SIE file into the ledger tables with bulk inserts, and deleting a year.

Inserts go in batches with `bulk_create`, which sets primary keys on PostgreSQL and on
SQLite ≥ 3.35, so vouchers, rows and row objects can be linked without extra queries.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

from core.bulk import insert_rows
from core.tabular.text import remove_control_characters
from economy.sie import SieFile

from ..models import (
    AccountBalance,
    FinancialYear,
    LedgerAccount,
    LedgerDimension,
    LedgerObject,
    Transaction,
    TransactionObject,
    Voucher,
)

BATCH_SIZE = 5000

# Children before parents: each DELETE leaves no row pointing at a deleted one.
_YEAR_TABLES = (
    TransactionObject,
    Transaction,
    Voucher,
    AccountBalance,
    LedgerObject,
    LedgerDimension,
    LedgerAccount,
)


def delete_books(year: FinancialYear) -> None:
    """Delete a financial year and everything imported with it.

    Plain DELETE statements per table: the ORM's cascade would first load every row's key
    (100 000 rows for a large year) to look for dependants that these tables cannot have.
    """
    with connection.cursor() as cursor:
        for model in _YEAR_TABLES:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
                "WHERE financial_year_id = %s",
                [year.pk],
            )
    year.delete()


def _cut(text: str, model, field: str) -> str:
    return text[: model._meta.get_field(field).max_length]


def _text(text: str, model, field: str) -> str:
    """A name or text from the file as stored: without control characters (which no page,
    export or Word document can carry), cut to the column."""
    return _cut(remove_control_characters(text), model, field)


class LedgerWriter:
    """Writes one SieFile as the books of `year`."""

    def __init__(self, forbund, year: FinancialYear, sie: SieFile) -> None:
        self.forbund = forbund
        self.year = year
        self.sie = sie
        self.accounts: dict[str, LedgerAccount] = {}
        self.objects: dict[tuple[int, str], LedgerObject] = {}
        self.account_count = 0
        self.voucher_count = 0
        self.transaction_count = 0

    def write(self, balances: dict[tuple[int, str], dict[str, Decimal]]) -> list[str]:
        """Write everything; returns warnings about objects the file used but never declared."""
        used_accounts = {number for amounts in balances.values() for number in amounts}
        for voucher in self.sie.vouchers:
            used_accounts.update(row.account for row in voucher.transactions)
        self._write_accounts(used_accounts)
        self._write_balances(balances)
        self._write_dimensions()
        warnings = self._write_objects()
        self._write_vouchers()
        return warnings

    def _common(self) -> dict:
        return {"forbund": self.forbund, "financial_year": self.year}

    def _write_accounts(self, used: set[str]) -> None:
        numbers = sorted({*self.sie.accounts, *used})
        rows = []
        for number in numbers:
            account = self.sie.accounts.get(number)
            rows.append(
                LedgerAccount(
                    **self._common(),
                    number=_cut(number, LedgerAccount, "number"),
                    name=_text(self.sie.account_name(number), LedgerAccount, "name"),
                    declared=bool(account and account.known),
                )
            )
        LedgerAccount.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.accounts = {row.number: row for row in rows}
        self.account_count = len(rows)

    def _write_balances(self, balances: dict[tuple[int, str], dict[str, Decimal]]) -> None:
        rows = [
            AccountBalance(
                **self._common(),
                account=self.accounts[number[:20]],
                year_index=index,
                kind=kind,
                amount=amount,
            )
            for (index, kind), amounts in balances.items()
            for number, amount in amounts.items()
        ]
        AccountBalance.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def _write_dimensions(self) -> None:
        rows = [
            LedgerDimension(
                **self._common(),
                number=dimension.number,
                name=_text(dimension.name, LedgerDimension, "name"),
                parent=dimension.parent,
            )
            for dimension in self.sie.dimensions.values()
        ]
        LedgerDimension.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def _write_objects(self) -> list[str]:
        wanted: dict[tuple[int, str], tuple[str, bool]] = {
            (dimension, code): (sie_object.name, True)
            for (dimension, code), sie_object in self.sie.objects.items()
        }
        undeclared: list[tuple[int, str]] = []
        for voucher in self.sie.vouchers:
            for row in voucher.transactions:
                for ref in row.objects:
                    if ref not in wanted:
                        wanted[ref] = ("", False)
                        undeclared.append(ref)
        rows = [
            LedgerObject(
                **self._common(),
                dimension=dimension,
                code=_cut(code, LedgerObject, "code"),
                name=_text(name, LedgerObject, "name"),
                declared=declared,
            )
            for (dimension, code), (name, declared) in wanted.items()
        ]
        LedgerObject.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.objects = {(row.dimension, row.code): row for row in rows}
        return [
            f"objekt {code} i dimension {dimension} saknar #OBJEKT och sparas utan namn"
            for dimension, code in undeclared
        ]

    def _write_vouchers(self) -> None:
        """Vouchers, their rows and the rows' objects: the large tables, as plain tuples."""
        forbund_id, year_id = self.forbund.pk, self.year.pk
        voucher_ids = insert_rows(
            Voucher,
            ("forbund", "financial_year", "series", "number", "date", "text", "registration_date"),
            [
                (
                    forbund_id,
                    year_id,
                    _cut(voucher.series, Voucher, "series"),
                    _cut(voucher.number, Voucher, "number"),
                    voucher.date,
                    _text(voucher.text, Voucher, "text"),
                    voucher.registration_date,
                )
                for voucher in self.sie.vouchers
            ],
            returning_ids=True,
        )
        self.voucher_count = len(voucher_ids)
        account_ids = {number: account.pk for number, account in self.accounts.items()}
        text_length = Transaction._meta.get_field("text").max_length
        rows: list[tuple] = []
        row_objects: list[tuple[int, tuple]] = []  # (index in rows, the row's objects)
        for voucher_id, voucher in zip(voucher_ids, self.sie.vouchers, strict=True):
            for row in voucher.transactions:
                if row.objects:
                    row_objects.append((len(rows), row.objects))
                rows.append(
                    (
                        forbund_id,
                        year_id,
                        voucher_id,
                        account_ids[row.account[:20]],
                        row.amount,
                        row.date,
                        remove_control_characters(row.text)[:text_length],
                        row.quantity,
                    )
                )
        transaction_ids = insert_rows(
            Transaction,
            (
                "forbund",
                "financial_year",
                "voucher",
                "account",
                "amount",
                "date",
                "text",
                "quantity",
            ),
            rows,
            returning_ids=True,
        )
        self.transaction_count = len(transaction_ids)
        object_ids = {key: ledger_object.pk for key, ledger_object in self.objects.items()}
        links = [
            (forbund_id, year_id, transaction_ids[index], object_ids[(ref[0], ref[1][:100])])
            for index, refs in row_objects
            for ref in dict.fromkeys(refs)  # the same object twice counts once
        ]
        insert_rows(
            TransactionObject, ("forbund", "financial_year", "transaction", "ledger_object"), links
        )
