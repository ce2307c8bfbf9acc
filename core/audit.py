"""The audit log: a one-line call from the services.

    audit.log(user, "participation.updated", participation, changes=audit.diff(before, after))

Models name the fields whose values are personal in `audit_personal_fields`; for those the log
records that the field changed, never the value. Uploaded files are logged by `file_facts`
(type, size, start of the SHA-256), never by name: a file name may name a person. Every export
is logged by `log_export` (kind, format, year, row count, never content); web downloads by
core.private_responses.ExportAuditMiddleware. Every event is chained (core.audit_chain).
"""

from __future__ import annotations

import getpass
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

from django.db import models

from .models import AuditEvent

MASK = "***"


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of obj, to compare with a later snapshot."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


def diff(before: dict[str, Any] | None, obj: models.Model) -> dict[str, Any]:
    """Changed fields between a snapshot and obj now, with personal values masked."""
    after = snapshot(obj)
    before = before or {}
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


# --- Uploaded files ----------------------------------------------------------------------------

FILE_HASH_CHARS = 16  # 64 bits of the SHA-256: enough to recognise a file, short to read
_CHUNK = 1024 * 1024


def file_facts(filename: str | None, file: Any = None) -> dict[str, Any]:
    """What the log keeps of an uploaded file: its type (from the name's extension), its size
    and the start of its SHA-256, so that a copy of the file can be recognised later. Never
    the name itself. `file` is bytes, a path or a binary file object (read in chunks and
    rewound, so memory stays bounded); without it, or when it cannot be rewound (a pipe),
    only the type."""
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    kind = suffix if re.fullmatch(r"[a-z0-9]{1,8}", suffix) else "okänd"
    seekable = getattr(file, "seekable", None)
    if file is None or (callable(seekable) and not seekable()):
        return {"typ": kind}
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(file):
        digest.update(chunk)
        size += len(chunk)
    return {
        "typ": kind,
        "storlek": size,
        "sha256": digest.hexdigest()[:FILE_HASH_CHARS],
    }


def _chunks(file: Any) -> Iterator[bytes]:
    if isinstance(file, bytes | bytearray | memoryview):
        yield bytes(file)
        return
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk
        return
    if hasattr(file, "seek"):
        file.seek(0)
    while chunk := file.read(_CHUNK):
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk
    if hasattr(file, "seek"):
        file.seek(0)


# --- Exports -----------------------------------------------------------------------------------

EXPORT_DOWNLOADED = "export.downloaded"  # a file downloaded from the web pages
EXPORT_WRITTEN = "export.written"  # a file (or JSON) written by a management command
EXPORT_DETAILS = "samordna_export"  # attribute of a download response: what to log


def log_export(
    actor,
    forbund,
    *,
    kind: str,
    file_format: str,
    year: int | None = None,
    rows: int | None = None,
    command: bool = False,
    **details: Any,
) -> AuditEvent:
    """Log one export: what kind, which format, year and row count, never the content."""
    changes: dict[str, Any] = {"typ": kind, "format": file_format}
    if year is not None:
        changes["år"] = year
    if rows is not None:
        changes["rader"] = rows
    changes.update({key: _jsonable(value) for key, value in details.items()})
    if command:
        changes["via"] = "kommandorad"
        changes["konto"] = _os_account()
    return log(
        actor, EXPORT_WRITTEN if command else EXPORT_DOWNLOADED, forbund=forbund, changes=changes
    )


def _os_account() -> str:
    """The operating-system account that ran a command (who, when there is no user)."""
    try:
        return getpass.getuser()[:64]
    except (KeyError, OSError):  # no name for the uid (e.g. in a container)
        return ""


def describe_export(response, **details: Any):
    """Tell the export middleware more about a download than it can see (kind, year, rows)."""
    setattr(response, EXPORT_DETAILS, details)
    return response
