"""The state's ideal allocation (Försäkringskassan's model) against what förbund actually get.

For one year (AllocationRound) and each förbund named in the municipality inputs:

    state ideal = base + (appropriation − base × number of förbund in the country)
                  × (0.75 × försörjningsmått of its municipalities / national försörjningsmått
                     + 0.25 × population 16–64 of its municipalities / national population)
    ideal total = 2 × state ideal   (the region and the municipalities match the state)

Actual = the förbund's decided contributions for the year when it is on this installation and
has entered them, else the entered ForbundActualAllocation. Annual reports argue with the share
actual / ideal total: "Roslagen 6,0 of 13,3 mkr (45 %)".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django_scopes import scope

from organisations.models import Forbund

from ..models import AllocationRound, ForbundActualAllocation, MunicipalityAllocationInput
from .contributions import decided_total

ACTUAL_FROM_CONTRIBUTIONS = "medlemsbidrag"
ACTUAL_ENTERED = "angiven"


@dataclass
class ForbundIdeal:
    """One förbund's ideal allocation and actual allocation in a year (kronor)."""

    year: int
    name: str
    forbund: Forbund | None
    municipalities: list[MunicipalityAllocationInput] = field(default_factory=list)
    population_16_64: int = 0
    forsorjningsmatt: Decimal = Decimal(0)
    population_share: Fraction = Fraction(0)  # of the national total
    forsorjningsmatt_share: Fraction = Fraction(0)
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


def _round_kronor(value: Fraction) -> int:
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


def _national_totals(allocation_round: AllocationRound, inputs) -> tuple[Fraction, Fraction]:
    population = allocation_round.national_population_16_64
    if population is None:
        population = sum(row.population_16_64 for row in inputs)
    forsorjningsmatt = allocation_round.national_forsorjningsmatt
    if forsorjningsmatt is None:
        forsorjningsmatt = sum((row.forsorjningsmatt for row in inputs), Decimal(0))
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
        ideal = ForbundIdeal(
            year=allocation_round.year,
            name=name,
            forbund=next((row.forbund for row in rows if row.forbund is not None), None),
            municipalities=rows,
            population_16_64=sum(row.population_16_64 for row in rows),
            forsorjningsmatt=sum((row.forsorjningsmatt for row in rows), Decimal(0)),
        )
        if national_population:
            ideal.population_share = Fraction(ideal.population_16_64) / national_population
        if national_fm:
            ideal.forsorjningsmatt_share = Fraction(ideal.forsorjningsmatt) / national_fm
        exact_state = allocation_round.base_per_forbund + distributable * (
            w_fm * ideal.forsorjningsmatt_share + w_pop * ideal.population_share
        )
        ideal.state_ideal = _round_kronor(exact_state)
        ideal.ideal_total = 2 * ideal.state_ideal
        result.append(ideal)
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
