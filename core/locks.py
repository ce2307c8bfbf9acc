"""One import of a kind per förbund at a time.

    with transaction.atomic():
        with import_lock(forbund, "participants"):   # raises ImportBusy at once if taken
            plan = compare_with_what_is_stored(...)
            write(plan)

PostgreSQL: `pg_try_advisory_xact_lock(kind, förbund id)`, held until the transaction ends (a
killed process's lock goes with its connection). Other databases (SQLite, for development):
the database's write lock, taken at once; a second writer waiting longer than the database's
timeout gets ImportBusy too. With the import lock the import also holds the förbund's row
(`versioning.lock_forbund`), as pages that save a set of the förbund's rows do.

The comparison with what is stored belongs inside the lock: two imports of the same file then
cannot both find the same rows missing (one wins, the other finds them there), and an update
import logs only the changes it really makes.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection
from django.utils.translation import gettext as _


class ImportBusy(Exception):
    """Another import of the same kind is being written for the förbund; nothing was saved."""

    def __init__(self, message: str | None = None):
        super().__init__(message or busy_message())


def busy_message() -> str:
    return _(
        "En annan import pågår för förbundet just nu. Inget har sparats; försök igen om en "
        "stund (finns filens rader redan då, ändras ingenting)."
    )


def lock_key(kind: str) -> int:
    """A stable signed 32-bit number for the kind (advisory locks take two int4 keys)."""
    value = zlib.crc32(f"samordna.import.{kind}".encode())
    return value - (1 << 32) if value >= (1 << 31) else value


@contextmanager
def import_lock(forbund, kind: str) -> Iterator[None]:
    """Hold the import lock of `kind` for `forbund` (None: installation-wide data) until the
    surrounding transaction ends. Must be called inside transaction.atomic."""
    if not connection.in_atomic_block:
        raise RuntimeError("import_lock needs a transaction (transaction.atomic).")
    forbund_id = getattr(forbund, "pk", None) or 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [lock_key(kind), forbund_id])
            (taken,) = cursor.fetchone()
        if not taken:
            raise ImportBusy
        if forbund is not None:
            # Pages that save many of the förbund's rows at once (the key, contributions)
            # hold this too: they wait for the import and then find their rows changed.
            # (Imported here: core.tabular, which uses this module, loads before the models.)
            from .versioning import lock_forbund

            lock_forbund(forbund)
    else:
        try:
            with connection.cursor() as cursor:
                # Any write takes SQLite's database lock until the transaction ends; this one
                # changes nothing.
                cursor.execute("UPDATE django_migrations SET id = id WHERE 0 = 1")
        except OperationalError as error:
            if "locked" in str(error):
                raise ImportBusy from None
            raise
    yield
