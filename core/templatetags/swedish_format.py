"""Swedish number formats for every page: `{% load swedish_format %}`.

All formatting is done by core.formatting (no-break space between thousands, minus sign,
decimal comma); these filters only choose the unit.

    {{ kronor|kr }}  1 250 000      {{ kronor|tkr }}  1 250      {{ kronor|mkr }}  1,3
    {{ fraction|procent }}  45 %    {{ percent|percent }}  45,3 %  (value already ×100)
"""

from __future__ import annotations

from django import template

from core.formatting import MISSING, NBSP, format_number, format_percent, format_tkr

register = template.Library()


@register.filter
def kr(value):
    return format_number(value)


@register.filter
def kr_signed(value):
    return format_number(value, signed=True)


@register.filter
def tkr(value):
    """Kronor shown in tkr: 1 814 500 → "1 815"."""
    return format_tkr(value)


@register.filter
def tkr1(value):
    """tkr with one decimal."""
    return format_tkr(value, 1)


@register.filter
def mkr(value):
    """Millions of kronor with one decimal: 13 300 000 → "13,3"."""
    if value is None:
        return format_number(None)
    return format_number(value / 1_000_000, 1)


@register.filter
def amount(value, unit: str = "tkr") -> str:
    """An amount in kronor shown in tkr (default) or whole kronor: `{{ x|amount:unit }}`."""
    if value is None:
        return MISSING
    return format_tkr(value) if unit == "tkr" else format_number(value)


@register.filter
def procent(value):
    """A fraction as a percentage: 0.45 → "45 %"."""
    return format_percent(value)


@register.filter
def procent2(value):
    """A fraction as a percentage with two decimals, for small shares ("1,52 %")."""
    return format_percent(value, 2)


@register.filter
def percent(value, decimals: int = 1) -> str:
    """A percentage (already ×100): `{{ 92.877|percent }}` → "92,9 %"."""
    if value is None:
        return MISSING
    return f"{format_number(value, int(decimals))}{NBSP}%"


@register.filter
def percent_value(value):
    """A percentage already ×100, whole when whole: 45 → "45 %", 45.3 → "45,3 %"."""
    if value is None or isinstance(value, str):
        return value if value is not None else MISSING
    return format_percent(value / 100, 0 if float(value) == int(value) else 1)


@register.filter
def threshold(value) -> str:
    """A percentage threshold as entered: 10 %, 33,33 %."""
    if value is None:
        return MISSING
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_number(value, decimals)}{NBSP}%"


@register.filter
def number(value, decimals=0):
    if isinstance(value, str):
        return value
    return format_number(value, int(decimals))


@register.filter
def auto_number(value):
    """Whole numbers without decimals ("369"), others with one ("19,1")."""
    if value is None or isinstance(value, str):
        return value if value is not None else MISSING
    return format_number(value, 0 if float(value) == int(value) else 1)


@register.filter
def fte(value) -> str:
    """Årsarbetare with one decimal: 1,8."""
    if value is None:
        return MISSING
    return format_number(value, 1)
