"""The state's ideal allocation (Försäkringskassan's model) against what förbund actually get.

For one year (AllocationRound) and each förbund named in the municipality inputs:

    state ideal = base + (appropriation − base × number of förbund in the country)
                  × (0.75 × försörjningsmått of its municipalities / national försörjningsmått
                     + 0.25 × population 16–64 of its municipalities / national population)
    ideal total = 2 × state ideal   (the region and the municipalities match the state)

Actual = the förbund's decided contributions for the year when it is on this installation and
has entered them, else the entered ForbundActualAllocation. Annual reports argue with the share
actual / ideal total: "Roslagen 6,0 of 13,3 mkr (45 %)".

A municipality split between several förbund has one input row per förbund with the share of
its population that belongs there: the förbund counts that share of the municipality's
population and försörjningsmått (the national totals count the municipality once).

Rounding keeps totals (core.apportion, largest remainder): the exact state ideals of all
förbund in the year's inputs are rounded together to whole kronor, so that they add up to the
rounded sum of the exact amounts (the whole appropriation when the inputs cover the country);
the ideal totals likewise from twice the exact state ideal, so an ideal total is never twice
a rounded amount (42 037 519, not 2 × 21 018 760).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django_scopes import scope

from core import figure_cache
from core.apportion import METHOD, round_keeping_total
from organisations.models import Forbund

from ..models import AllocationRound, ForbundActualAllocation, MunicipalityAllocationInput
from .contributions import decided_total

ACTUAL_FROM_CONTRIBUTIONS = "medlemsbidrag"
ACTUAL_ENTERED = "angiven"
ROUNDING_METHOD = METHOD  # stated on the page


@dataclass
class ForbundIdeal:
    """One förbund's ideal allocation and actual allocation in a year (kronor)."""

    year: int
    name: str
    forbund: Forbund | None
    municipalities: list[MunicipalityAllocationInput] = field(default_factory=list)
    population_16_64: int = 0  # its share of its municipalities, rounded for display
    forsorjningsmatt: Decimal = Decimal(0)  # likewise, to öre
    population_share: Fraction = Fraction(0)  # of the national total
    forsorjningsmatt_share: Fraction = Fraction(0)
    exact_state_ideal: Fraction = Fraction(0)
    state_ideal: int = 0
    ideal_total: int = 0
    actual_total: int | None = None
    actual_source: str = ""

    @property
    def share_of_ideal(self) -> Fraction | None:
        """Actual as a share of the ideal total (0.45 = 45 %); None without an actual."""
        if self.actual_total is None or not self.ideal_total:
            return None
        return Fraction(self.actual_total, self.ideal_total)

    @property
    def difference(self) -> int | None:
        """Actual minus ideal (negative: below the model)."""
        return None if self.actual_total is None else self.actual_total - self.ideal_total


def _share(row: MunicipalityAllocationInput) -> Fraction:
    return Fraction(row.share_percent) / 100


def _national_totals(allocation_round: AllocationRound, inputs) -> tuple[Fraction, Fraction]:
    # A split municipality has several rows with its whole figures: count it once.
    municipalities = {row.municipality.casefold(): row for row in inputs}.values()
    population = allocation_round.national_population_16_64
    if population is None:
        population = sum(row.population_16_64 for row in municipalities)
    forsorjningsmatt = allocation_round.national_forsorjningsmatt
    if forsorjningsmatt is None:
        forsorjningsmatt = sum((row.forsorjningsmatt for row in municipalities), Decimal(0))
    return Fraction(population), Fraction(forsorjningsmatt)


def compute_ideals(allocation_round: AllocationRound) -> list[ForbundIdeal]:
    """Ideal allocation of every förbund named in the round's inputs, without actuals."""
    inputs = list(allocation_round.inputs.select_related("forbund").order_by("municipality"))
    national_population, national_fm = _national_totals(allocation_round, inputs)
    groups: dict[str, list[MunicipalityAllocationInput]] = defaultdict(list)
    for row in inputs:
        if row.forbund_name:
            groups[row.forbund_name].append(row)
    distributable = Fraction(
        allocation_round.appropriation
        - allocation_round.base_per_forbund * allocation_round.forbund_count
    )
    w_fm = Fraction(allocation_round.forsorjningsmatt_weight)
    w_pop = Fraction(allocation_round.population_weight)
    result = []
    for name in sorted(groups, key=str.casefold):
        rows = groups[name]
        population = sum((row.population_16_64 * _share(row) for row in rows), Fraction(0))
        fm = sum((Fraction(row.forsorjningsmatt) * _share(row) for row in rows), Fraction(0))
        ideal = ForbundIdeal(
            year=allocation_round.year,
            name=name,
            forbund=next((row.forbund for row in rows if row.forbund is not None), None),
            municipalities=rows,
            population_16_64=round_keeping_total([population])[0],
            forsorjningsmatt=(Decimal(fm.numerator) / Decimal(fm.denominator)).quantize(
                Decimal("0.01")
            ),
        )
        if national_population:
            ideal.population_share = population / national_population
        if national_fm:
            ideal.forsorjningsmatt_share = fm / national_fm
        ideal.exact_state_ideal = allocation_round.base_per_forbund + distributable * (
            w_fm * ideal.forsorjningsmatt_share + w_pop * ideal.population_share
        )
        result.append(ideal)
    # Rounded together, so the parts add up (largest remainder).
    states = round_keeping_total([ideal.exact_state_ideal for ideal in result])
    totals = round_keeping_total([2 * ideal.exact_state_ideal for ideal in result])
    for ideal, state, total in zip(result, states, totals, strict=True):
        ideal.state_ideal, ideal.ideal_total = state, total
    return result


def _attach_actual(ideal: ForbundIdeal, entered: dict[str, int]) -> None:
    if ideal.forbund is not None:
        with scope(forbund=ideal.forbund):
            total = decided_total(ideal.forbund, ideal.year)
        if total is not None:
            ideal.actual_total, ideal.actual_source = total, ACTUAL_FROM_CONTRIBUTIONS
            return
    if ideal.name.casefold() in entered:
        ideal.actual_total = entered[ideal.name.casefold()]
        ideal.actual_source = ACTUAL_ENTERED


def _entered_actuals(allocation_round: AllocationRound) -> dict[str, int]:
    return {
        row.forbund_name.casefold(): row.actual_total
        for row in ForbundActualAllocation.objects.filter(round=allocation_round)
    }


def county_ideal_allocation(year: int) -> list[ForbundIdeal] | None:
    """Ideal vs actual for every förbund in the year's inputs (installation level).

    None when no AllocationRound exists for the year.
    """
    allocation_round = AllocationRound.objects.filter(year=year).first()
    if allocation_round is None:
        return None
    entered = _entered_actuals(allocation_round)
    ideals = compute_ideals(allocation_round)
    for ideal in ideals:
        _attach_actual(ideal, entered)
    return ideals


@figure_cache.kept
def ideal_allocation(forbund: Forbund, year: int) -> ForbundIdeal | None:
    """This förbund's ideal allocation for `year` and its actual (decided contributions).

    None when the year has no inputs naming the förbund (matched by the installation's
    Forbund, set at import from the name or short name in the file).
    """
    allocation_round = AllocationRound.objects.filter(year=year).first()
    if allocation_round is None:
        return None
    for ideal in compute_ideals(allocation_round):
        if ideal.forbund is not None and ideal.forbund.pk == forbund.pk:
            _attach_actual(ideal, _entered_actuals(allocation_round))
            return ideal
    return None


def allocation_years() -> list[int]:
    return list(AllocationRound.objects.order_by("-year").values_list("year", flat=True))
