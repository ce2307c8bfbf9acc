"""Backup and restore: the whole database and the uploaded files in one archive with a manifest.

The archive is an uncompressed tar (the PostgreSQL dump is compressed already):

    manifest.json       what is inside: time, versions, every table's row count and checksum,
                        every file's SHA-256
    database.pgdump     `pg_dump --format=custom` (PostgreSQL), or
    database.sqlite3    a copy made with SQLite's online backup API
    files/…             MEDIA_ROOT

On PostgreSQL the checksums and the dump see the same snapshot (pg_export_snapshot), so the
manifest describes exactly what the dump holds even while the application writes. A restore
goes into an empty database only (unless forced), then recomputes every checksum and fails
loudly on any difference. Pending uploads in VAR_DIR/uploads are not backed up: they live a
day at most and only until the user confirms them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections, transaction

FORMAT = "samordna-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
FILES_PREFIX = "files/"
ARCHIVE_GLOB = "samordna-backup-*.tar"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    tables: int
    rows: int
    files: int
    media_moved_to: Path | None


# --- checksums ----------------------------------------------------------------------------------


def table_fingerprints(alias: str = "default") -> dict[str, dict[str, object]]:
    """Every table's row count and an MD5 over its rows in a fixed order.

    Call inside a transaction to get one consistent snapshot (backup does).
    """
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return _postgres_fingerprints(connection)
    if connection.vendor == "sqlite":
        # A plain connection: Django's converts dates and decimals, the backup's copy does not.
        plain = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            return sqlite_fingerprints(plain)
        finally:
            plain.close()
    raise CommandError(f"Säkerhetskopiering stöds inte för databasen {connection.vendor}.")


# Rows in a fixed order (bytewise, whatever the database's collation) hashed as text.
_PG_TABLE_CHECKSUM = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' "
    "ORDER BY t::text COLLATE \"C\"), '')) FROM {table} t"
)


def _postgres_fingerprints(connection) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The text form of a row depends on these; fix them so two servers agree.
        cursor.execute(
            "SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', "
            "true), set_config('IntervalStyle', 'postgres', true), "
            "set_config('extra_float_digits', '1', true)"
        )
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        for (table,) in cursor.fetchall():
            query = _PG_TABLE_CHECKSUM.format(table=quote(table))
            cursor.execute(query)
            rows, digest = cursor.fetchone()
            result[table] = {"rows": rows, "md5": digest}
    return result


def sqlite_fingerprints(database: sqlite3.Connection) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    tables = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    for (table,) in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        lines = sorted(repr(row) for row in database.execute(f"SELECT * FROM {quoted}"))  # noqa: S608
        digest = hashlib.md5("\n".join(lines).encode(), usedforsecurity=False).hexdigest()
        result[table] = {"rows": len(lines), "md5": digest}
    return result


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every regular file under root (symlinks are not followed)."""
    if not root.is_dir():
        return {}
    entries = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            entries[path.relative_to(root).as_posix()] = _sha256(path)
    return entries


# --- PostgreSQL tools ---------------------------------------------------------------------------


def _libpq_environment(settings_dict: dict) -> dict[str, str]:
    """pg_dump and pg_restore get the connection through libpq's variables (no password on
    the command line, where `ps` would show it)."""
    env = dict(os.environ)
    for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE"):
        env.pop(key, None)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run_tool(arguments: list[str], settings_dict: dict) -> str:
    tool = arguments[0]
    if shutil.which(tool) is None:
        raise CommandError(
            f"{tool} saknas: installera PostgreSQL-klienten (Debian: postgresql-client)."
        )
    completed = subprocess.run(  # noqa: S603 (pg_dump/pg_restore, arguments of our own)
        arguments,
        env=_libpq_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise CommandError(f"{tool} misslyckades: {completed.stderr.strip()}")
    return completed.stdout


def _tool_version(tool: str) -> str:
    if shutil.which(tool) is None:
        return ""
    completed = subprocess.run([tool, "--version"], capture_output=True, text=True)  # noqa: S603
    return completed.stdout.strip()


# --- backup -------------------------------------------------------------------------------------


def _git_commit() -> str:
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 (git from PATH; optional)
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def _base_manifest(connection) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {
            "samordna_git": _git_commit(),
            "django": django.get_version(),
            "python": platform.python_version(),
        },
        "database": {"vendor": connection.vendor},
    }


