"""Rounded figures whose shown sums are the sums of their shown parts.

Rounding every figure on its own breaks the sums: 1,4 + 1,4 = 2,8 shows as 1 + 1 = 3. The
method (the same for the statements in tkr and every table of a report):

1. a sum is rounded from its exact figure (half away from zero);
2. its parts are rounded on their own; where the shown parts do not add up to the shown sum,
   the largest part is adjusted by the difference, one unit at a time. A part is only moved
   where it then stays within one unit of its exact figure (otherwise the next largest is
   taken; only when none can, the largest), and a part that is exactly zero is never moved;
3. a part that is itself a sum then gives its shown figure to its own parts (step 2 again).

Where no part can take the difference (all parts fixed or exactly zero), the sum is shown
as the sum of its shown parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from core.formatting import round_half_away

ONE = Decimal(1)


def shown(value: Decimal, decimals: int = 0) -> Decimal:
    """The figure as shown on its own: rounded half away from zero."""
    return round_half_away(value, decimals)


def tie(
    total: Decimal,
    parts: Sequence[Decimal],
    *,
    signs: Sequence[int] | None = None,
    fixed: Mapping[int, Decimal] | None = None,
    decimals: int = 0,
) -> tuple[Decimal, list[Decimal]]:
    """(shown total, shown parts) for an already shown `total` and exact `parts`, so that
    `total == sum(sign × part)`. `fixed`: parts whose shown figure is already decided (a
    line shown in another table). Exact parts and total in the same unit as shown."""
    signs = list(signs) if signs is not None else [1] * len(parts)
    fixed = dict(fixed or {})
    unit = ONE.scaleb(-decimals)
    result = [fixed[i] if i in fixed else shown(part, decimals) for i, part in enumerate(parts)]
    difference = total - sum(sign * value for sign, value in zip(signs, result, strict=True))
    order = sorted(
        (i for i, part in enumerate(parts) if i not in fixed and part != 0),
        key=lambda i: (-abs(parts[i]), i),
    )
    while difference != 0:
        step = unit if difference > 0 else -unit
        within = [i for i in order if abs(result[i] + step * signs[i] - parts[i]) <= unit]
        if not (within or order):
            break
        index = (within or order)[0]
        result[index] += step * signs[index]
        difference -= step
    if difference != 0:
        total = sum((sign * value for sign, value in zip(signs, result, strict=True)), Decimal(0))
    return total, result


def tie_tree(
    exact: Mapping[str, Decimal | None],
    sums: Mapping[str, Sequence[tuple[str, int]]],
    *,
    fixed: Mapping[str, Decimal] | None = None,
    decimals: int = 0,
) -> dict[str, Decimal | None]:
    """Shown figures for named exact figures, where `sums[name]` lists the (part, sign)
    that make up `name`. Sums are taken from the top: a sum that is no part of another is
    rounded from its exact figure (or taken from `fixed`), then its parts are tied to it.
    Names that are in no sum are rounded on their own. None stays None (a missing figure)."""
    result: dict[str, Decimal | None] = {}
    fixed = dict(fixed or {})
    for name, value in fixed.items():
        result[name] = value
    parts_of = {part for members in sums.values() for part, _sign in members}

    def settle(name: str) -> None:
        members = sums.get(name)
        if not members:
            return
        total = result[name]
        values = [exact.get(part) for part, _sign in members]
        if total is None or any(value is None for value in values):
            for part, _sign in members:
                if part not in result:
                    value = exact.get(part)
                    result[part] = None if value is None else shown(value, decimals)
                settle(part)
            return
        fixed_parts = {
            index: result[part]
            for index, (part, _sign) in enumerate(members)
            if part in result and result[part] is not None
        }
        new_total, values_shown = tie(
            total,
            [value for value in values if value is not None],
            signs=[sign for _part, sign in members],
            fixed=fixed_parts,  # type: ignore[arg-type]
            decimals=decimals,
        )
        result[name] = new_total
        for (part, _sign), value in zip(members, values_shown, strict=True):
            result[part] = value
        for part, _sign in members:
            settle(part)

    for name in sums:
        if name in parts_of or (name in result and name not in fixed):
            continue
        if name not in result:
            top = exact.get(name)
            result[name] = None if top is None else shown(top, decimals)
        settle(name)
    for name, rest in exact.items():
        if name not in result:
            result[name] = None if rest is None else shown(rest, decimals)
    return result
