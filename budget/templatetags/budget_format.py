"""Lookups the budget templates need; number formats are in core (`{% load swedish_format %}`)."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ populations|get_item:member.pk }}`: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def share_of(calculation, share):
    """A member's share of the calculated total (a fraction for |procent)."""
    return calculation.share_of_total(share)


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
