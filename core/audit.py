"""The audit log: a one-line call from the services.

    audit.log(user, "participation.updated", participation, changes=audit.diff(before, after))

Models name the fields whose values are personal in `audit_personal_fields`; for those the log
records that the field changed, never the value. Uploaded files are logged by `file_facts`
(type, size, start of the SHA-256), never by name: a file name may name a person. Every export
is logged by `log_export` (kind, format, year, row count, never content); web downloads by
core.private_responses.ExportAuditMiddleware. Every event is chained (core.audit_chain).
"""

from __future__ import annotations

import datetime
import functools
import getpass
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

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


# --- The log in Swedish ------------------------------------------------------------------------
#
# The log stores field names (attnames) and raw values; the log page shows them as the other
# pages name them: the model field's verbose name, a choice's label, a foreign key as the name
# of what it points at, amounts in kronor, yes/no. This is the one place for that mapping.

# Keys that are not model fields (the services' own keys, files, exports) or whose verbose name
# would say too little.
KEY_LABELS: dict[str, Any] = {
    "pdf_sha256": gettext_lazy("Kontrollsumma (PDF)"),
    "docx_sha256": gettext_lazy("Kontrollsumma (Word)"),
    "sha256": gettext_lazy("Kontrollsumma"),
    "storlek": gettext_lazy("Storlek (byte)"),
    "bildpunkter": gettext_lazy("Storlek (bildpunkter)"),
    "typ": gettext_lazy("Typ"),
    "format": gettext_lazy("Format"),
    "rader": gettext_lazy("Rader"),
    "år": gettext_lazy("År"),
    "fil": gettext_lazy("Fil"),
    "via": gettext_lazy("Via"),
    "konto": gettext_lazy("Konto i operativsystemet"),
    "rapport": gettext_lazy("Rapport"),
    "version": gettext_lazy("Version"),
    "beslut": gettext_lazy("Beslut"),
    "publicering": gettext_lazy("Publiceringsversion"),
    "godtagna_avvikelser": gettext_lazy("Godtagna avvikelser"),
    "frö": gettext_lazy("Slumpfrö"),
    "öppen": gettext_lazy("Öppen"),
    "avsnitt": gettext_lazy("Avsnitt"),
    "deltagande": gettext_lazy("Deltagande"),
    "roll": gettext_lazy("Roll"),
    "från år": gettext_lazy("Kopierat från år"),
}
# Keys whose numbers are not grouped in thousands (a year is "2025", never "2 025").
UNGROUPED_KEYS = {"år", "year", "från år", "frö", "version", "sha256", "pdf_sha256", "docx_sha256"}
# Keys whose values are amounts in kronor although no model field says so.
AMOUNT_KEYS = {"belopp", "totalt"}
# Plain values that are codes (a service's own keys, not model fields), by key.
VALUE_LABELS: dict[str, dict[str, Any]] = {
    "fält": {
        "requested": gettext_lazy("äskning"),
        "decided": gettext_lazy("tilldelning"),
        "paid": gettext_lazy("inbetalt"),
    },
}
HIDDEN_KEYS = {"forbund", "forbund_id"}
PERSONAL_VALUE = gettext_lazy("ändrad (personuppgift, visas inte)")


@dataclass
class DescribedChange:
    """One changed field as the log page shows it: `label: before → after`, or `label: value`
    for a plain value (`before` is None)."""

    label: str
    after: str
    before: str | None = None

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.label}: {self.after}"
        return f"{self.label}: {self.before} → {self.after}"


def describe_events(events: list[AuditEvent]) -> dict[int, list[DescribedChange]]:
    """Each event's changes in Swedish, by event id. Foreign keys are looked up once per model
    for the whole list (a page of the log), within the events' own förbund."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = _model_of(event.object_type)
        for key, change in _shown_items(event.changes, model):
            field = _field_of(model, key)
            if field is not None and field.is_relation and field.related_model is not None:
                for value in _values_of(change):
                    if value not in (None, ""):
                        wanted[cast(type[models.Model], field.related_model)].add(value)
    names: dict[tuple[type[models.Model], str], str] = {}
    with scopes_disabled():  # the ids come from the förbund's own events
        for related, ids in wanted.items():
            for obj in related._base_manager.filter(pk__in=_valid_ids(related, ids)):
                names[(related, str(obj.pk))] = _safe_repr(obj)
    return {
        event.pk: [
            _describe(_model_of(event.object_type), key, change, names)
            for key, change in _shown_items(event.changes, _model_of(event.object_type))
        ]
        for event in events
    }


def describe_changes(event: AuditEvent) -> list[DescribedChange]:
    """One event's changes in Swedish (see describe_events)."""
    return describe_events([event])[event.pk]


