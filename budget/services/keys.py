"""Splitting an amount in whole kronor by weights, preserving the total (largest remainder)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

Weight = int | Decimal | Fraction


def split_by_weights(total: int, weights: Sequence[Weight]) -> list[int]:
    """Whole-kronor parts of `total` proportional to `weights`, summing exactly to `total`.

    Each part starts at floor(total × weight / sum); the kronor still missing go one each to
    the largest remainders; ties go to the larger weight, then to the earlier position, so the
    result is deterministic. Raises ValueError for a negative total or weight, or for a
    positive total with no positive weight.
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
    quotas = [total * weight / weight_sum for weight in exact]
    parts = [int(quota) for quota in quotas]  # floor: quotas are not negative
    missing = total - sum(parts)
    order = sorted(range(len(exact)), key=lambda i: (-(quotas[i] - parts[i]), -exact[i], i))
    for i in order[:missing]:
        parts[i] += 1
    return parts
