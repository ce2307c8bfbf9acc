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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import EquityGuidelineStep


@dataclass(frozen=True)
class Step:
    contributions_from: Decimal
    base_amount: Decimal
    marginal_percent: Decimal


DEFAULT_STEPS: tuple[Step, ...] = (
    Step(Decimal(0), Decimal(0), Decimal("20.000")),
    Step(Decimal(6_000_000), Decimal(1_200_000), Decimal("15.120")),
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
    return step.base_amount + (contributions - step.contributions_from) * (
        step.marginal_percent / 100
    )


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
