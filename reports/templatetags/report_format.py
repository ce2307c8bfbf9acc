from django import template

from core.formatting import format_number, format_percent, format_tkr

register = template.Library()


@register.filter
def tkr(value):
    """Kronor shown in tkr: 1 814 500 → "1 815"."""
    return format_tkr(value)


@register.filter
def number(value, decimals=0):
    if isinstance(value, str):
        return value
    return format_number(value, int(decimals))


@register.filter
def percent_value(value):
    """A percentage already in percent (45.3) → "45,3 %"."""
    if value is None or isinstance(value, str):
        return value if value is not None else "–"
    return format_percent(value / 100, 0 if float(value) == int(value) else 1)


@register.filter
def zip_with(first, second):
    return list(zip(first, second, strict=False))


@register.filter
def auto_number(value):
    """Whole numbers without decimals ("369"), others with one ("19,1")."""
    if value is None or isinstance(value, str):
        return value if value is not None else "–"
    return format_number(value, 0 if float(value) == int(value) else 1)
