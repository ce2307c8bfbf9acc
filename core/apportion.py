"""Rounding that keeps totals: the one largest-remainder method of the system.

Wherever an amount is split (contributions between members, the ideal allocation between
förbund, percentages that must add up to 100), each part is rounded down and the units
still missing go one each to the parts with the largest remainders. Ties go to the larger
exact part, then to the earlier position, so the result never depends on anything but the
inputs. The sum of the parts is exactly the total asked for.

    apportion(total, quotas)            # whole parts of exact quotas that sum to `total`
    split_by_weights(total, weights)    # `total` split in proportion to weights
    round_keeping_total(values)         # values rounded so their sum is the rounded sum
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

Exact = int | Decimal | Fraction

METHOD = (
    "Avrundning till hela kronor med största rest: varje del avrundas nedåt och de kronor som "
    "fattas går en i taget till de delar som har störst rest (lika rest: den större delen, "
    "sedan den som står först), så att delarna summerar exakt till totalen."
)


def apportion(total: int, quotas: Sequence[Exact]) -> list[int]:
    """Whole numbers, each the floor of its quota or one more, that sum to `total`.

    `quotas` are the exact parts, not negative, summing to `total` (or to within less than
    one unit per part of it, as when `total` is their rounded sum). Raises ValueError when
    `total` cannot be reached that way.
    """
    exact = [Fraction(quota) for quota in quotas]
    if any(quota < 0 for quota in exact):
        raise ValueError("Delarna kan inte vara negativa.")
    parts = [int(quota) for quota in exact]  # floor: quotas are not negative
    missing = total - sum(parts)
    if not 0 <= missing <= len(parts):
        raise ValueError(f"Delarna kan inte avrundas till summan {total}.")
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), -exact[i], i))
    for i in order[:missing]:
        parts[i] += 1
    return parts


def split_by_weights(total: int, weights: Sequence[Exact]) -> list[int]:
    """Whole parts of `total` proportional to `weights`, summing exactly to `total`.

    Raises ValueError for a negative total or weight, or for a positive total with no
    positive weight. All weights zero and total zero gives zeros.
    """
    if total < 0:
        raise ValueError(f"Beloppet kan inte vara negativt ({total}).")
    exact = [Fraction(weight) for weight in weights]
    if any(weight < 0 for weight in exact):
        raise ValueError("Vikterna kan inte vara negativa.")
    weight_sum = sum(exact)
    if weight_sum == 0:
        if total == 0:
            return [0] * len(exact)
        raise ValueError("Det finns inget att fördela beloppet efter (alla vikter är noll).")
    return apportion(total, [total * weight / weight_sum for weight in exact])


def round_half_up(value: Exact) -> int:
    """The nearest whole number, halves away from zero (kronor as people round them)."""
    exact = Fraction(value)
    decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    return int(decimal.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_keeping_total(values: Sequence[Exact]) -> list[int]:
    """Each value rounded to a whole number so that the parts sum to the rounded sum of the
    exact values (3 × 333 333,67 → 333 334 + 333 334 + 333 333 = 1 000 001)."""
    exact = [Fraction(value) for value in values]
    return apportion(round_half_up(sum(exact)), exact)
