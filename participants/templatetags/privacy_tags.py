"""Template helpers of the personal-data pages (the extract has Swedish keys with spaces)."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.filter
def items_of(mapping):
    return list(mapping.items()) if isinstance(mapping, dict) else []
