"""Members' contributions, the state's ideal allocation and the förbund's budget.

All amounts are whole kronor (BigIntegerField); pages show them in kronor or tkr.

Contributions (tenant-owned)
- `Contribution`: one member's äskning (requested), tilldelning (decided) and paid amount
  for a year.
- `MunicipalPopulation`: a municipality member's population for a year (the default key).
- `MunicipalKeyShare`: a förbund's own key for a year. When any row exists for a year, the
  calculator splits the municipal quarter by these weights instead of by population.

Budget (tenant-owned)
- `Budget`: one per förbund and year (`adopted_on` empty = a plan/prognos year).
- `BudgetLine`: one line under a `category` (choices.BudgetCategory: three cost areas and
  four income kinds), optionally for an insats (participants.Insats) or a member (medlemsbidrag).
  `original_amount` is the budget as adopted and is never changed by a revision.
- `BudgetRevision` (ändringsbeslut, dated, with a note) with `BudgetRevisionChange` rows that
  each set one line's new amount. A line added by a revision has original_amount 0.
  A line's amount as of date D = the amount of its latest change whose revision was decided on
  or before D (ties: the later revision id), else original_amount.

How to get "budget per area and per insats for year Y, latest revision" (economy's
driftredovisning): use the service, not the tables:

    from budget.services import budget_for_year
    snapshot = budget_for_year(forbund, Y)            # all revisions; as_of=date(...) for D
    snapshot.total_for_category(BudgetCategory.ADMINISTRATION)   # kronor
    snapshot.costs_by_area()     # {"administration": kr, "strukturinriktad": kr, ...}
    snapshot.costs_by_insats()   # {insats_id: kr} for cost lines tied to an insats
    for line in snapshot.lines:  # BudgetLineAmount: category, insats, member, name,
        ...                      # original, amount (after revisions), is_cost

`budget_for_year` returns None when the förbund has no budget for Y. Call it inside
`scope(forbund=...)` like every tenant query.

Ideal allocation (installation-level, not tenant-owned: the inputs are public statistics)
- `AllocationRound`: a year's national parameters (appropriation for the state half, base per
  förbund, number of förbund, national totals).
- `MunicipalityAllocationInput`: per municipality and year: population 16–64,
  försörjningsmått and the förbund it belongs to (name, and the installation's Forbund when
  it is one of ours).
- `ForbundActualAllocation`: actual total allocation of a förbund that is not on this
  installation (or whose contributions are not entered), for the county comparison.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.versioning import Versioned
from core.years import YEAR_VALIDATORS

from .choices import BudgetCategory, MidYearRule


class Contribution(Versioned):
    """A member's contribution for one year: asked for, decided and paid (whole kronor)."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="contributions"
    )
    member = models.ForeignKey(
        "organisations.Member",
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("medlem"),
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    requested = models.BigIntegerField(_("äskning (kr)"), null=True, blank=True)
    decided = models.BigIntegerField(_("tilldelning (kr)"), null=True, blank=True)
    paid = models.BigIntegerField(_("inbetalt (kr)"), null=True, blank=True)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("medlemsbidrag")
        verbose_name_plural = _("medlemsbidrag")
        ordering = ["year", "member__kind", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="contribution_one_per_member_and_year",
                violation_error_message=_("Medlemmen har redan ett bidrag för året."),
            ),
            models.CheckConstraint(
                condition=(Q(requested__isnull=True) | Q(requested__gte=0))
                & (Q(decided__isnull=True) | Q(decided__gte=0))
                & (Q(paid__isnull=True) | Q(paid__gte=0)),
                name="contribution_amounts_not_negative",
                violation_error_message=_("Belopp kan inte vara negativa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class MunicipalPopulation(Versioned):
    """Population of a municipality member in a year: the default municipal key."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="municipal_populations"
    )
    member = models.ForeignKey(
        "organisations.Member",
        on_delete=models.CASCADE,
        related_name="populations",
        verbose_name=_("kommun"),
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    population = models.PositiveIntegerField(_("befolkning"))

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("befolkning")
        verbose_name_plural = _("befolkning")
        ordering = ["year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="population_one_per_member_and_year",
                violation_error_message=_("Kommunen har redan en befolkningssiffra för året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}: {self.population}"


class MunicipalKeyShare(Versioned):
    """A förbund's own municipal key (förbundsordningen): a weight per municipality and year.

    Weights are relative (percent, parts or the amounts themselves); the calculator normalises.
    """

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="municipal_key_shares"
    )
    member = models.ForeignKey(
        "organisations.Member",
        on_delete=models.CASCADE,
        related_name="key_shares",
        verbose_name=_("kommun"),
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    weight = models.DecimalField(_("andel (vikt)"), max_digits=14, decimal_places=4)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("egen fördelningsnyckel")
        verbose_name_plural = _("egna fördelningsnycklar")
        ordering = ["year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="key_share_one_per_member_and_year",
                violation_error_message=_("Kommunen har redan en andel för året."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="key_share_weight_positive",
                violation_error_message=_("Andelen måste vara större än noll."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}: {self.weight}"


class MidYearMembership(models.Model):
    """The förbund's decision for a year on members that join or leave during it
    (choices.MidYearRule). Without a row the calculator uses FIXED_TOTAL and says so."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="mid_year_rules"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    rule = models.CharField(
        _("medlem som går med eller lämnar under året"),
        max_length=20,
        choices=MidYearRule.choices,
        default=MidYearRule.FIXED_TOTAL,
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("regel för medlemskap under del av året")
        verbose_name_plural = _("regler för medlemskap under del av året")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "year"],
                name="mid_year_rule_once_per_year",
                violation_error_message=_("Förbundet har redan en regel för året."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rule}"


class Budget(Versioned):
    """The förbund's budget for one year. Lines hold the original; revisions the changes."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveIntegerField(_("år"), validators=YEAR_VALIDATORS)
    adopted_on = models.DateField(
        _("fastställd"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt för ett planår (prognos i verksamhetsplanen)."),
    )
    note = models.TextField(_("anteckning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "year"],
                name="budget_one_per_forbund_and_year",
                violation_error_message=_("Förbundet har redan en budget för året."),
            )
        ]

    def __str__(self) -> str:
        return f"Budget {self.year}"


class BudgetLine(Versioned):
    """One line of a budget: a cost item or insats under an area, or an income."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="budget_lines"
    )
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("område"), max_length=32, choices=BudgetCategory.choices)
    name = models.CharField(_("benämning"), max_length=200)
    insats = models.ForeignKey(
        "participants.Insats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("insats"),
    )
    member = models.ForeignKey(
        "organisations.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("medlem"),
    )
    original_amount = models.BigIntegerField(_("ursprunglig budget (kr)"))
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["budget", "position", "id"]
        constraints = [
            # The name identifies a line within its area: the import, the export and the
            # three-year plan match lines on (category, name).
            models.UniqueConstraint(
                fields=["budget", "category", "name"],
                name="budget_line_name_unique_in_category",
                violation_error_message=_("Budgeten har redan en rad med den benämningen."),
            ),
            models.CheckConstraint(
                condition=Q(original_amount__gte=0),
                name="budget_line_amount_not_negative",
                violation_error_message=_("Beloppet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetRevision(models.Model):
    """An ändringsbeslut: a dated decision that changes some lines of a budget."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="budget_revisions"
    )
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="revisions")
    decided_on = models.DateField(_("beslutsdatum"))
    reference = models.CharField(
        _("beslut"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”Styrelsen 2023-09-20 § 12”."),
    )
    note = models.TextField(_("motivering"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("ändringsbeslut")
        verbose_name_plural = _("ändringsbeslut")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"Ändringsbeslut {self.decided_on}"


class BudgetRevisionChange(models.Model):
    """The new amount of one line from a revision on."""

    forbund = models.ForeignKey(
        "organisations.Forbund", on_delete=models.CASCADE, related_name="budget_revision_changes"
    )
    revision = models.ForeignKey(BudgetRevision, on_delete=models.CASCADE, related_name="changes")
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="changes")
    amount = models.BigIntegerField(_("nytt belopp (kr)"))

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("ändrad budgetrad")
        verbose_name_plural = _("ändrade budgetrader")
        ordering = ["revision", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "line"],
                name="revision_changes_a_line_once",
                violation_error_message=_("Ändringsbeslutet ändrar redan raden."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="revision_amount_not_negative",
                violation_error_message=_("Beloppet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.amount}"


class AllocationRound(models.Model):
    """The state's ideal allocation model for one year (Försäkringskassan's model, 2016–).

    state ideal of a förbund = base + (appropriation − base × forbund_count)
        × (forsorjningsmatt_weight × its försörjningsmått / national försörjningsmått
           + population_weight × its population 16–64 / national population 16–64).
    The members match the state: the ideal total is twice the state's ideal.
    National totals left empty mean: the sum over the imported municipalities (right when
    the table covers the whole country).
    """

    year = models.PositiveIntegerField(_("år"), unique=True, validators=YEAR_VALIDATORS)
    appropriation = models.BigIntegerField(
        _("statens anslag (kr)"), help_text=_("Statens halva, till exempel 339 000 000.")
    )
    base_per_forbund = models.BigIntegerField(_("grundbelopp per förbund (kr)"), default=400_000)
    forbund_count = models.PositiveIntegerField(_("antal förbund i landet"))
    forsorjningsmatt_weight = models.DecimalField(
        _("vikt försörjningsmått"), max_digits=4, decimal_places=3, default="0.750"
    )
    population_weight = models.DecimalField(
        _("vikt befolkning 16–64"), max_digits=4, decimal_places=3, default="0.250"
    )
    national_population_16_64 = models.PositiveBigIntegerField(
        _("befolkning 16–64 i landet"), null=True, blank=True
    )
    national_forsorjningsmatt = models.DecimalField(
        _("försörjningsmått i landet"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("idealfördelning (år)")
        verbose_name_plural = _("idealfördelning (år)")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(forsorjningsmatt_weight__gte=0) & Q(population_weight__gte=0),
                name="allocation_weights_not_negative",
                violation_error_message=_("Vikterna kan inte vara negativa."),
            )
        ]

    def __str__(self) -> str:
        return f"Idealfördelning {self.year}"


class MunicipalityAllocationInput(models.Model):
    """One municipality's inputs to the ideal allocation in a year, for one förbund.

    A large municipality can be split between several förbund: one row per förbund, each
    with the municipality's whole population and försörjningsmått and the share of them
    (`share_percent`) that belongs to that förbund. The shares of a municipality add up to
    at most 100 %.
    """

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="inputs")
    municipality = models.CharField(_("kommun"), max_length=100)
    population_16_64 = models.PositiveIntegerField(_("befolkning 16–64"))
    forsorjningsmatt = models.DecimalField(
        _("försörjningsmått"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Helårsekvivalenter."),
    )
    forbund_name = models.CharField(_("förbund"), max_length=200, blank=True)
    forbund = models.ForeignKey(
        "organisations.Forbund",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("förbund i installationen"),
    )
    share_percent = models.DecimalField(
        _("andel av kommunen (%)"),
        max_digits=7,
        decimal_places=4,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Den del av kommunens befolkning som hör till förbundet (100 = hela)."),
    )

    class Meta:
        verbose_name = _("underlag per kommun")
        verbose_name_plural = _("underlag per kommun")
        ordering = ["round", "forbund_name", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality", "forbund_name"],
                name="allocation_input_one_per_municipality_and_forbund",
                violation_error_message=_(
                    "Kommunen finns redan för samma förbund i underlaget för året."
                ),
            ),
            models.CheckConstraint(
                condition=Q(share_percent__gt=0) & Q(share_percent__lte=100),
                name="allocation_input_share_is_percent",
                violation_error_message=_(
                    "Andelen av kommunen ska vara större än 0 och högst 100 procent."
                ),
            ),
            models.CheckConstraint(
                condition=Q(forsorjningsmatt__gte=0),
                name="allocation_forsorjningsmatt_not_negative",
                violation_error_message=_("Försörjningsmåttet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.round.year}"


class ForbundActualAllocation(models.Model):
    """A förbund's actual total allocation in a year, entered for the county comparison."""

    round = models.ForeignKey(
        AllocationRound, on_delete=models.CASCADE, related_name="actual_allocations"
    )
    forbund_name = models.CharField(_("förbund"), max_length=200)
    actual_total = models.BigIntegerField(_("faktisk tilldelning (kr)"))

    class Meta:
        verbose_name = _("faktisk tilldelning")
        verbose_name_plural = _("faktisk tilldelning")
        ordering = ["round", "forbund_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "forbund_name"],
                name="actual_allocation_one_per_forbund",
                violation_error_message=_("Förbundet har redan en faktisk tilldelning för året."),
            ),
            models.CheckConstraint(
                condition=Q(actual_total__gte=0),
                name="actual_allocation_not_negative",
                violation_error_message=_("Beloppet kan inte vara negativt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forbund_name} {self.round.year}"
