"""Swedish number filters for the budget pages (core.formatting does the work).

{{ amount|kr }} → "1 250 000"   {{ amount|tkr }} → "1 250"   {{ share|procent }} → "45 %"
"""

from django import template

from core.formatting import format_number, format_percent, format_tkr

register = template.Library()


@register.filter
def kr(value):
    return format_number(value)


@register.filter
def kr_signed(value):
    return format_number(value, signed=True)


@register.filter
def tkr(value):
    return format_tkr(value)


@register.filter
def tkr1(value):
    """tkr with one decimal (mkr-sized numbers on the ideal allocation page)."""
    return format_tkr(value, 1)


@register.filter
def mkr(value):
    """Millions of kronor with one decimal: 13 300 000 → "13,3"."""
    if value is None:
        return format_number(None)
    return format_number(value / 1_000_000, 1)


@register.filter
def procent(value):
    return format_percent(value)


@register.filter
def get_item(mapping, key):
    """`{{ populations|get_item:member.pk }}`: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def share_of(calculation, share):
    """A member's share of the calculated total (a fraction for |procent)."""
    return calculation.share_of_total(share)


@register.filter
def procent2(value):
    """Percent with two decimals, for small shares of national totals ("1,52 %")."""
    return format_percent(value, 2)


@register.filter
def subtract(value, other):
    """`{{ a|subtract:b }}` → a − b (None when either is missing)."""
    if value is None or other is None:
        return None
    return value - other


@register.filter
def index(sequence, position):
    """`{{ list|index:0 }}`: an item by a variable position."""
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return None


@register.filter
def field_named(form, name):
    """`{{ form|field_named:name }}`: the bound field of a dynamically named form field."""
    return form[name]
