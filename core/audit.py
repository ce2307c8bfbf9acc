"""The audit log: a one-line call from the services.

    audit.log(user, "participation.updated", participation, changes=audit.diff(before, after))

Models name the fields whose values are personal in `audit_personal_fields`; for those the log
records that the field changed, never the value.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent

MASK = "***"


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of obj, to compare with a later snapshot (the optimistic
    locking `version` is bookkeeping, not a change anyone made: left out)."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.attname != "version"
    }


def diff(before: dict[str, Any] | None, obj: models.Model) -> dict[str, Any]:
    """Changed fields between a snapshot and obj now, with personal values masked."""
    after = snapshot(obj)
    before = {name: value for name, value in (before or {}).items() if name != "version"}
    personal = set(getattr(obj, "audit_personal_fields", ()))
    changes: dict[str, Any] = {}
    for name, new in after.items():
        old = before.get(name)
        if name in before and old == new:
            continue
        if not before and new in (None, "", []):
            continue
        if name in personal:
            changes[name] = MASK
        else:
            changes[name] = {"från": _jsonable(old), "till": _jsonable(new)}
    return changes


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def log(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    forbund=None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. forbund defaults to obj.forbund when obj has one."""
    if forbund is None and obj is not None:
        forbund = getattr(obj, "forbund", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        forbund=forbund,
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=_safe_repr(obj),
        changes=changes or {},
    )


def _safe_repr(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    # Models holding personal data define audit_repr() without personal values.
    describe = getattr(obj, "audit_repr", None)
    text = describe() if callable(describe) else str(obj)
    return text[:200]
