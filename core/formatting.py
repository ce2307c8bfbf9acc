"""Swedish number, percent and date formatting for web pages, reports and exports.

Conventions (used everywhere Samordna shows a number):
- Thousands separator: NO-BREAK SPACE (U+00A0), so "12 345" never wraps between groups.
  The narrow no-break space (U+202F) is typographically finer but missing from several
  common Word/Excel fonts; U+00A0 renders everywhere.
- Decimal separator: comma ("0,57").
- Minus sign: MINUS SIGN (U+2212, "−"), not the hyphen.
- Percent: number, no-break space, "%" ("43 %"), as Språkrådet recommends.
- Missing value (None): EN DASH ("–").
- Rounding: half away from zero (2,5 -> 3; −2,5 -> −3), done on Decimal so that
  2.675 rounds to 2,68 (binary floats would give 2,67).
"""

from __future__ import annotations

import datetime
import numbers
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.apportion import split_by_weights

NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "\u2013"

Number = int | float | Decimal

_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def to_decimal(value: Number) -> Decimal:
    """Convert without binary-float surprises: floats go through their shortest repr."""
    if isinstance(value, bool):
        raise TypeError(f"Ett tal förväntades, fick ett sanningsvärde ({value!r}).")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, numbers.Integral):
        result = Decimal(int(value))
    elif isinstance(value, numbers.Real):  # float, numpy floats (their repr differs)
        result = Decimal(repr(float(value)))
    else:
        raise TypeError(f"Ett tal förväntades, fick {type(value).__name__} ({value!r}).")
    if not result.is_finite():
        raise ValueError(f"Talet måste vara ändligt, fick {value!r}.")
    return result


def round_half_away(value: Number, decimals: int = 0) -> Decimal:
    """Round half away from zero to `decimals` places (Decimal's ROUND_HALF_UP does that)."""
    if decimals < 0:
        raise ValueError(f"Antal decimaler kan inte vara negativt, fick {decimals}.")
    quantum = Decimal(1).scaleb(-decimals)
    rounded = to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # never a negative zero


def format_number(value: Number | None, decimals: int = 0, *, signed: bool = False) -> str:
    """`format_number(12345678.9)` -> "12 345 679"; `signed=True` adds "+" to positives."""
    if value is None:
        return MISSING
    rounded = round_half_away(value, decimals)
    sign = ""
    if rounded < 0:
        sign = MINUS
    elif signed and rounded > 0:
        sign = "+"
    integer_part, _, fraction_part = f"{abs(rounded):f}".partition(".")
    grouped = _group_thousands(integer_part)
    if decimals:
        return f"{sign}{grouped},{fraction_part}"
    return f"{sign}{grouped}"


def _group_thousands(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def kronor_to_tkr(kronor: Number, decimals: int = 0) -> Decimal:
    """Thousands of kronor, rounded half away from zero: 1 814 500 kr -> 1 815."""
    return round_half_away(to_decimal(kronor) / 1000, decimals)


def format_tkr(kronor: Number | None, decimals: int = 0, *, signed: bool = False) -> str:
    """Amount in kronor shown in tkr: `format_tkr(-2_091_400)` -> "−2 091"."""
    if kronor is None:
        return MISSING
    return format_number(kronor_to_tkr(kronor, decimals), decimals, signed=signed)


def format_percent(fraction: Number | None, decimals: int = 0, *, signed: bool = False) -> str:
    """A fraction as percent: `format_percent(0.4312)` -> "43 %"."""
    if fraction is None:
        return MISSING
    return f"{format_number(to_decimal(fraction) * 100, decimals, signed=signed)}{NBSP}%"


def format_count_with_share(count: int | None, share_percent: int | None) -> str:
    """Annual reports' table cell "57 (43 %)"; the share is already rounded (see below)."""
    if count is None:
        return MISSING
    if share_percent is None:
        return format_number(count)
    return f"{format_number(count)} ({format_number(share_percent)}{NBSP}%)"


def round_shares_to_100(counts: Sequence[Number]) -> list[int]:
    """Whole-percent shares that sum to exactly 100 (largest-remainder method).

    Each share starts at floor(100 * count / total); the points still missing go to the
    largest remainders, ties to the larger count, then to the earlier position, so the
    result is deterministic (core.apportion, the one largest-remainder method).
    All-zero input gives all zeros (there is nothing to share).
    """
    exact = [Fraction(to_decimal(count)) for count in counts]
    for position, count in enumerate(exact):
        if count < 0:
            raise ValueError(
                f"Andelar kan inte räknas på negativa antal: position {position + 1} "
                f"har värdet {counts[position]}."
            )
    if sum(exact) == 0:
        return [0] * len(exact)
    return split_by_weights(100, exact)


def format_date(value: datetime.date | None) -> str:
    """ISO date as used in Swedish accounts: "2023-12-31"."""
    if value is None:
        return MISSING
    return value.isoformat()


def format_date_long(value: datetime.date | None) -> str:
    """Written date: "20 mars 2024"."""
    if value is None:
        return MISSING
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