def object_type_label(object_type: str) -> str:
    """ "participants.insats" → "Insats" (the model's verbose name); unknown types as they are."""
    model = _model_of(object_type)
    return capfirst(str(model._meta.verbose_name)) if model is not None else object_type


def _shown_items(changes: Any, model: type[models.Model] | None = None) -> list[tuple[str, Any]]:
    """The changes worth showing: not the förbund every event has, not the automatic
    timestamps (created/updated at) that change with every save."""
    if not isinstance(changes, dict):
        return []
    return [
        (key, value)
        for key, value in changes.items()
        if key not in HIDDEN_KEYS and not _is_automatic(_field_of(model, key))
    ]


def _is_automatic(field: models.Field | None) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _is_change(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"från", "till"}


def _values_of(change: Any) -> list[Any]:
    return [change["från"], change["till"]] if _is_change(change) else [change]


def _valid_ids(model: type[models.Model], ids: set[Any]) -> list[Any]:
    valid = []
    for value in ids:
        try:
            valid.append(model._meta.pk.to_python(value))  # type: ignore[union-attr]
        except ValidationError:
            continue
    return valid


def _model_of(object_type: str) -> type[models.Model] | None:
    if not object_type or "." not in object_type:
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_of(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    return _fields_by_key(model, translation.get_language()).get(key)


@functools.lru_cache(maxsize=512)
def _fields_by_key(model: type[models.Model], language: str | None) -> dict[str, models.Field]:
    """A model's fields by attname, name and verbose name (the first field wins), once per
    model and language: a page of the log asks for hundreds of keys."""
    fields: dict[str, models.Field] = {}
    for field in model._meta.concrete_fields:
        for key in (field.attname, field.name, str(field.verbose_name)):
            fields.setdefault(key, field)
    return fields


def _label(field: models.Field | None, key: str) -> str:
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    if field is not None:
        label = str(field.verbose_name)
        return capfirst(label.removesuffix(" (kr)"))
    return capfirst(key.replace("_", " "))


def _describe(
    model: type[models.Model] | None,
    key: str,
    change: Any,
    names: dict[tuple[type[models.Model], str], str],
) -> DescribedChange:
    field = _field_of(model, key)
    label = _label(field, key)
    if change == MASK:
        return DescribedChange(label, str(PERSONAL_VALUE))
    if _is_change(change):
        return DescribedChange(
            label,
            before=_format(field, key, change["från"], names),
            after=_format(field, key, change["till"], names),
        )
    return DescribedChange(label, _format(field, key, change, names))


def _format(
    field: models.Field | None,
    key: str,
    value: Any,
    names: dict[tuple[type[models.Model], str], str],
) -> str:
    from .formatting import MISSING, format_number

    if value is None or value == "" or value == []:
        return MISSING
    if value is True or value is False:
        return "ja" if value else "nej"
    if isinstance(value, dict):
        return ", ".join(
            f"{_label(None, str(inner)).lower()} {_format(None, str(inner), item, names)}"
            for inner, item in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(_format(field, key, item, names) for item in value)
    if field is not None:
        if field.is_relation and field.related_model is not None:
            return names.get(
                (cast(type[models.Model], field.related_model), str(value)), f"#{value}"
            )
        if field.choices:
            labels = {str(code): text for code, text in field.flatchoices}
            if str(value) in labels:
                return str(labels[str(value)])
    if key in VALUE_LABELS and str(value) in VALUE_LABELS[key]:
        return str(VALUE_LABELS[key][str(value)])
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return _local_time(value)
    number = _number(value) if field is None or _is_numeric(field) else None
    if number is not None and key not in UNGROUPED_KEYS and not _is_year(field):
        decimals = max(0, -number.as_tuple().exponent) if number != number.to_integral() else 0  # type: ignore[operator]
        text = format_number(number, decimals)
        return f"{text} kr" if _is_amount(field, key) else text
    return str(value)


def _local_time(text: str) -> str:
    """A stored timestamp ("2026-12-07 14:45:50.420533+00:00") as the pages show times."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return Decimal(value)
    return None


def _is_numeric(field: models.Field) -> bool:
    return isinstance(field, models.IntegerField | models.DecimalField | models.FloatField)


def _is_year(field: models.Field | None) -> bool:
    return field is not None and (field.name == "year" or field.name.endswith("_year"))


def _is_amount(field: models.Field | None, key: str) -> bool:
    if key in AMOUNT_KEYS:
        return True
    if field is None:
        return False
    if str(field.verbose_name).endswith("(kr)"):
        return True
    return (
        isinstance(field, models.DecimalField)
        and field.decimal_places == 2
        and ((field.max_digits or 0) >= 14)
    )
