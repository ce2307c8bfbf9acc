"""Template helpers of the personal-data pages (the extract has Swedish keys with spaces)."""

import re

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


_ISO_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?([+-]\d\d:\d\d|Z)?$")


@register.filter
def readable(value):
    """An ISO time of the extract ("2026-12-07T15:57:58+01:00") as people read it
    ("2026-12-07 15:57"); anything else unchanged. The JSON keeps the ISO form."""
    if isinstance(value, str):
        match = _ISO_TIME.match(value)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return value
