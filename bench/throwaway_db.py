"""A database of the benchmark's own for one run, through Django's test-database machinery."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def throwaway_database(prefix: str = "samordna_bench") -> Iterator[Path]:
    """Create a fresh, migrated database and remove it afterwards; yields a temporary folder.

    On SQLite a file in that folder; on PostgreSQL `PREFIX_PID`, a name of its own so that a
    run never clobbers a test database another run is using."""
    from django.db import connection

    with tempfile.TemporaryDirectory() as folder:
        test_settings = connection.settings_dict["TEST"]
        test_settings["NAME"] = f"{prefix}_{os.getpid()}"
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(folder) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            yield Path(folder)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
