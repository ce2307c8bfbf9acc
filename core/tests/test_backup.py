"""backup and restore on SQLite (the local default), and what restore refuses.

The round trip runs `manage.py` in subprocesses against SQLite files of its own; the PostgreSQL
round trip with the production roles is in test_deployment_postgres.py.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.backup import FORMAT, FORMAT_VERSION, prune_backups

BASE_DIR = Path(__file__).resolve().parents[2]


def _manage(database: Path, var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{database}", SAMORDNA_VAR_DIR=str(var_dir))
    return subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        timeout=300,
    )


def _tables(database: Path) -> dict[str, list[str]]:
    with sqlite3.connect(database) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(
                repr(row)
                for row in connection.execute(f'SELECT * FROM "{name}"')  # noqa: S608
            )
            for name in names
        }


def _audit_actions(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT id, action, changes FROM core_auditevent ORDER BY id"
        ).fetchall()


@pytest.mark.slow
def test_sqlite_backup_restores_into_a_new_file_with_every_row_and_file_equal(tmp_path):
    source, source_var = tmp_path / "source.sqlite3", tmp_path / "var-source"
    for args in (("migrate", "-v0"), ("create_forbund", "norra", "Norra förbundet")):
        result = _manage(source, source_var, *args)
        assert result.returncode == 0, result.stderr
    media = source_var / "media" / "rapporter" / "plan.docx"
    media.parent.mkdir(parents=True)
    media.write_bytes(b"PK\x03\x04 docx bytes")
    before = _tables(source)

    result = _manage(source, source_var, "backup", "-o", str(tmp_path / "out") + "/")
    assert result.returncode == 0, result.stderr
    (archive,) = (tmp_path / "out").glob("samordna-backup-*.tar")
    assert _audit_actions(source)[-1][1] == "system.backup"

    target, target_var = tmp_path / "target.sqlite3", tmp_path / "var-target"
    result = _manage(target, target_var, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    after = _tables(target)
    assert set(after) == set(before)
    for table in before:
        if table != "core_auditevent":
            assert after[table] == before[table], table
    # The audit log is the snapshot's plus the restore's own entry.
    assert _audit_actions(target)[:-1] == _audit_actions(source)[:-1]
    assert _audit_actions(target)[-1][1] == "system.restore"
    assert (target_var / "media" / "rapporter" / "plan.docx").read_bytes() == media.read_bytes()

    again = _manage(target, tmp_path / "var-other", "restore", str(archive))
    assert again.returncode != 0
    assert "är inte tom" in again.stderr
    assert "Traceback" not in again.stderr
    assert _tables(target) == after


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _manifest(**database) -> bytes:
    return json.dumps(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": "2026-01-01T00:00:00+00:00",
            "database": {"vendor": "sqlite", "file": "database.sqlite3", **database},
            "tables": {},
            "files": {"root": "MEDIA_ROOT", "count": 0, "sha256": {}},
        }
    ).encode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("members", "message"),
    [
        (None, "är ingen säkerhetskopia (inte en tar-fil)"),
        ({"database.sqlite3": b"x"}, "manifest.json saknas eller är trasig"),
        ({"manifest.json": b"{not json"}, "manifest.json saknas eller är trasig"),
        ({"manifest.json": b'{"format": "annat"}'}, "Okänt format på säkerhetskopian"),
        (
            {"manifest.json": _manifest(file="../../etc/passwd")},
            "Manifestet i säkerhetskopian är ofullständigt",
        ),
        (
            {"manifest.json": _manifest(sha256="0" * 64), "../utanfor.txt": b"x"},
            "går inte att packa upp",
        ),
        (
            {"manifest.json": _manifest(sha256="0" * 64), "database.sqlite3": b"SQLite"},
            "Databasfilen i säkerhetskopian saknas eller är skadad",
        ),
    ],
)
def test_restore_refuses_broken_or_hostile_archives_before_writing(tmp_path, members, message):
    path = tmp_path / "kopia.tar"
    if members is None:
        path.write_bytes(b"not a tar file at all" * 100)
    else:
        _archive(path, members)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))
    assert message in str(error.value)
    assert not (tmp_path / "utanfor.txt").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["symlink", "absolute", "device"])
def test_restore_refuses_links_absolute_paths_and_devices(tmp_path, kind):
    path = tmp_path / "kopia.tar"
    with tarfile.open(path, "w") as archive:
        data = _manifest(sha256="0" * 64)
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        if kind == "symlink":
            link = tarfile.TarInfo("files/länk")
            link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(link)
        elif kind == "absolute":
            info = tarfile.TarInfo(str(tmp_path / "absolut.txt"))
            info.size = 1
            archive.addfile(info, io.BytesIO(b"x"))
        else:
            device = tarfile.TarInfo("files/enhet")
            device.type = tarfile.CHRTYPE
            archive.addfile(device)
    with pytest.raises(CommandError, match="går inte att packa upp: otillåten post"):
        call_command("restore", str(path))
    assert not (tmp_path / "absolut.txt").exists()


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", str(tmp_path / "saknas.tar"))


def test_prune_keeps_the_newest_archives(tmp_path):
    names = [f"samordna-backup-2026010{day}T020000Z.tar" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "annan-fil.tar").write_bytes(b"x")
    removed = prune_backups(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annan-fil.tar", *names[3:]]
