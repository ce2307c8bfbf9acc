"""An import lock held by someone else, for the tests of what a second import meets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from core.locks import import_lock


@contextmanager
def import_lock_held_elsewhere(forbund, name: str) -> Iterator[None]:
    """For the duration of the block, another database connection (in another thread) holds the
    förbund's import lock `name`, as a parallel import would. PostgreSQL only: the lock is an
    advisory lock there, and SQLite has one writer anyway."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic(), import_lock(forbund, name):
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30), "the other connection did not get the lock"
        yield
    finally:
        release.set()
        holder.join()
