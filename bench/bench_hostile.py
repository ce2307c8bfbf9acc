"""Peak memory and time of imports of the worst files (issue 12: under 500 MB and 30 s).

    .venv/bin/python -m bench.bench_hostile                     # SQLite (a file under var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.bench_hostile
    .venv/bin/python -m bench.bench_hostile --only zip-bomb csv-million

Each file is imported in a process of its own (`--child`), so its peak RSS
(resource.getrusage) is the import's alone; the baseline is the same process after Django
and the importers are loaded, before the file is read. The files are the hostile corpus's
largest (core/tests/hostile: zip bombs, a million rows, 200 000 columns, huge shared strings,
a 10 MB line, SIE over the line limit) and the largest files the limits let through: a valid
participant file of MAX_ROWS rows as CSV and XLSX, and a valid SIE file just under
SIE_MAX_LINES. The scratch test database (test_<name>) is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")

TABULAR = (
    "xlsx-zzzzzz2",
    "xlsx-200000-columns",
    "xlsx-zip-bomb",
    "xlsx-zip-bomb-ratio",
    "xlsx-zip-bomb-lying-sizes",
    "xlsx-many-shared-strings",
    "xlsx-long-shared-string",
    "xlsx-million-rows",
    "xlsx-doctype-billion-laughs-sheet",
    "csv-field-over-128-kib",
    "csv-10-mb-line",
    "csv-200000-columns",
    "csv-million-rows",
    "csv-wide-rows",
)
SIE = ("sie-too-many-lines", "sie-10-mb-line", "sie-amount-5000-digits")
LEGIT = ("deltagare-max-rader.csv", "deltagare-max-rader.xlsx", "sie-max-rader.se")


def _rss_mb() -> float:
    """Peak RSS of this process in MB: VmHWM (Linux), which exec starts afresh, unlike
    ru_maxrss, which a child inherits from the larger parent that started it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _legit_file(name: str, folder: Path) -> Path:
    """A valid file at the limits (built once into `folder`)."""
    from core import limits
    from samples.participant_rows import participant_rows, write_rows

    path = folder / name
    if path.exists():
        return path
    if name.startswith("deltagare"):
        write_rows(participant_rows(limits.MAX_ROWS, 50, 10), path)
    else:
        from samples.bulk_books import generate

        # About 1.85 lines per #TRANS row (vouchers of 2–5 rows): just under the line limit.
        path.write_bytes(generate(int(limits.SIE_MAX_LINES / 1.9)).encode("cp437"))
    return path


def prepare(name: str, folder: Path) -> Path:
    """The file on disk, built in the parent so that the child's peak is the import's."""
    from core.tests.hostile import sie_cases, tabular_cases

    if name in LEGIT:
        return _legit_file(name, folder)
    case = next(c for c in (*tabular_cases(), *sie_cases()) if c.name == name)
    path = folder / f"{name}{Path(case.filename).suffix}"
    path.write_bytes(case.data())
    return path


def child(path: Path) -> dict:
    """Import one file into the förbund `bench` and report what it cost."""
    django.setup()
    from django_scopes import scopes_disabled

    from economy.services import SieImportError, import_sie
    from organisations.models import Forbund
    from participants.services import import_participants

    with scopes_disabled():
        forbund = Forbund.objects.get(slug="bench")
    baseline = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if path.suffix == ".se":
        try:
            books = import_sie(forbund, path)
            outcome = f"inläst: {books.transactions} transaktioner"
        except SieImportError as error:
            outcome = "avvisad: " + error.problems[0][:90]
    else:
        result = import_participants(forbund, path, path.name)
        outcome = (
            f"inläst: {result.created} nya, {result.unchanged} oförändrade"
            if result.ok
            else "avvisad: " + str(result.errors[0])[:90]
        )
    return {
        "file": path.stem if path.name not in LEGIT else path.name,
        "bytes": path.stat().st_size,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "baseline_mb": baseline,
        "peak_mb": _rss_mb(),
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät minne och tid för fientliga filer.")
    parser.add_argument("--only", nargs="*", help="bara filer vars namn innehåller någon av dessa")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="bygg filerna i den här mappen och behåll dem")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench.bench_participants import make_forbund

    if connection.vendor == "sqlite":
        test_file = settings.BASE_DIR / "var" / "bench_hostile.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(test_file)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        make_forbund("bench", 50)
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{db['NAME']}"
        else:
            url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        connection.close()
        names = [*TABULAR, *SIE, *LEGIT]
        if args.only:
            names = [n for n in names if any(part in n for part in args.only)]
        print(f"Databas: {connection.vendor}; gränser: core/limits.py")
        print("| fil | storlek | tid | CPU | topp-RSS (bas) | utfall |")
        print("|---|---|---|---|---|---|")
        with tempfile.TemporaryDirectory() as scratch:
            folder = args.keep or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            for name in names:
                path = prepare(name, folder)
                command = [sys.executable, "-m", "bench.bench_hostile", "--child", str(path)]
                done = subprocess.run(  # noqa: S603 - our own module, our arguments
                    command,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "DATABASE_URL": url},
                    check=False,
                )
                if done.returncode:
                    print(f"| {name} | KRASCH | | | | {done.stderr.strip().splitlines()[-1:]} |")
                    continue
                r = json.loads(done.stdout.strip().splitlines()[-1])
                print(
                    f"| {r['file']} | {r['bytes'] / 1e6:.1f} MB | {r['wall']:.2f} s | "
                    f"{r['cpu']:.2f} s | {r['peak_mb']:.0f} MB ({r['baseline_mb']:.0f} MB) | "
                    f"{r['outcome']} |",
                    flush=True,
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