def create_backup(output: Path, alias: str = "default") -> BackupResult:
    """Writes the archive to `output` (a file path, replaced only when complete; mode 0600)."""
    from core.dbroles import as_owner

    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        folder = Path(work)
        with as_owner(alias):
            connection = connections[alias]
            manifest = _base_manifest(connection)
            if connection.vendor == "postgresql":
                database_file = folder / PG_DUMP_FILE
                manifest["tables"] = _dump_postgres(connection, database_file, manifest)
            elif connection.vendor == "sqlite":
                database_file = folder / SQLITE_FILE
                manifest["tables"] = _copy_sqlite(connection, database_file)
            else:
                raise CommandError(
                    f"Säkerhetskopiering stöds inte för databasen {connection.vendor}."
                )
        manifest["database"]["file"] = database_file.name
        manifest["database"]["sha256"] = _sha256(database_file)
        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        manifest["files"] = {"root": "MEDIA_ROOT", "count": len(files), "sha256": files}
        temporary = folder / "archive.tar"
        with tarfile.open(temporary, "w") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=database_file.name, recursive=False)
            for relative in files:
                archive.add(media_root / relative, arcname=FILES_PREFIX + relative)
        os.chmod(temporary, 0o600)
        os.replace(temporary, output)
    return BackupResult(output, manifest)


def _dump_postgres(connection, target: Path, manifest: dict) -> dict:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        tables = _postgres_fingerprints(connection)
        # pg_dump reads the very snapshot the checksums were computed on.
        _run_tool(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            connection.settings_dict,
        )
    manifest["database"]["server_version"] = server_version
    manifest["database"]["dump_tool"] = _tool_version("pg_dump")
    return tables


