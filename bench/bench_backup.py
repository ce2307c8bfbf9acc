"""Time `backup` and `restore` on PostgreSQL with a realistic amount of data (docs/benchmarks.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_backup
    python -m bench.bench_backup --rows 20000

Makes its own databases on that server (dropped at the end): migrates one, loads the demo
förbund and imports a generated participant file of --rows rows into a second förbund, then
runs `manage.py backup` and `manage.py restore` into a new empty database as subprocesses,
exactly as an operator would. Prints the rows, the archive size and the seconds of each.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent


def _manage(env: dict[str, str], *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} misslyckades:\n{result.stderr}")
    return elapsed, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL måste peka på PostgreSQL (en superanvändare).")
    server = dj_database_url.parse(url)
    suffix = secrets.token_hex(4)
    source, target = f"bench_backup_{suffix}", f"bench_backup_{suffix}_restored"
    admin = psycopg.connect(
        host=server["HOST"] or "127.0.0.1",
        port=server["PORT"] or 5432,
        user=server["USER"],
        password=server["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    base_url = url.rsplit("/", 1)[0]
    try:
        for name in (source, target):
            admin.execute(f'CREATE DATABASE "{name}"')
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_OWNER_URL"}
            env.update(DATABASE_URL=f"{base_url}/{source}", SAMORDNA_VAR_DIR=str(work / "var"))
            _manage(env, "migrate", "-v0")
            _manage(env, "load_demo")
            participants, insatser = work / "deltagare.csv", work / "insatser.csv"
            subprocess.run(  # noqa: S603 (our own arguments)
                [
                    sys.executable,
                    "-m",
                    "bench.generate_participants",
                    "--rows",
                    str(options.rows),
                    "-o",
                    str(participants),
                    "--insats-file",
                    str(insatser),
                ],
                check=True,
                cwd=BASE_DIR,
                capture_output=True,
            )
            _manage(env, "create_forbund", "matning", "Mätförbundet")
            _manage(env, "import_interventions", "--forbund", "matning", str(insatser))
            _manage(env, "import_participants", "--forbund", "matning", str(participants))

            backup_seconds, backup_output = _manage(env, "backup", "-o", f"{work}/out/")
            (archive,) = (work / "out").glob("samordna-backup-*.tar")
            restore_env = {
                **env,
                "DATABASE_URL": f"{base_url}/{target}",
                "SAMORDNA_VAR_DIR": str(work / "var-restored"),
            }
            restore_seconds, restore_output = _manage(restore_env, "restore", str(archive))
            print(backup_output)
            print(restore_output)
            print(
                f"participant rows {options.rows}: archive {archive.stat().st_size / 1e6:.1f} MB, "
                f"backup {backup_seconds:.2f} s, restore with verification "
                f"{restore_seconds:.2f} s (each including the command's start, about 1 s)"
            )
    finally:
        for name in (source, target):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
