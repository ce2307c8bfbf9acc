"""What a förbund configures about its economy: mapping exceptions, thresholds, data the
books do not hold (staff, balanskrav adjustments) and uploads awaiting confirmation."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.versioning import Versioned
from core.years import YEAR_VALIDATORS

from ..choices import OVERRIDE_CHOICES, BalanceAdjustmentKind, CheckBasis


class PercentOptions(TypedDict):
    """Keyword arguments of a percentage DecimalField, typed so mypy can check the `**` call."""

    max_digits: int
    decimal_places: int
    validators: Sequence[Callable[[Any], None]]


PERCENT: PercentOptions = {
    "max_digits": 6,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
}

account_ranges_validator = RegexValidator(
    r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$",
    _("Skriv konton eller intervall åtskilda med kommatecken, till exempel 3510-3539, 3590."),
)


_FRACTION = re.compile(r"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$")


def parse_fraction(text: str) -> Fraction:
    """ "1/3" → Fraction(1, 3); ValueError unless a fraction from 0 to 1 with a denominator."""
    match = _FRACTION.match(text)
    if not match or int(match.group(2)) == 0:
        raise ValueError(text)
    value = Fraction(int(match.group(1)), int(match.group(2)))
    if value > 1:
        raise ValueError(text)
    return value


def fraction_validator(value: str) -> None:
    if not value.strip():
        return
    try:
        parse_fraction(value)
    except ValueError:
        raise ValidationError(
            _("Skriv ett bråk mellan 0 och 1 med snedstreck, till exempel 1/3."),
            code="fraction",
        ) from None


class EconomySettings(Versioned):
    """A förbund's own rules for the driftredovisning and the checks (one row per förbund)."""

    forbund = models.OneToOneField(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="economy_settings"
    )
    object_dimension = models.PositiveIntegerField(
        _("dimension för insatser"),
        default=6,
        help_text=_("SIE-dimensionen vars objektkoder är insatsernas koder (6 = projekt)."),
    )
    admin_object_codes = models.CharField(
        _("objektkoder för administration"),
        max_length=200,
        default="ADM",
        blank=True,
        help_text=_("Objektkoder i samma dimension som avser kansli, styrelse och revision."),
    )
    structural_object_codes = models.CharField(
        _("objektkoder för övrigt strukturinriktat"),
        max_length=200,
        default="",
        blank=True,
        help_text=_(
            "Objekt som hör till de strukturinriktade insatserna utan att vara en insats, "
            "till exempel FORUM. En budgetrad utan insats med samma namn som objektet "
            "jämförs med det."
        ),
    )
    individual_object_codes = models.CharField(
        _("objektkoder för övrigt individinriktat"),
        max_length=200,
        default="",
        blank=True,
        help_text=_("Som ovan, för de individinriktade insatserna."),
    )
    untagged_costs_are_admin = models.BooleanField(
        _("kostnader utan objekt räknas som administration"), default=False
    )
    contribution_accounts = models.CharField(
        _("konton för medlemsbidrag"),
        max_length=200,
        default="3510-3539",
        validators=[account_ranges_validator],
        help_text=_("Konton eller intervall, till exempel 3510-3539."),
    )
    admin_share_max_percent = models.DecimalField(
        _("administration högst (procent)"), default=Decimal(10), **PERCENT
    )
    admin_share_max_fraction = models.CharField(
        _("administration högst (som bråk)"),
        max_length=20,
        blank=True,
        validators=[fraction_validator],
        help_text=_(
            "När regeln är ett bråk, till exempel 1/3 för ”högst en tredjedel”: då gäller "
            "bråket exakt i stället för procentsatsen ovan."
        ),
    )
    admin_share_basis = models.CharField(
        _("administrationsandel mäts på"),
        max_length=10,
        choices=CheckBasis.choices,
        default=CheckBasis.OUTCOME,
    )
    individual_share_min_percent = models.DecimalField(
        _("individinriktade insatser minst (procent av insatskostnaderna)"),
        default=Decimal(70),
        **PERCENT,
    )
    structural_share_max_percent = models.DecimalField(
        _("strukturinriktade insatser högst (procent av insatskostnaderna)"),
        default=Decimal(30),
        **PERCENT,
    )
    split_basis = models.CharField(
        _("fördelningen individ/struktur mäts på"),
        max_length=10,
        choices=CheckBasis.choices,
        default=CheckBasis.OUTCOME,
    )
    balance_requirement_min = models.DecimalField(
        _("balanskravsresultat minst (kr)"), max_digits=18, decimal_places=2, default=Decimal(0)
    )
    solidity_min_percent = models.DecimalField(
        _("soliditet minst (procent)"), default=Decimal(0), **PERCENT
    )
    deficit_restoration_years = models.PositiveSmallIntegerField(
        _("negativt balanskravsresultat ska återställas inom (år)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Lämna tomt om förbundets regler inte kräver att ett underskott återställs. "
            "Kommunallagen ger kommuner och regioner tre år (11 kap. 12 §)."
        ),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("ekonomiinställningar")
        verbose_name_plural = _("ekonomiinställningar")

    def __str__(self) -> str:
        return f"Ekonomiinställningar {self.forbund_id}"

    def admin_share_max_fraction_value(self) -> Fraction | None:
        """The administration limit as an exact fraction of the whole (1/3), or None."""
        text = self.admin_share_max_fraction.strip()
        return parse_fraction(text) if text else None

    def admin_codes(self) -> set[str]:
        return _codes(self.admin_object_codes)

    def area_codes(self) -> dict[str, str]:
        """Object code (upper case) → area, for the objects of an area that are no insats."""
        areas = dict.fromkeys(_codes(self.structural_object_codes), "strukturinriktad")
        areas.update(dict.fromkeys(_codes(self.individual_object_codes), "individinriktad"))
        return areas


def _codes(text: str) -> set[str]:
    return {code.strip().upper() for code in text.split(",") if code.strip()}


class AccountLineOverride(models.Model):
    """One account mapped to another statement line than Kommun-Bas's default."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="account_overrides"
    )
    account = models.CharField(
        _("konto"),
        max_length=20,
        validators=[RegexValidator(r"^\d{1,20}$", _("Ett kontonummer består av siffror."))],
    )
    line = models.CharField(_("rad"), max_length=40, choices=OVERRIDE_CHOICES)
    note = models.CharField(_("anteckning"), max_length=200, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("avvikande kontomappning")
        verbose_name_plural = _("avvikande kontomappningar")
        ordering = ["account"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "account"],
                name="account_override_once_per_account",
                violation_error_message=_("Kontot har redan en egen mappning."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} → {self.get_line_display()}"


class EquityGuidelineStep(Versioned):
    """A step of Nationella rådet's recommendation for the largest equity a förbund should
    keep, by the size of the members' contributions:

        recommended = base_amount + (contributions − contributions_from) × marginal_percent / 100

    using the step with the largest `contributions_from` not above the contributions.
    The defaults (services/equity_guideline.py) pass through the primer's known points.
    """

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="equity_guideline_steps"
    )
    contributions_from = models.DecimalField(
        _("medlemsbidrag från (kr)"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    base_amount = models.DecimalField(
        _("rekommenderat eget kapital vid stegets början (kr)"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    marginal_percent = models.DecimalField(
        _("därutöver procent av bidragen"),
        max_digits=7,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("steg i rekommendationen för eget kapital")
        verbose_name_plural = _("steg i rekommendationen för eget kapital")
        ordering = ["contributions_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "contributions_from"],
                name="equity_step_unique_start",
                violation_error_message=_("Det finns redan ett steg som börjar vid det beloppet."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.contributions_from}: {self.base_amount} + {self.marginal_percent} %"


class StaffYear(Versioned):
    """Årsarbetare (full-time equivalents) in a year, for the five-year overview."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="staff_years"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    administration = models.DecimalField(
        _("kansli"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    structural = models.DecimalField(
        _("strukturinriktade insatser"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    individual = models.DecimalField(
        _("individinriktade insatser"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    total_entered = models.DecimalField(
        _("totalt"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Lämna tomt för att summera de tre fälten."),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("årsarbetare")
        verbose_name_plural = _("årsarbetare")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "year"],
                name="staff_year_once_per_year",
                violation_error_message=_("Året har redan uppgifter om personal."),
            ),
            models.CheckConstraint(
                condition=(Q(administration__isnull=True) | Q(administration__gte=0))
                & (Q(structural__isnull=True) | Q(structural__gte=0))
                & (Q(individual__isnull=True) | Q(individual__gte=0))
                & (Q(total_entered__isnull=True) | Q(total_entered__gte=0)),
                name="staff_year_not_negative",
                violation_error_message=_("Antal årsarbetare kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"Personal {self.year}"

    @property
    def total(self) -> Decimal | None:
        if self.total_entered is not None:
            return self.total_entered
        parts = [
            p for p in (self.administration, self.structural, self.individual) if p is not None
        ]
        return sum(parts, Decimal(0)) if parts else None


class BalanceAdjustment(models.Model):
    """A row of the balanskravsutredning from årets resultat to the balanskravsresultat,
    entered per year by the ekonom with a note (realisationsvinster are deducted, so they
    are entered as negative amounts)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="balance_adjustments"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    kind = models.CharField(
        _("rad i balanskravsutredningen"),
        max_length=60,
        choices=BalanceAdjustmentKind.choices,
        default=BalanceAdjustmentKind.REALISATION_GAINS,
    )
    description = models.CharField(
        _("anteckning"),
        max_length=200,
        help_text=_("Vad justeringen avser, till exempel vilken försäljning eller vilket beslut."),
    )
    amount = models.DecimalField(
        _("belopp (kr)"),
        max_digits=18,
        decimal_places=2,
        help_text=_("Med tecken: avdrag (t.ex. realisationsvinster) skrivs negativt."),
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("balanskravsjustering")
        verbose_name_plural = _("balanskravsjusteringar")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return f"{self.year}: {self.description}"


class PendingSieUpload(models.Model):
    """An uploaded SIE file shown as a preview, waiting for the user to confirm the import."""

    forbund = models.ForeignKey("organisations.Forbund", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("fil"), max_length=255)
    data = models.BinaryField(_("innehåll"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("uppladdad SIE-fil")
        verbose_name_plural = _("uppladdade SIE-filer")

    def __str__(self) -> str:
        return self.file_name