def _copy_sqlite(connection, target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The checksums are taken from the copy: exactly what the archive holds.
        return sqlite_fingerprints(copy)
    finally:
        copy.close()


def default_backup_path(folder: Path | None = None) -> Path:
    folder = Path(folder or settings.SAMORDNA_BACKUP_DIR)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"samordna-backup-{stamp}.tar"


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Deletes all but the `keep` newest archives in folder; returns what it deleted."""
    archives = sorted(folder.glob(ARCHIVE_GLOB))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- restore ------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        handle = archive.extractfile(member)
        if handle is None:
            raise KeyError(MANIFEST)
        manifest = json.loads(handle.read().decode())
    except (KeyError, ValueError, UnicodeDecodeError) as error:
        raise CommandError(
            "Filen är ingen säkerhetskopia från Samordna (manifest.json saknas eller är trasig)."
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise CommandError(
            f"Okänt format på säkerhetskopian: {manifest.get('format')} "
            f"version {manifest.get('format_version')}."
        )
    database = manifest.get("database")
    files = manifest.get("files")
    if (
        not isinstance(database, dict)
        or database.get("file") not in (PG_DUMP_FILE, SQLITE_FILE)
        or not isinstance(manifest.get("tables"), dict)
        or not isinstance(files, dict)
        or not isinstance(files.get("sha256"), dict)
    ):
        raise CommandError("Manifestet i säkerhetskopian är ofullständigt.")
    return manifest


@contextmanager
def open_archive(path: Path) -> Iterator[tarfile.TarFile]:
    try:
        archive = tarfile.open(path, "r:")  # noqa: SIM115 (closed below, after the checks)
    except FileNotFoundError as error:
        raise CommandError(f"Filen {path} finns inte.") from error
    except OSError as error:
        raise CommandError(f"Kan inte läsa {path}: {error.strerror}.") from error
    except tarfile.TarError as error:
        raise CommandError(f"{path} är ingen säkerhetskopia (inte en tar-fil).") from error
    with archive:
        yield archive


def _safe_extract(archive: tarfile.TarFile, folder: Path) -> None:
    """Extracts regular files and folders only, never outside `folder`.

    Written out rather than tarfile's filter="data", which Debian 12's Python 3.11.2 lacks.
    """
    try:
        for member in archive.getmembers():
            parts = PurePosixPath(member.name).parts
            if (
                not parts
                or member.name.startswith(("/", "\\"))
                or ".." in parts
                or not (member.isfile() or member.isdir())
            ):
                raise CommandError(
                    f"Säkerhetskopian går inte att packa upp: otillåten post {member.name!r}."
                )
            target = folder.joinpath(*parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is None:
                raise CommandError(f"Säkerhetskopian går inte att packa upp: {member.name!r}.")
            with source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"Säkerhetskopian går inte att packa upp: {error}") from error


def _user_tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        return [name for (name,) in cursor.fetchall()]


def restore_backup(path: Path, *, force: bool = False, alias: str = "default") -> RestoreResult:
    """Restores database and files from an archive written by create_backup.

    Everything is checked before anything is written: the archive, the database file's
    SHA-256, that the database is empty and MEDIA_ROOT is empty (unless force).
    """
    from core.dbroles import as_owner, grant_app_privileges

    media_root = Path(settings.MEDIA_ROOT)
    # Unpacked beside the data, not in /tmp (often a small tmpfs); removed at the end.
    var_dir = Path(settings.VAR_DIR)
    var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with (
        open_archive(path) as archive,
        tempfile.TemporaryDirectory(prefix=".restore-", dir=var_dir) as work,
    ):
        manifest = read_manifest(archive)
        folder = Path(work)
        _safe_extract(archive, folder)
        database_file = folder / manifest["database"]["file"]
        if not database_file.is_file() or _sha256(database_file) != manifest["database"].get(
            "sha256"
        ):
            raise CommandError("Databasfilen i säkerhetskopian saknas eller är skadad.")
        files_dir = folder / FILES_PREFIX.rstrip("/")
        expected_files = manifest["files"]["sha256"]
        if media_files(files_dir) != expected_files:
            raise CommandError("Filerna i säkerhetskopian stämmer inte med manifestet.")
        media_has_files = media_root.is_dir() and any(media_root.iterdir())
        if media_has_files and not force:
            raise CommandError(
                f"Filkatalogen {media_root} är inte tom: återställ till en tom katalog eller "
                "ange --force."
            )

        with as_owner(alias) as app_role:
            connection = connections[alias]
            vendor = manifest["database"]["vendor"]
            if vendor != connection.vendor:
                raise CommandError(
                    f"Säkerhetskopian är från {vendor} men databasen är {connection.vendor}."
                )
            existing = _user_tables(connection)
            if existing and not force:
                raise CommandError(
                    f"Databasen {connection.settings_dict['NAME']} är inte tom "
                    f"({len(existing)} tabeller): återställ till en tom databas eller ange "
                    "--force."
                )
            if vendor == "postgresql":
                _restore_postgres(connection, database_file, clean=bool(existing))
                if app_role:
                    grant_app_privileges(app_role, alias)
            else:
                _restore_sqlite(connection, database_file)
            actual = table_fingerprints(alias)
        differences = sorted(
            table
            for table in set(actual) | set(manifest["tables"])
            if actual.get(table) != manifest["tables"].get(table)
        )
        if differences:
            raise CommandError(
                "Återställningen stämmer inte med säkerhetskopian i tabellerna: "
                + ", ".join(differences[:20])
            )

        moved_to = None
        if expected_files or media_has_files:
            moved_to = _restore_files(files_dir, media_root)
    rows = sum(int(entry["rows"]) for entry in manifest["tables"].values())
    return RestoreResult(manifest, len(manifest["tables"]), rows, len(expected_files), moved_to)


def _restore_postgres(connection, database_file: Path, *, clean: bool) -> None:
    connection.close()
    arguments = [
        "pg_restore",
        "--no-owner",
        "--no-acl",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={connection.settings_dict['NAME']}",
    ]
    if clean:
        arguments += ["--clean", "--if-exists"]
    _run_tool([*arguments, str(database_file)], connection.settings_dict)


def _restore_sqlite(connection, database_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(database_file)
    try:
        # Replaces the whole content of the target database, in one step.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_files(source: Path, media_root: Path) -> Path | None:
    """Moves the restored files into MEDIA_ROOT; an existing MEDIA_ROOT is kept beside it."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".media-restore-"))
    if source.is_dir():
        shutil.copytree(source, staging, dirs_exist_ok=True)
    moved_to = None
    if media_root.is_dir() and not any(media_root.iterdir()):
        media_root.rmdir()
    if media_root.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        moved_to = media_root.with_name(f"{media_root.name}.fore-aterstallning-{stamp}")
        os.replace(media_root, moved_to)
    os.replace(staging, media_root)
    return moved_to
