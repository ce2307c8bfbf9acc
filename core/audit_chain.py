"""The hash chain over the audit log (docs/granskning.md).

Every AuditEvent carries `prev_hash`, the `row_hash` of the event before it (in id order), and
its own `row_hash`: SHA-256 over a canonical serialisation (JSON, sorted keys, no spaces, UTF-8)
of its fields and `prev_hash`. Changing, deleting or slipping in a row breaks the chain from that
row on, which `manage.py verify_audit` finds.

Appends are serialised so that the chain never forks: on PostgreSQL a transaction-level advisory
lock (held until the surrounding transaction ends, so the ids of the chain follow the order of
the commits), on SQLite the database's write lock, taken before the last row is read.

The serialisation is version 1 (`"v": 1` in the hashed text); changing it needs a new version
that verify_audit still reads alongside the old one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.utils import timezone

if TYPE_CHECKING:
    from .models import AuditEvent

VERSION = 1
GENESIS = "0" * 64  # prev_hash of the first event
# Key of the PostgreSQL advisory lock that serialises appends (one bigint: its key space does
# not overlap the two-int4 keys that other locks of the project may use).
ADVISORY_LOCK_KEY = 0x5A4D_0A0D_A0D1  # "samordna audit"

HASHED_FIELDS = (
    "at",
    "forbund_id",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
)


def _normalise(value: Any) -> Any:
    """What the JSON of `value` reads back as from either database: lists for tuples, string
    keys, and integral floats as ints (PostgreSQL's jsonb prints 1e16 as 10000000000000000)."""
    if isinstance(value, dict):
        return {str(key): _normalise(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical_time(at: datetime) -> str:
    if timezone.is_naive(at):
        at = timezone.make_aware(at, UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(fields: dict[str, Any], prev_hash: str) -> bytes:
    """The bytes hashed for one event: its fields (HASHED_FIELDS) and the previous hash."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["at"] = canonical_time(fields["at"])
    payload["changes"] = _normalise(json.loads(json.dumps(fields["changes"] or {})))
    payload["prev_hash"] = prev_hash
    payload["v"] = VERSION
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # surrogatepass: a lone surrogate in some text (SQLite stores it) must not stop the log.
    return text.encode("utf-8", "surrogatepass")


def row_hash(fields: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(fields, prev_hash)).hexdigest()


def fields_of(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


def lock_and_read_head(using: str, table: str) -> str:
    """Serialise appenders (until the surrounding transaction ends) and return the row_hash of
    the last event, or GENESIS. Must run inside transaction.atomic(using=using)."""
    connection = connections[using]
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        elif connection.vendor == "sqlite":
            # A write statement takes SQLite's RESERVED lock now (it matches no row, so the
            # append-only trigger does not fire): no other connection can append between the
            # read below and our insert.
            cursor.execute(f"UPDATE {quoted} SET id = id WHERE 0")  # noqa: S608
        cursor.execute(f"SELECT row_hash FROM {quoted} ORDER BY id DESC LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row and row[0] else GENESIS


def seal(events: Sequence[AuditEvent], using: str) -> None:
    """Stamp the time and chain `events` (about to be inserted in this order) onto the log."""
    if not events:
        return
    previous = lock_and_read_head(using, events[0]._meta.db_table)
    now = timezone.now()
    for event in events:
        event.at = now
        event.prev_hash = previous
        event.row_hash = previous = row_hash(fields_of(event), previous)


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold."""

    id: int
    at: datetime
    reason: str  # "changed": the row's own hash is wrong; "link": its prev_hash is not the
    # row_hash of the row before it (a row before it was deleted, or it was inserted later)


@dataclass(frozen=True)
class Verification:
    count: int
    head_id: int | None
    head_hash: str
    broken: Break | None
    anchors_missing: tuple[tuple[int, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.anchors_missing


def walk(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each row with the reason it breaks the chain (None when it holds), in order."""
    previous = GENESIS
    for row in rows:
        if row["prev_hash"] != previous:
            yield row, "link"
        elif row_hash(row, row["prev_hash"]) != row["row_hash"]:
            yield row, "changed"
        else:
            yield row, None
        previous = row["row_hash"]


def verify(rows: Iterable[dict[str, Any]], anchors: dict[int, str] | None = None) -> Verification:
    """Recompute the chain over `rows` (dicts of HASHED_FIELDS, id, prev_hash and row_hash, in
    id order). `anchors` (id -> row_hash recorded earlier) must still be there: that finds
    events deleted from the end of the log, which the chain alone cannot see."""
    count, head_id, head_hash = 0, None, GENESIS
    anchors = dict(anchors or {})
    for row, reason in walk(rows):
        if reason is not None:
            return Verification(count, head_id, head_hash, Break(row["id"], row["at"], reason))
        count += 1
        head_id, head_hash = row["id"], row["row_hash"]
        if anchors.get(row["id"]) == row["row_hash"]:
            anchors.pop(row["id"])
    return Verification(count, head_id, head_hash, None, tuple(sorted(anchors.items())))
