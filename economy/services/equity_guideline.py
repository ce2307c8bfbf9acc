"""Nationella rådet's recommendation for the largest equity a förbund should keep.

The recommendation is a table by the size of the members' contributions. It is stored as
data (EquityGuidelineStep) so that a förbund can enter the Rådet's current table. Each
step gives the recommended equity at its start and a marginal rate above it:

    recommended(c) = base_amount + (c − contributions_from) × marginal_percent / 100

The default steps are fitted through three points published annual reports give:
6 000 tkr → about 20 % (1 200 tkr), 14 600 tkr → 2 500 tkr, 32 000 tkr → about 4 300 tkr.
Between those points the recommendation is interpolated linearly and above the last it
continues with the last step's rate, which reproduces all three points (4 299 tkr for the
last) without claiming a step the sources do not show.

The recommendation never falls when the contributions rise: within a step the rate is not
negative, and at each step's start its base amount must be at least what the step before
reaches there (`falling_steps`, checked when a förbund enters its steps). The second default
rate is 15,116 %, just under the exact 1 300 000 / 8 600 000 = 15,1163 %, so that
14 599 999 kr recommends 2 499 976 kr, below the 2 500 000 kr of 14 600 000 kr (with
15,120 % it recommended 2 500 320 kr).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from core.formatting import format_number

from ..models import EquityGuidelineStep


@dataclass(frozen=True)
class Step:
    contributions_from: Decimal
    base_amount: Decimal
    marginal_percent: Decimal


DEFAULT_STEPS: tuple[Step, ...] = (
    Step(Decimal(0), Decimal(0), Decimal("20.000")),
    Step(Decimal(6_000_000), Decimal(1_200_000), Decimal("15.116")),
    Step(Decimal(14_600_000), Decimal(2_500_000), Decimal("10.340")),
)


def steps_for(forbund) -> list[Step]:
    """The förbund's own steps, or the defaults when it has entered none."""
    rows = EquityGuidelineStep.objects.filter(forbund=forbund).order_by("contributions_from")
    steps = [Step(r.contributions_from, r.base_amount, r.marginal_percent) for r in rows]
    return steps or list(DEFAULT_STEPS)


def recommended_max_equity(contributions: Decimal, steps: list[Step]) -> Decimal | None:
    """The recommended largest equity for these contributions (None: no step applies)."""
    applicable = [step for step in steps if step.contributions_from <= contributions]
    if not applicable:
        return None
    step = max(applicable, key=lambda s: s.contributions_from)
    return value_at(step, contributions)


def value_at(step: Step, contributions: Decimal) -> Decimal:
    return step.base_amount + (contributions - step.contributions_from) * (
        step.marginal_percent / 100
    )


def falling_steps(steps: list[Step]) -> list[str]:
    """Why the recommendation would fall somewhere as the contributions rise (Swedish), one
    message per step whose base is below what the previous step reaches at its start."""
    ordered = sorted(steps, key=lambda s: s.contributions_from)
    problems = []
    for before, step in pairwise(ordered):
        reached = value_at(before, step.contributions_from)
        if step.base_amount < reached:
            problems.append(
                f"Steget från {format_number(step.contributions_from)} kr börjar på "
                f"{format_number(step.base_amount)} kr, men steget före når "
                f"{format_number(reached)} kr vid samma belopp: rekommendationen får inte "
                f"sjunka när medlemsbidragen ökar. Höj stegets belopp eller sänk procentsatsen "
                f"i steget före."
            )
    return problems


def create_default_steps(forbund) -> None:
    """Save the default steps for a förbund, so that it can edit them."""
    EquityGuidelineStep.objects.bulk_create(
        EquityGuidelineStep(
            forbund=forbund,
            contributions_from=step.contributions_from,
            base_amount=step.base_amount,
            marginal_percent=step.marginal_percent,
        )
        for step in DEFAULT_STEPS
    )
