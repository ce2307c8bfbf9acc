"""Cleaning text already stored with control characters (data migrations, issue 12).

Imports and forms refuse control characters now (core.tabular.text); values stored before
that are cleaned once by a data migration in each app:

    def clean(apps, schema_editor):
        clean_text_fields(
            apps, schema_editor, "participants.Insats",
            single_line=["code", "name"], multiline=["description"],
            unique_with={"code": ("forbund",)},
        )

Only rows holding a control character are read (a regular-expression filter in the database).
Single-line fields get a space for tab and line breaks; every other control character is
removed. A cleaned value that would equal another row's unique value gets ` (2)`, ` (3)`…
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

# What core.tabular.text refuses, as classes for the database's regular expressions (NUL is
# left out where PostgreSQL cannot hold it anyway; surrogates cannot be stored in UTF-8).
_OTHER_CONTROLS = "\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_LINE_CONTROLS = "\t\n\r"
_REMOVE = re.compile(f"[\x00{_OTHER_CONTROLS}\ud800-\udfff]")
_LINE_BREAKS = re.compile(f"[{_LINE_CONTROLS}]+")


def clean_stored_text(text: str, multiline: bool) -> str:
    """The text without control characters; in single-line text, tab and line breaks become
    one space and the ends are trimmed."""
    text = _REMOVE.sub("", text)
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text).strip()
    return text


def _pattern(vendor: str, multiline: bool) -> str:
    nul = "" if vendor == "postgresql" else "\x00"
    lines = "" if multiline else _LINE_CONTROLS
    return f"[{nul}{_OTHER_CONTROLS}{lines}]"


def clean_text_fields(
    apps,
    schema_editor,
    model: str,
    single_line: Sequence[str] = (),
    multiline: Sequence[str] = (),
    unique_with: Mapping[str, Iterable[str]] | None = None,
) -> int:
    """Clean the fields of `model` ("app.Model") in every row holding a control character;
    returns the number of rows changed."""
    from django.db.models import Q

    Model = apps.get_model(model)
    manager = Model._base_manager
    vendor = schema_editor.connection.vendor
    fields = [(name, False) for name in single_line] + [(name, True) for name in multiline]
    unique_with = dict(unique_with or {})
    query = Q()
    for name, lines in fields:
        query |= Q(**{f"{name}__regex": _pattern(vendor, lines)})
    changed = 0
    # A list, not an iterator: rows are updated while going through them (few rows match).
    for row in list(manager.filter(query).only("pk", *(name for name, _ in fields))):
        changes = {}
        for name, lines in fields:
            value = getattr(row, name)
            if not value:
                continue
            cleaned = clean_stored_text(value, lines)
            if cleaned == value:
                continue
            if name in unique_with:
                cleaned = _free_value(manager, row, name, cleaned, unique_with[name])
            changes[name] = cleaned
        if changes:
            manager.filter(pk=row.pk).update(**changes)
            changed += 1
    return changed


def _free_value(manager, row, name: str, value: str, scope_fields: Iterable[str]) -> str:
    """`value`, or `value (2)`, `value (3)`… when another row in the same scope has it."""
    meta = manager.model._meta
    stored = manager.filter(pk=row.pk).values(*(meta.get_field(f).attname for f in scope_fields))
    scope = stored.get()
    max_length = meta.get_field(name).max_length
    candidate, number = value or "?", 1
    while manager.filter(**scope, **{name: candidate}).exclude(pk=row.pk).exists():
        number += 1
        suffix = f" ({number})"
        candidate = (value or "?")[: max_length - len(suffix)] + suffix
    return candidate
