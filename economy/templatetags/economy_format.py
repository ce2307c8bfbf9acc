"""Template filters for amounts in the economy pages (Swedish format, core.formatting)."""

from __future__ import annotations

from django import template

from core.formatting import NBSP, format_number, format_tkr

register = template.Library()


@register.filter
def amount(value, unit: str = "tkr") -> str:
    """An amount in kronor shown in tkr (default) or whole kronor: `{{ x|amount:unit }}`."""
    if value is None:
        return "–"
    return format_tkr(value) if unit == "tkr" else format_number(value)


@register.filter
def percent(value, decimals: int = 1) -> str:
    """A percentage (already ×100): `{{ 92.877|percent }}` → "92,9 %"."""
    if value is None:
        return "–"
    return f"{format_number(value, int(decimals))}{NBSP}%"


@register.filter
def threshold(value) -> str:
    """A percentage threshold as entered: 10 %, 33,33 %."""
    if value is None:
        return "–"
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_number(value, decimals)}{NBSP}%"


@register.filter
def fte(value) -> str:
    """Årsarbetare with one decimal: 1,8."""
    if value is None:
        return "–"
    return format_number(value, 1)
