"""The books as imported from SIE: one financial year with everything the file held.

Amounts keep the SIE sign convention (debit positive, credit negative); the statements
turn them into published signs. Every row carries `forbund` for tenant scoping and
`financial_year` so that a re-import can delete a year's books with a few plain DELETEs.
"""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager

from ..choices import BalanceKind


class DecimalOptions(TypedDict):
    """Keyword arguments shared by DecimalFields, typed so mypy can check the `**` call."""

    max_digits: int
    decimal_places: int


MONEY: DecimalOptions = {"max_digits": 18, "decimal_places": 2}


class FinancialYear(models.Model):
    """A räkenskapsår of one förbund, with where its books came from."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="financial_years"
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    file_name = models.CharField(_("fil"), max_length=255, blank=True)
    source_program = models.CharField(_("bokföringsprogram"), max_length=200, blank=True)
    sie_type = models.CharField(_("SIE-typ"), max_length=4, blank=True)
    company_name = models.CharField(_("företagsnamn i filen"), max_length=200, blank=True)
    org_number = models.CharField(_("organisationsnummer i filen"), max_length=20, blank=True)
    encoding = models.CharField(_("teckenkodning"), max_length=20, blank=True)
    # True when the file stated no #UB/#RES for the year and they were computed from #TRANS.
    balances_computed = models.BooleanField(
        _("saldon beräknade från verifikationer"), default=False
    )
    warnings = models.JSONField(_("varningar vid inläsningen"), default=list, blank=True)
    imported_at = models.DateTimeField(_("inläst"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inläst av"),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("räkenskapsår")
        verbose_name_plural = _("räkenskapsår")
        ordering = ["-end"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "start"],
                name="financial_year_unique_start",
                violation_error_message=_("Förbundet har redan ett räkenskapsår med den början."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="financial_year_end_not_before_start",
                violation_error_message=_("Räkenskapsåret kan inte sluta innan det börjar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"

    @property
    def year(self) -> int:
        """The year the statements are named by: the year the financial year ends."""
        return self.end.year


class LedgerAccount(models.Model):
    """An account (#KONTO) as named in the year's file. `declared` is False for an account
    the file used without a #KONTO line ("okänt konto NNNN")."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="accounts"
    )
    number = models.CharField(_("konto"), max_length=20)
    name = models.CharField(_("namn"), max_length=200)
    declared = models.BooleanField(_("deklarerat i filen"), default=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")
        ordering = ["financial_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "number"], name="ledger_account_unique_in_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class AccountBalance(models.Model):
    """#IB, #UB or #RES of one account. `year_index` as in #RAR: 0 the year, −1 the one before."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="balances"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.CASCADE, related_name="balances")
    year_index = models.SmallIntegerField(_("årsindex"))
    kind = models.CharField(_("slag"), max_length=3, choices=BalanceKind.choices)
    amount = models.DecimalField(_("belopp"), **MONEY)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("saldo")
        verbose_name_plural = _("saldon")
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "account", "year_index", "kind"],
                name="account_balance_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year_index} {self.account_id}: {self.amount}"


class LedgerDimension(models.Model):
    """#DIM / #UNDERDIM: a dimension of objects (1 kostnadsställe, 6 projekt…)."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="dimensions"
    )
    number = models.PositiveIntegerField(_("dimension"))
    name = models.CharField(_("namn"), max_length=200)
    parent = models.PositiveIntegerField(_("huvuddimension"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ["financial_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "number"], name="ledger_dimension_unique_in_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class LedgerObject(models.Model):
    """#OBJEKT: an object within a dimension; for dimension 6 usually an insats."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="ledger_objects"
    )
    dimension = models.PositiveIntegerField(_("dimension"))
    code = models.CharField(_("objektkod"), max_length=100)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    declared = models.BooleanField(_("deklarerat i filen"), default=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("objekt")
        verbose_name_plural = _("objekt")
        ordering = ["financial_year", "dimension", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "dimension", "code"], name="ledger_object_unique_in_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code} {self.name}".strip()


class Voucher(models.Model):
    """#VER: one verifikation. Its rows are the `Transaction`s that count."""

    # The large tables: `forbund` and `financial_year` repeat what the parent row says (for
    # scoping, and to delete a year with one statement per table), so they carry no index
    # or database constraint of their own; each costs time on every one of a year's
    # 100 000 rows (on PostgreSQL ~1 s of deferred constraint checks at commit). Rows are
    # written only by LedgerWriter, from the year it creates.
    forbund = models.ForeignKey(
        "organisations.Forbund",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="vouchers", db_constraint=False
    )
    series = models.CharField(_("serie"), max_length=40, blank=True)
    number = models.CharField(_("nummer"), max_length=40, blank=True)
    date = models.DateField(_("datum"))
    text = models.CharField(_("text"), max_length=500, blank=True)
    registration_date = models.DateField(_("registreringsdatum"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        ordering = ["financial_year", "date", "series", "id"]

    def __str__(self) -> str:
        return f"{self.series} {self.number} {self.date:%Y-%m-%d}".strip()


class Transaction(models.Model):
    """#TRANS (or an #RTRANS added afterwards): one row of a voucher."""

    # The large tables: `forbund` and `financial_year` repeat what the parent row says (for
    # scoping, and to delete a year with one statement per table), so they carry no index
    # or database constraint of their own; each costs time on every one of a year's
    # 100 000 rows (on PostgreSQL ~1 s of deferred constraint checks at commit). Rows are
    # written only by LedgerWriter, from the year it creates.
    forbund = models.ForeignKey(
        "organisations.Forbund",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.CASCADE, related_name="transactions", db_constraint=False
    )
    # Nor do the links to the voucher and the account: LedgerWriter takes both ids from rows
    # it has just inserted in the same transaction (tests check every row's links), and the
    # deferred checks of 200 000 links cost 1–2 s of a 100 000-row import on PostgreSQL.
    voucher = models.ForeignKey(
        Voucher, on_delete=models.CASCADE, related_name="transactions", db_constraint=False
    )
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.CASCADE, related_name="transactions", db_constraint=False
    )
    amount = models.DecimalField(_("belopp"), **MONEY)
    date = models.DateField(_("datum"))
    text = models.CharField(_("text"), max_length=500, blank=True)
    quantity = models.DecimalField(
        _("kvantitet"), max_digits=18, decimal_places=4, null=True, blank=True
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("transaktion")
        verbose_name_plural = _("transaktioner")
        ordering = ["voucher", "id"]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.amount}"


class TransactionObject(models.Model):
    """One object a transaction row is booked on (a row may carry one per dimension)."""

    # The large tables: `forbund` and `financial_year` repeat what the parent row says (for
    # scoping, and to delete a year with one statement per table), so they carry no index
    # or database constraint of their own; each costs time on every one of a year's
    # 100 000 rows (on PostgreSQL ~1 s of deferred constraint checks at commit). Rows are
    # written only by LedgerWriter, from the year it creates.
    forbund = models.ForeignKey(
        "organisations.Forbund",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    financial_year = models.ForeignKey(
        FinancialYear,
        on_delete=models.CASCADE,
        related_name="transaction_objects",
        db_constraint=False,
    )
    # No database constraints either: a year has one link per row and object (70 000 in the
    # benchmark) and LedgerWriter creates both ends in the same transaction.
    transaction = models.ForeignKey(
        Transaction, on_delete=models.CASCADE, related_name="objects_of", db_constraint=False
    )
    ledger_object = models.ForeignKey(
        LedgerObject,
        on_delete=models.CASCADE,
        related_name="transaction_links",
        db_constraint=False,
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("transaktionsobjekt")
        verbose_name_plural = _("transaktionsobjekt")

    def __str__(self) -> str:
        return f"{self.transaction_id} → {self.ledger_object_id}"
